/**
 * The fuzz loop of OID Trace's parser and rules, shared by bench/fuzz.ts (a
 * developer runs it for minutes) and test/hostile/fuzz.test.ts (CI runs it for
 * a few seconds). Inputs are the samples and fixtures, mutated: lines swapped,
 * duplicated, deleted; bytes flipped; junk spliced in; numbers made huge or
 * negative; timestamps sent back by hours; other line ends and encodings;
 * truncation. Each input is made from (seed, run number) alone, so any failure
 * reproduces with `npx tsx bench/fuzz.ts --seed S --run N`.
 *
 * For each input it checks that
 * - analyze never throws and reports no internal error;
 * - every diagnostic, related location and event is inside the text;
 * - analyzeStream, the text cut into random chunks, says what analyze says;
 * - the CLI (`lint --format json`, in-process) writes valid JSON of the
 *   documented shape, exits 0, 1 or 2, says "not a text trace" exactly when the
 *   bytes look binary, and otherwise reports what analyze reports.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng as rng } from '../../bench/prng.mjs';
import { analyze, decodeText, looksBinary, type AnalysisResult } from '../../src/engine';
import { runCli, type CliRun } from '../helpers/cli';
import { checkPositions, checkStreamEqualsWhole } from '../properties/invariants';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Seeded random numbers (mulberry32), the benchmarks' own. */
export { rng };

interface Seed {
  name: string;
  text: string;
}

let corpus: Seed[] | undefined;

/** The samples and fixtures: real-looking traces of both dialects. */
export function seeds(): Seed[] {
  if (!corpus) {
    corpus = [];
    for (const dir of ['samples', 'test/fixtures']) {
      for (const name of readdirSync(join(ROOT, dir)).sort()) {
        if (/\.(oidtrace|log|txt)$/.test(name)) corpus.push({ name, text: readFileSync(join(ROOT, dir, name), 'utf8') });
      }
    }
  }
  return corpus;
}

const JUNK = [
  'OID_NIC_SWITCH_DELETE_VPORT',
  'OID_SRIOV_RESET_VF',
  'OID_NIC_SWITCH_FREE_VF',
  'OID_RECEIVE_FILTER_MOVE_FILTER',
  'OID_NIC_SWITCH_ALLOCATE_VF',
  'OID_NIC_SWITCH_CREATE_VPORT',
  'OID_NIC_SWITCH_FREE_VPORT',
  'OID_NIC_SWITCH_DELTE_VPORT',
  'OID_',
  '00010255',
  '0x00010244',
  'COMPLETE',
  'complete',
  '<--',
  '-->',
  'Set',
  'Query',
  'SET',
  'NOTIFY',
  'HALT',
  'DATAPATH path=vf',
  'BIND',
  'UNBIND',
  'NDIS_STATUS_FAILURE',
  'NDIS_STATUS_PENDING',
  'Status 0xC00000BB',
  'Status',
  'vf=',
  'vf=2',
  'VFId:',
  'VPortId',
  'vport=0',
  'from=3 to=0',
  '# oidtrace-disable',
  '# oidtrace-disable-next-line teardown-order',
  '@adapter',
  '@adapter pf1 "x"',
  '"',
  '->',
  '=',
  '#',
  '[1]0A3C.0F10::',
  '[mlx5]',
  '11/21/2026-10:41:07.1',
  '23:59:60.999999999',
  '2026-11-21T10:41:07+05:30',
  '99:99:99',
  '\0',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\uFEFF',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '😀',
  'é',
  '%%{init: {}}%%',
  '<img src=x onerror=alert(1)>',
];

const HUGE = [
  '18446744073709551616',
  '18446744073709551615',
  '-1',
  '-9223372036854775809',
  '0x' + 'f'.repeat(16),
  '0x' + 'f'.repeat(40),
  '9'.repeat(70),
  '007',
  '0',
  '-0',
  '4294967296',
  '1e9',
  'NaN',
];

export interface FuzzInput {
  bytes: Uint8Array;
  /** undefined: standard input, the dialect sniffed. */
  fileName?: string;
  /** What was done to the seed, for the report. */
  steps: string[];
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, n: number) => Math.floor(r() * n);

/** Line-level mutations on text. */
function mutateText(r: () => number, text: string, steps: string[]): string {
  const lines = text.split('\n');
  const rounds = 1 + int(r, 4);
  for (let k = 0; k < rounds; k++) {
    const at = int(r, lines.length);
    const op = int(r, 12);
    switch (op) {
      case 0: {
        const b = int(r, lines.length);
        [lines[at], lines[b]] = [lines[b]!, lines[at]!];
        steps.push(`swap lines ${at + 1} and ${b + 1}`);
        break;
      }
      case 1:
        lines.splice(at, 0, lines[at] ?? '');
        steps.push(`duplicate line ${at + 1}`);
        break;
      case 2:
        lines.splice(at, 1);
        steps.push(`delete line ${at + 1}`);
        break;
      case 3: {
        const parts: string[] = [];
        for (let n = int(r, 6); n >= 0; n--) parts.push(pick(r, JUNK));
        const line = lines[at] ?? '';
        const col = int(r, line.length + 1);
        lines[at] = line.slice(0, col) + parts.join(pick(r, [' ', '', '  '])) + line.slice(col);
        steps.push(`splice junk into line ${at + 1}`);
        break;
      }
      case 4: {
        const huge = pick(r, HUGE);
        lines[at] = (lines[at] ?? '').replace(/\b\d+\b/g, (m) => (r() < 0.5 ? huge : m));
        steps.push(`numbers of line ${at + 1} -> ${huge}`);
        break;
      }
      case 5: {
        // A timestamp sent back (or forward) by hours.
        const hours = int(r, 30) - 15;
        lines[at] = (lines[at] ?? '').replace(
          /(\d{2}):(\d{2}):(\d{2})/,
          (_m, h: string, mi: string, s: string) => `${String((Number(h) + 24 + hours) % 24).padStart(2, '0')}:${mi}:${s}`,
        );
        steps.push(`shift the time of line ${at + 1} by ${hours} h`);
        break;
      }
      case 6: {
        // A completion twice, or with no request.
        const c = lines.findIndex((l, i) => i >= at && /COMPLETE|complete|<--/.test(l));
        if (c >= 0) {
          if (r() < 0.5) lines.splice(c + 1, 0, lines[c]!);
          else lines.splice(Math.max(0, c - 5), 0, lines[c]!);
          steps.push(`repeat the completion of line ${c + 1}`);
        }
        break;
      }
      case 7: {
        const n = 1 + int(r, 3000);
        const fill = pick(r, [' ', '\t', 'x', '0', 'OID_', 'vf=2 ', '\0']);
        lines[at] = (lines[at] ?? '') + fill.repeat(n) + pick(r, ['', 'x', ' 0x00010255']);
        steps.push(`${n} × ${JSON.stringify(fill)} on line ${at + 1}`);
        break;
      }
      case 8: {
        const n = 1 + int(r, 200);
        lines.splice(at, 0, ...Array.from({ length: n }, () => pick(r, ['', '#', '# comment', '   '])));
        steps.push(`${n} empty or comment lines at ${at + 1}`);
        break;
      }
      case 9: {
        // Many copies of a line: deeply repeated ids.
        const n = 1 + int(r, 300);
        lines.splice(at, 0, ...Array.from({ length: n }, () => lines[at] ?? ''));
        steps.push(`${n} copies of line ${at + 1}`);
        break;
      }
      case 10: {
        const from = int(r, lines.length);
        lines.splice(at, 0, ...lines.slice(from, from + 1 + int(r, 8)));
        steps.push(`copy lines ${from + 1}.. to ${at + 1}`);
        break;
      }
      default: {
        const line = lines[at] ?? '';
        lines[at] = line.slice(0, int(r, line.length + 1));
        steps.push(`cut line ${at + 1}`);
      }
    }
  }
  const eol = pick(r, ['\n', '\n', '\r\n', '\r', 'mixed']);
  if (eol !== '\n') steps.push(`line ends ${JSON.stringify(eol)}`);
  let i = 0;
  return eol === 'mixed' ? lines.map((l) => l + ['\r\n', '\r', '\n'][i++ % 3]).join('') : lines.join(eol);
}

/** Byte-level mutations and encodings. */
function encode(r: () => number, text: string, steps: string[]): Uint8Array {
  let bytes: Uint8Array;
  const enc = int(r, 10);
  if (enc === 0) {
    bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    steps.push('UTF-16 LE with BOM');
  } else if (enc === 1) {
    bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    steps.push('UTF-16 BE with BOM');
  } else if (enc === 2) {
    bytes = Buffer.from(text, 'utf16le');
    steps.push('UTF-16 LE without BOM');
  } else if (enc === 3) {
    bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(r() < 0.3 ? '\uFEFF' + text : text)]);
    steps.push('UTF-8 with BOM');
  } else if (enc === 4) {
    bytes = Buffer.from(text, 'latin1');
    steps.push('Latin-1');
  } else {
    bytes = Buffer.from(text);
  }
  const flips = int(r, 4) === 0 ? 1 + int(r, 8) : 0;
  if (flips) {
    bytes = Uint8Array.from(bytes);
    for (let k = 0; k < flips; k++) if (bytes.length) bytes[int(r, bytes.length)] = int(r, 256);
    steps.push(`${flips} random bytes`);
  }
  const tail = int(r, 12);
  if (tail === 0 && bytes.length) {
    bytes = bytes.subarray(0, int(r, bytes.length));
    steps.push('truncated');
  } else if (tail === 1) {
    bytes = Buffer.concat([bytes, Buffer.alloc(1 + int(r, 6000))]);
    steps.push('NUL padding at the end');
  } else if (tail === 2) {
    const junk = new Uint8Array(1 + int(r, 600));
    for (let k = 0; k < junk.length; k++) junk[k] = int(r, 256);
    const at = int(r, bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    steps.push(`${junk.length} random bytes spliced in`);
  }
  return bytes;
}

/** The input of run `run` of a fuzz session seeded `seed`. */
export function makeInput(seed: number, run: number): FuzzInput {
  const r = rng((seed ^ Math.imul(run + 1, 0x9e3779b1)) >>> 0);
  const steps: string[] = [];
  const kind = int(r, 20);
  let text: string;
  let name: string;
  if (kind === 0) {
    // Pure noise.
    const n = int(r, 2000);
    const bytes = new Uint8Array(n);
    for (let k = 0; k < n; k++) bytes[k] = int(r, 256);
    steps.push(`${n} random bytes`);
    return { bytes, fileName: pick(r, ['noise.log', 'noise.oidtrace', undefined]), steps };
  } else if (kind === 1) {
    const parts: string[] = [];
    for (let n = int(r, 300); n > 0; n--) parts.push(pick(r, JUNK), pick(r, [' ', ' ', '\n', '']));
    text = parts.join('');
    name = pick(r, ['junk.log', 'junk.oidtrace']);
    steps.push('trace words and junk');
  } else {
    const s = pick(r, seeds());
    text = s.text;
    name = s.name;
    steps.push(`from ${s.name}`);
    if (r() < 0.3) {
      const other = pick(r, seeds());
      text += other.text;
      steps.push(`+ ${other.name}`);
    }
  }
  text = mutateText(r, text, steps);
  const bytes = encode(r, text, steps);
  const as = int(r, 6);
  const ext = name.endsWith('.oidtrace') ? '.oidtrace' : '.log';
  // The other dialect's extension now and then, and no name (standard input: sniffed).
  const fileName = as === 0 ? undefined : as === 1 ? `fuzz${ext === '.log' ? '.oidtrace' : '.log'}` : `fuzz${ext}`;
  return { bytes, fileName, steps };
}

export interface FuzzFailure {
  seed: number;
  run: number;
  fileName?: string;
  steps: string[];
  problems: string[];
  /** The input, as bytes in base64 (also written to `file` when a directory was given). */
  base64: string;
  file?: string;
}

export interface FuzzReport {
  runs: number;
  seconds: number;
  bytes: number;
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  seed: number;
  seconds: number;
  /** Stop after this many runs (also bounded by the time). */
  maxRuns?: number;
  /** Only this run (to reproduce a failure). */
  run?: number;
  /** Also run the CLI on each input (default true). */
  cli?: boolean;
  /** Where to write the inputs that fail. */
  failureDir?: string;
  /** Stop at the first failure. */
  stopOnFailure?: boolean;
}

const findings = (r: AnalysisResult) => r.diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.severity} ${d.rule} ${d.message}`);

interface JsonDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  docs: string;
  related: unknown[];
}

/** The checks of one input; the broken ones as sentences. */
export async function checkInput(input: FuzzInput, r: () => number, dir: string | undefined): Promise<string[]> {
  const problems: string[] = [];
  const { bytes, fileName } = input;
  let text: string;
  let result: AnalysisResult;
  try {
    text = decodeText(bytes);
    result = analyze(text, { fileName });
  } catch (error) {
    return [`analyze threw: ${error instanceof Error ? error.stack : String(error)}`];
  }
  problems.push(...checkPositions(text, result));
  const cuts = Array.from({ length: int(r, 6) }, () => int(r, text.length + 1));
  try {
    problems.push(...(await checkStreamEqualsWhole(text, cuts, { fileName })));
  } catch (error) {
    problems.push(`analyzeStream threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (dir) {
    const path = join(dir, fileName ?? 'stdin.trace');
    writeFileSync(path, bytes);
    let run: CliRun;
    try {
      // No file name: the dialect is sniffed, as for standard input.
      run = await runCli(['lint', '--format', 'json', path]);
    } catch (error) {
      return [...problems, `the CLI threw: ${error instanceof Error ? error.stack : String(error)}`];
    }
    let json: { files?: Array<{ path: string; events: number; diagnostics: JsonDiagnostic[]; error?: string }> };
    try {
      json = JSON.parse(run.out);
    } catch {
      return [...problems, `the CLI wrote invalid JSON: ${run.out.slice(0, 300)}`];
    }
    const file = json.files?.[0];
    if (!file || json.files!.length !== 1 || file.path !== path || !Array.isArray(file.diagnostics) || typeof file.events !== 'number') {
      problems.push(`the CLI's JSON has not the documented shape: ${run.out.slice(0, 300)}`);
    } else if (looksBinary(bytes)) {
      if (run.code !== 2 || file.error !== 'not a text trace (binary content)' || run.err !== `oidtrace: ${path}: not a text trace (binary content)\n`) {
        problems.push(`binary input: exit ${run.code}, error ${file.error}, stderr ${JSON.stringify(run.err)}`);
      }
    } else {
      // Without a name the engine sniffed the dialect; the CLI reads a named file: compare with that name.
      const engine = fileName ? result : analyze(text, { fileName: path });
      const errors = engine.diagnostics.some((d) => d.severity === 'error');
      if (run.code !== (errors ? 1 : 0)) problems.push(`the CLI exited ${run.code}; stderr ${JSON.stringify(run.err.slice(0, 300))}`);
      // The same findings, the same events: whichever path the CLI took (byte scan, streamed text).
      const cli = file.diagnostics.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity} ${d.rule} ${d.message}`);
      const expected = findings(engine);
      if (JSON.stringify(cli) !== JSON.stringify(expected)) {
        problems.push(
          `the CLI's diagnostics differ from analyze:\n  cli:     ${JSON.stringify(cli).slice(0, 800)}\n  analyze: ${JSON.stringify(expected).slice(0, 800)}`,
        );
      }
      if (file.events !== engine.eventCount) problems.push(`the CLI counts ${file.events} events, analyze ${engine.eventCount}`);
      for (const d of file.diagnostics) {
        if (d.endLine !== d.line || typeof d.docs !== 'string' || !Array.isArray(d.related))
          problems.push(`a JSON diagnostic lacks a key: ${JSON.stringify(d).slice(0, 200)}`);
      }
    }
  }
  return problems;
}

/** Runs the loop until the time or the runs are spent. */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const dir = options.cli === false ? undefined : mkdtempSync(join(tmpdir(), 'oidtrace-fuzz-'));
  const failures: FuzzFailure[] = [];
  let runs = 0;
  let bytes = 0;
  try {
    for (let run = options.run ?? 0; ; run++) {
      if (options.run !== undefined && run !== options.run) break;
      if (runs > 0 && performance.now() > deadline) break;
      if (options.maxRuns !== undefined && runs >= options.maxRuns) break;
      const input = makeInput(options.seed, run);
      bytes += input.bytes.length;
      runs++;
      const problems = await checkInput(input, rng(options.seed + run), dir);
      if (problems.length) {
        const failure: FuzzFailure = {
          seed: options.seed,
          run,
          fileName: input.fileName,
          steps: input.steps,
          problems,
          base64: Buffer.from(input.bytes).toString('base64'),
        };
        if (options.failureDir) {
          failure.file = join(options.failureDir, `fuzz-${options.seed}-${run}-${input.fileName ?? 'stdin'}`);
          writeFileSync(failure.file, input.bytes);
        }
        failures.push(failure);
        if (options.stopOnFailure) break;
      }
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return { runs, seconds: (performance.now() - started) / 1000, bytes, failures };
}
