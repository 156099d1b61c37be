/**
 * The `oidtrace` command, a thin layer over the engine:
 *   oidtrace lint [--format text|json|sarif] [--rule RULE=off|info|warning|error]... FILE...
 *   oidtrace diagram FILE [--vf N] [--format mermaid|markdown]
 *   oidtrace convert FILE [--to oidtrace] [-o OUT]
 * Exit codes: 0 no error-severity diagnostic, 1 some, 2 usage or input errors.
 */
import { heapBound } from '../node/heap-bound';
import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, CanonicalWriter, compileCustomDialects, correlate, CorrelationError, episodeDiagram, mermaidText, RULE_IDS, type Correlation, type CustomDialect, type SeveritySetting } from '../engine';
import { InputError, UsageError } from '../node/errors';
import { formatJson, formatSarif, notReadNote, textChunks, type FileReport } from './formats';
import { analyzeFile } from '../node/analyze-file';
import { checkReadable, readWholeTrace } from '../node/read';

declare const OIDTRACE_VERSION: string;
const VERSION = typeof OIDTRACE_VERSION === 'string' ? OIDTRACE_VERSION : '0.0.0-dev';

const HELP = `oidtrace ${VERSION} — checks SR-IOV / NIC-switch OID sequences in driver traces

Usage:
  oidtrace lint [options] FILE...     report out-of-order, missing and failed OID steps
  oidtrace diagram [options] FILE     print each episode as a Mermaid sequence diagram
  oidtrace convert [options] FILE     print the OID events of any log in the canonical .oidtrace form
  oidtrace --help | --version

options of every command:
  --dialect FILE.json                 read lines with your own patterns (see README, "Your own format")

lint options:
  --format text|json|sarif            output format (default text: path:line:col: severity rule message)
  --correlate HOST GUEST              one story from a host trace and the guest's kernel log of the same VF
  --clock-offset MS                   with --correlate: ms added to the guest's times (default: estimated from the VF's setup)
  --vf N [--adapter NAME]             with --correlate: the host's VF the guest's VF is (needed when the host trace has several)
  --rule RULE=off|info|warning|error  change a rule's severity (repeatable)
  --step-slow-ms N                    threshold of the step-slow rule (default 5000, 0 = off)
  --episodes                          with --format json: each episode's documented steps, their states and
                                      durations (memory then grows with the number of episodes)

diagram options:
  --vf N                              only the episodes of VF N
  --format mermaid|markdown           markdown wraps each diagram in a \`\`\`mermaid block
  --page-size N                       messages per diagram page (default 200)

convert options:
  --to oidtrace                       the target form (the only one, and the default)
  -o, --output OUT                    write to OUT instead of standard output (never over FILE)

FILE may be - for standard input. Files may be UTF-8 (with or without BOM) or UTF-16 with BOM.
Exit status: 0 no error found, 1 errors found, 2 usage or input error.
Rules: ${RULE_IDS.join(', ')}
`;

interface Parsed {
  command: string;
  files: string[];
  format?: string;
  rules: Record<string, SeveritySetting>;
  vf?: string;
  pageSize?: number;
  stepSlowMs?: number;
  dialect?: CustomDialect;
  output?: string;
  correlate?: boolean;
  episodes?: boolean;
  clockOffsetMs?: number;
  adapter?: string;
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export function parseArgs(argv: readonly string[]): Parsed | 'help' | 'version' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  if (argv.includes('--version') || argv.includes('-v')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'lint' && command !== 'diagram' && command !== 'convert') throw new UsageError(`unknown command '${command}'; expected lint, diagram or convert (see --help)`);
  const parsed: Parsed = { command, files: [], rules: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = (name: string): string => {
      const eq = arg.indexOf('=');
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const flag = arg.startsWith('--') ? arg.split('=')[0]! : arg;
    if (flag === '--format') {
      const f = value('--format');
      const allowed = command === 'lint' ? ['text', 'json', 'sarif'] : ['mermaid', 'markdown'];
      if (!allowed.includes(f)) throw new UsageError(`--format ${f} is not one of ${allowed.join(', ')}`);
      parsed.format = f;
    } else if (flag === '--rule' && command === 'lint') {
      const spec = value('--rule');
      const m = /^([a-z-]+)=(\w+)$/.exec(spec);
      if (!m) throw new UsageError(`--rule takes RULE=off|info|warning|error, got '${spec}'`);
      if (!RULE_IDS.includes(m[1]!)) throw new UsageError(`unknown rule '${m[1]}'; rules are ${RULE_IDS.join(', ')}`);
      if (!SEVERITIES.has(m[2]!)) throw new UsageError(`unknown severity '${m[2]}' for ${m[1]}; use off, info, warning or error`);
      parsed.rules[m[1]!] = m[2] as SeveritySetting;
    } else if (flag === '--step-slow-ms' && command === 'lint') {
      const n = Number(value('--step-slow-ms'));
      if (!Number.isFinite(n) || n < 0) throw new UsageError('--step-slow-ms takes a number of milliseconds');
      parsed.stepSlowMs = n;
    } else if (flag === '--episodes' && command === 'lint') {
      parsed.episodes = true;
    } else if (flag === '--correlate' && command !== 'convert') {
      parsed.correlate = true;
    } else if (flag === '--clock-offset' && command !== 'convert') {
      const n = Number(value('--clock-offset'));
      if (!Number.isFinite(n)) throw new UsageError('--clock-offset takes a number of milliseconds (may be negative)');
      parsed.clockOffsetMs = n;
    } else if (flag === '--adapter' && command !== 'convert') {
      parsed.adapter = value('--adapter');
    } else if (flag === '--vf' && command !== 'convert') {
      parsed.vf = value('--vf');
    } else if (flag === '--page-size' && command === 'diagram') {
      const n = Number(value('--page-size'));
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--page-size takes a whole number');
      parsed.pageSize = n;
    } else if (flag === '--dialect') {
      parsed.dialect = readDialect(value('--dialect'));
    } else if (flag === '--to' && command === 'convert') {
      const to = value('--to');
      if (to !== 'oidtrace') throw new UsageError(`--to ${to}: the only target is oidtrace`);
    } else if ((flag === '--output' || arg === '-o') && command === 'convert') {
      parsed.output = value('--output');
    } else if (arg === '-' || !arg.startsWith('-')) {
      parsed.files.push(arg);
    } else {
      throw new UsageError(`unknown option '${arg}' for ${command} (see --help)`);
    }
  }
  if (parsed.files.length === 0) throw new UsageError(`${command} needs a FILE (or - for standard input)`);
  if (parsed.correlate) {
    if (parsed.files.length !== 2) throw new UsageError('--correlate takes two files: HOST GUEST');
  } else if (command !== 'lint' && parsed.files.length > 1) {
    throw new UsageError(`${command} takes one FILE`);
  } else if (parsed.clockOffsetMs !== undefined || parsed.adapter !== undefined || (command === 'lint' && parsed.vf !== undefined)) {
    throw new UsageError('--clock-offset, --adapter and lint --vf go with --correlate');
  }
  if (parsed.output !== undefined && parsed.files[0] !== '-' && resolve(parsed.output) === resolve(parsed.files[0]!)) {
    throw new UsageError('--output names the input file; convert never writes over a trace');
  }
  return parsed;
}

/** A `--dialect` file: one dialect object, or a list; the first one that compiles is used, problems are usage errors. */
function readDialect(path: string): CustomDialect {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`--dialect ${path}: ${e.code === 'ENOENT' ? 'no such file' : e instanceof SyntaxError ? `not valid JSON (${e.message})` : e.message}`);
  }
  const { dialects, errors } = compileCustomDialects(value, path);
  if (errors.length) throw new UsageError(`--dialect ${errors[0]}`);
  if (!dialects.length) throw new UsageError(`--dialect ${path}: no dialect in it`);
  return dialects[0]!;
}

async function convert(args: Parsed, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const path = args.files[0]!;
  await checkReadable(path);
  const sink: NodeJS.WritableStream = args.output === undefined ? out : createWriteStream(args.output);
  const failed = new Promise<never>((_, reject) => {
    sink.once('error', (e: NodeJS.ErrnoException) => reject(new InputError(args.output!, e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message)));
  });
  failed.catch(() => undefined);
  const writer = new CanonicalWriter((line) => sink.write(line + '\n'));
  writer.header(path === '-' ? 'standard input' : path);
  // Streamed: each event is written when the model has it; the trace is never held whole.
  const result = await Promise.race([analyzeFile(path, { keepEvents: false, keepEpisodes: false, customDialect: args.dialect, onEvent: (ev) => writer.event(ev) }, { onBytes: heapBound() }), failed]);
  if (sink !== out) await Promise.race([new Promise<void>((done) => sink.end(done)), failed]);
  err.write(notReadNote({ path, result }) ?? '');
  return 0;
}

/** `--correlate HOST GUEST`: both files read whole (they are one VF's story), merged on the host's clock. */
async function correlated(args: Parsed, err: NodeJS.WritableStream): Promise<Correlation> {
  const [hostPath, guestPath] = args.files as [string, string];
  if (hostPath === '-' || guestPath === '-') throw new UsageError('--correlate reads files, not standard input');
  for (const p of [hostPath, guestPath]) await checkReadable(p);
  const [host, guest] = await Promise.all([readWholeTrace(hostPath), readWholeTrace(guestPath)]);
  try {
    const c = correlate({ name: hostPath, text: host }, { name: guestPath, text: guest }, {
      rules: args.rules, stepSlowMs: args.stepSlowMs, customDialect: args.dialect, offsetMs: args.clockOffsetMs, hostVf: args.vf, hostAdapter: args.adapter,
    });
    err.write(`oidtrace: correlated ${hostPath} and ${guestPath}: ${c.note}\n`);
    return c;
  } catch (error) {
    if (error instanceof CorrelationError) throw new UsageError(`--correlate: ${error.message}`);
    throw error;
  }
}

/** The report in the format asked for; text a piece at a time (see `textChunks`). */
function write(out: NodeJS.WritableStream, format: string, reports: FileReport[], episodes: boolean | undefined): void {
  if (format === 'json') out.write(formatJson(reports, episodes));
  else if (format === 'sarif') out.write(formatSarif(reports, VERSION));
  else for (const chunk of textChunks(reports)) out.write(chunk);
}

async function lint(args: Parsed, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (args.correlate) {
    const c = await correlated(args, err);
    const sources = [c.host.name, c.guest.name];
    const reports: FileReport[] = [c.host, c.guest].map((f) => ({ path: f.name, sources, result: { ...c.result, lines: f.lines, dialect: f.dialect, diagnostics: f.diagnostics, reading: f.reading } }));
    for (const r of reports) err.write(notReadNote(r) ?? '');
    const format = args.format ?? 'text';
    write(out, format, reports, args.episodes);
    return reports.some((r) => r.result?.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
  }
  const reports: FileReport[] = [];
  let inputErrors = 0;
  // Memory stays bounded however big the trace (see heap-bound.ts).
  const heapCheck = heapBound();
  for (const path of args.files) {
    try {
      await checkReadable(path);
      // Episodes (and the events their steps point at) are kept only when asked for: memory stays bounded otherwise.
      const result = await analyzeFile(path, { rules: args.rules, stepSlowMs: args.stepSlowMs, keepEpisodes: args.episodes === true, keepEvents: args.episodes === true, customDialect: args.dialect }, { onBytes: heapCheck, sync: true });
      reports.push({ path, result });
      for (const e of result.internalErrors) err.write(`oidtrace: ${path}: internal: ${e}\n`);
      err.write(notReadNote({ path, result }) ?? '');
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      inputErrors++;
      err.write(`oidtrace: ${error.path}: ${error.message}\n`);
      reports.push({ path, error: error.message });
    }
  }
  const format = args.format ?? 'text';
  write(out, format, reports, args.episodes);
  if (inputErrors > 0) return 2;
  return reports.some((r) => r.result?.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

async function diagram(args: Parsed, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const path = args.files[0]!;
  let result;
  if (args.correlate) {
    result = (await correlated(args, err)).result;
  } else {
    await checkReadable(path);
    const text = await readWholeTrace(path);
    result = analyze(text, { fileName: path === '-' ? undefined : path, customDialect: args.dialect });
    err.write(notReadNote({ path, result }) ?? '');
  }
  const episodes = result.episodes.filter((e) => args.vf === undefined || e.vf === args.vf);
  if (episodes.length === 0) {
    throw new InputError(path, args.vf === undefined ? 'no OID events found' : `no episode of VF ${args.vf}`);
  }
  const markdown = args.format === 'markdown';
  const blocks: string[] = [];
  for (const episode of episodes) {
    const first = episodeDiagram({ episode, events: result.events, diagnostics: result.diagnostics }, { pageSize: args.pageSize });
    for (let page = 0; page < first.pages; page++) {
      const d = page === 0 ? first : episodeDiagram({ episode, events: result.events, diagnostics: result.diagnostics }, { pageSize: args.pageSize, page });
      // The title holds the adapter's name, which a WPP log can make anything
      // (`[%%{init: ...}%%]`): escaped like every other label.
      const title = mermaidText(`${episode.title} (lines ${episode.firstLine}–${episode.lastLine}, ${episode.problems} problem${episode.problems === 1 ? '' : 's'})${d.pages > 1 ? `, page ${page + 1} of ${d.pages}` : ''}`, 400);
      blocks.push(markdown ? `## ${title}\n\n\`\`\`mermaid\n${d.text}\`\`\`\n` : `%% ${title}\n${d.text}`);
    }
  }
  out.write(blocks.join('\n'));
  return 0;
}

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      out.write(HELP);
      return 0;
    }
    if (parsed === 'version') {
      out.write(VERSION + '\n');
      return 0;
    }
    if (parsed.command === 'convert') return await convert(parsed, out, err);
    return parsed.command === 'lint' ? await lint(parsed, out, err) : await diagram(parsed, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`oidtrace: ${error.message}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      err.write(`oidtrace: ${error.path}: ${error.message}\n`);
      return 2;
    }
    err.write(`oidtrace: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // Run directly (node dist/cli.js); bin/oidtrace.js calls main() itself.
  // Output piped into `head` closes early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
