/**
 * Hostile inputs, measured: each big hostile input is generated in a temp
 * directory and linted by the built CLI (`node dist/cli.js lint`), with its
 * time, throughput and peak RSS (GNU time's %M) next to a baseline measured in
 * the same run on the same file (`wc -l`). A second table lints some of them
 * at a quarter, half and full size: linear time shows as a ratio near 2 from
 * half to full, bounded memory as an RSS that does not follow the size.
 *
 *   npx tsx bench/hostile.ts [--no-build] [--scale F] [--only NAME[,NAME]] [--cli PATH] [--keep] [--timeout S]
 *
 *   --no-build   do not run scripts/build.mjs first (it writes dist/ and media/)
 *   --scale F    multiply every size by F (default 1: 50 MB lines, 10 million empty lines)
 *   --only       run only the inputs whose name contains one of these
 *   --cli PATH   lint with another build of the CLI (e.g. an older one, to compare)
 *   --keep       keep the generated files (their directory is printed)
 *   --timeout S  give up on one run after S seconds (default 300)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULTS, traceLines } from './generate';

const ROOT = resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const SCALE = Number(option('--scale') ?? 1);
const ONLY = option('--only')?.split(',');
const CLI = resolve(option('--cli') ?? join(ROOT, 'dist', 'cli.js'));
const TIMEOUT_S = Number(option('--timeout') ?? 300);
const GNU_TIME = existsSync('/usr/bin/time');
const MB = 1024 * 1024;

/** Writes a file in blocks: `block(i)` is called until it returns undefined. */
function writeBlocks(path: string, block: (i: number) => string | Buffer | undefined): void {
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; ; i++) {
      const b = block(i);
      if (b === undefined) break;
      writeSync(fd, typeof b === 'string' ? Buffer.from(b) : b);
    }
  } finally {
    closeSync(fd);
  }
}

/** Lines generated `per` at a time, `n` in all. */
function writeLines(path: string, n: number, line: (i: number) => string, per = 10_000): void {
  writeBlocks(path, (b) => {
    const from = b * per;
    if (from >= n) return undefined;
    const out: string[] = [];
    for (let i = from; i < Math.min(n, from + per); i++) out.push(line(i));
    return Buffer.from(out.join('\n') + '\n');
  });
}

/** `head`, then `unit` repeated to about `bytes` bytes (whole units), then `tail`. */
function writeOneLine(path: string, bytes: number, head: string, unit: string, tail = '\n'): void {
  const chunk = Buffer.from(unit.repeat(Math.ceil(MB / unit.length)));
  const unitBytes = Buffer.byteLength(unit);
  let written = 0;
  let state = 0;
  writeBlocks(path, () => {
    if (state === 0) {
      state = 1;
      return Buffer.from(head);
    }
    if (state === 1 && written < bytes) {
      const n = Math.min(chunk.length, Math.ceil((bytes - written) / unitBytes) * unitBytes);
      written += n;
      return chunk.subarray(0, n);
    }
    if (state <= 1) {
      state = 2;
      return Buffer.from(tail);
    }
    return undefined;
  });
}

const stamp = (ms: number) => {
  const d = new Date(Date.UTC(2026, 10, 21) + ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `11/21/2026-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000`;
};
const wpp = (ms: number, cpu: number, msg: string) => `[${cpu}]0A3C.0F10::${stamp(ms)} [mlx5]${msg}`;

/** One VF's clean teardown as a driver log prints it, at `t` ms, VF `vf`, VPort `vport`, filter `filter`. */
function teardownLog(t: number, vf: string, vport: string, filter: string): string[] {
  return [
    wpp(t, 1, `MlxSetInformation: Unknown OID 0x00010230 FilterId=${filter} SourceVPortId=${vport} DestVPortId=0 VFId=${vf} -->`),
    wpp(t + 1, 1, `MlxOidComplete: Oid 0x00010230 completed, Status 0x00000000, FilterId=${filter}`),
    wpp(t + 2, 0, `MlxSetInformation: Unknown OID 0x00010244 VPortId ${vport} VFId=${vf} -->`),
    wpp(t + 3, 0, `MlxOidComplete: Oid 0x00010244 completed, Status 0x00000000, VPortId ${vport}`),
    wpp(t + 4, 0, `MlxSetInformation: Unknown OID 00010255 VfId: ${vf} -->`),
    wpp(t + 5, 0, `MlxOidComplete: Oid 00010255 completed, Status 0x00000000, VfId: ${vf}`),
    wpp(t + 6, 1, `MlxSetInformation: Unknown OID 00010246 VF ${vf} -->`),
    wpp(t + 7, 1, `MlxOidComplete: Oid 00010246 completed, Status 0x00000000, VF ${vf}`),
  ];
}

/** One VF set up and torn down with the same ids each time, as a driver log prints it (14 lines). */
function cycleLog(t: number, vf: string, vport: string, filter: string): string[] {
  return [
    wpp(t, 0, `MlxOidRequest: Method Unknown OID 0x00010245 VFId=${vf}`),
    wpp(t + 1, 0, `MlxOidComplete: Oid 0x00010245 completed, Status 0x00000000, VFId=${vf}`),
    wpp(t + 2, 0, `MlxOidRequest: Method Unknown OID 0x00010241 VF ${vf} VPortId=${vport}`),
    wpp(t + 3, 0, `MlxOidComplete: Oid 0x00010241 completed, Status 0x00000000, VPortId=${vport}`),
    wpp(t + 4, 1, `MlxSetInformation: Unknown OID 0x00010230 FilterId=${filter} SourceVPortId=0 DestVPortId=${vport} VFId=${vf} -->`),
    wpp(t + 5, 1, `MlxOidComplete: Oid 0x00010230 completed, Status 0x00000000, FilterId=${filter}`),
    ...teardownLog(t + 10, vf, vport, filter),
  ];
}

/**
 * The benchmark's realistic driver log (bench/generate.ts: setups and teardowns
 * of 32 VFs on 4 adapters, a tenth of them out of order), half its lines OID
 * events, each line passed through `edit`.
 */
function writeGenerated(path: string, lines: number, edit: (line: string, i: number) => string): void {
  const gen = traceLines({ ...DEFAULTS, lines, oidShare: 0.5, format: 'wpp' });
  let i = 0;
  writeBlocks(path, () => {
    const out: string[] = [];
    for (let k = 0; k < 10_000; k++) {
      const r = gen.next();
      if (r.done) break;
      out.push(edit(r.value, i++));
    }
    return out.length ? Buffer.from(out.join('\n') + '\n') : undefined;
  });
}

interface Input {
  name: string;
  what: string;
  /** Writes the input at `scale` (1 = the size) to `path`. */
  make(path: string, scale: number): void;
  /** Also lint it at a quarter and half size. */
  linearity?: boolean;
}

const INPUTS: Input[] = [
  {
    name: 'single-line-50mb.log',
    what: 'a 50 MB single line of driver-log text (OIDs in it)',
    linearity: true,
    make: (p, s) => writeOneLine(p, 50 * MB * s, '', wpp(0, 1, 'MlxSetInformation: OID_NIC_SWITCH_VF_PARAMETERS VFId=2 Status 0x00000000 ')),
  },
  {
    name: 'single-line-50mb.oidtrace',
    what: 'a 50 MB canonical line: one request, then key=value pairs',
    linearity: true,
    make: (p, s) =>
      writeOneLine(
        p,
        50 * MB * s,
        'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 ',
        'note=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx k=1 ',
      ),
  },
  {
    name: 'single-line-50mb-x.oidtrace',
    what: 'a 50 MB canonical line that is one token (a syntax error)',
    make: (p, s) => writeOneLine(p, 50 * MB * s, '', 'x'),
  },
  {
    name: 'single-line-spaces.log',
    what: 'OID, "Status", "VF" then 50 MB of spaces (regex backtracking)',
    linearity: true,
    make: (p, s) => writeOneLine(p, 50 * MB * s, 'MlxOidComplete: OID_SRIOV_RESET_VF completed VF Status', ' ', 'x\n'),
  },
  {
    name: 'empty-lines-10m.log',
    what: '10 million empty lines (LF)',
    linearity: true,
    make: (p, s) => writeOneLine(p, 10_000_000 * s, '', '\n', ''),
  },
  {
    name: 'empty-lines-10m-crlf.oidtrace',
    what: '10 million empty lines (CRLF), canonical',
    make: (p, s) => writeOneLine(p, 20_000_000 * s, '', '\r\n', ''),
  },
  {
    name: 'empty-lines-10m-cr.log',
    what: '10 million empty lines (lone CR: the decoded-text path)',
    make: (p, s) => writeOneLine(p, 10_000_000 * s, '', '\r', ''),
  },
  {
    name: 'repeated-ids.oidtrace',
    what: '1 million events of one VF, VPort and filter (one long episode)',
    linearity: true,
    make: (p, s) =>
      writeLines(p, Math.round(1_000_000 * s), (i) =>
        i % 2 === 0
          ? 'VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=2 vport=3 filter=7'
          : 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_VF_PARAMETERS NDIS_STATUS_SUCCESS vf=2',
      ),
  },
  {
    name: 'repeated-cycles.log',
    what: 'one VF set up and torn down 70,000 times, the same VF, VPort and filter ids (1M lines)',
    linearity: true,
    make: (p, s) => writeLines(p, Math.round(71_429 * s), (i) => cycleLog(i * 20, '2', '3', '7').join('\n'), 1000),
  },
  {
    name: 'repeated-teardowns-no-realloc.log',
    what: "one VF's teardown 50,000 times, never allocated again (400k lines; each repeat is out of order)",
    linearity: true,
    make: (p, s) => writeLines(p, Math.round(50_000 * s), (i) => teardownLog(i * 10, '2', '3', '7').join('\n'), 1000),
  },
  {
    name: 'huge-ids.log',
    what: 'the benchmark log with every id made 2^64 + n or -n (1M lines)',
    make: (p, s) =>
      writeGenerated(p, Math.round(1_000_000 * s), (line) =>
        line.replace(/\b(VFId=|VPortId=|FilterId=|SourceVPortId=|DestVPortId=)(\d+)/g, (_m, k: string, n: string) =>
          n === '0' ? k + n : k + (Number(n) % 2 ? (BigInt(n) + 2n ** 64n).toString() : '-' + n),
        ),
      ),
  },
  {
    name: 'time-backwards.log',
    what: 'the benchmark log with its clock set back 3 hours every 1,000 lines (1M lines)',
    make: (p, s) =>
      writeGenerated(p, Math.round(1_000_000 * s), (line, i) =>
        line.replace(/-(\d{2}):/, (_m, h: string) => `-${String((((Number(h) - 3 * Math.floor(i / 1000)) % 24) + 24) % 24).padStart(2, '0')}:`),
      ),
  },
  {
    name: 'duplicate-completions.oidtrace',
    what: 'each request completed three times (1M lines)',
    linearity: true,
    make: (p, s) =>
      writeLines(
        p,
        Math.round(250_000 * s),
        (i) =>
          [
            `VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=${i % 64}`,
            ...Array.from({ length: 3 }, () => `PF -> VSTACK COMPLETE OID_NIC_SWITCH_VF_PARAMETERS vf=${i % 64}`),
          ].join('\n'),
        1000,
      ),
  },
  {
    name: 'orphan-completions.oidtrace',
    what: '1M completions with no request (1 in 1,000 a failure)',
    linearity: true,
    make: (p, s) =>
      writeLines(
        p,
        Math.round(1_000_000 * s),
        (i) => `PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF ${i % 1000 === 0 ? 'NDIS_STATUS_FAILURE' : 'NDIS_STATUS_SUCCESS'} vf=${i % 64}`,
      ),
  },
  {
    name: 'outstanding-distinct-ids.log',
    what: '1M log lines naming an OID for 1M VFs, never completed',
    linearity: true,
    make: (p, s) => writeLines(p, Math.round(1_000_000 * s), (i) => wpp(i, i % 4, `MlxOid: OID_NIC_SWITCH_VF_PARAMETERS VFId=${i}`)),
  },
  {
    name: 'pending-reset-vf.oidtrace',
    what: '300,000 RESET_VF requests on distinct VFs, never completed (the adapter prints completions)',
    linearity: true,
    make: (p, s) =>
      writeLines(p, Math.round(300_001 * s), (i) =>
        i === 0 ? 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=0' : `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i}`,
      ),
  },
  {
    name: 'distinct-adapters.oidtrace',
    what: '200,000 adapters, each named by one request and its completion (400k lines)',
    linearity: true,
    make: (p, s) =>
      writeLines(
        p,
        Math.round(200_000 * s),
        (i) => `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1 adapter=nic${i}\nPF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1 adapter=nic${i}`,
      ),
  },
  {
    name: 'comments-only.oidtrace',
    what: '1M comment lines',
    make: (p, s) => writeLines(p, Math.round(1_000_000 * s), (i) => `# comment ${i} -- OID_SRIOV_RESET_VF vf=2 is mentioned, not traced`),
  },
  {
    name: 'nul-bytes.log',
    what: 'the benchmark log with a NUL byte inside every line (1M lines)',
    make: (p, s) => writeGenerated(p, Math.round(1_000_000 * s), (line) => line.replace(']Mlx', ']\0Mlx')),
  },
  {
    name: 'truncated.log',
    what: 'the benchmark log (1M lines) cut in the middle of a line, then 4 KiB of zeros',
    make: (p, s) => {
      writeGenerated(p, Math.round(1_000_000 * s), (line) => line);
      const fd = openSync(p, 'a');
      writeSync(fd, Buffer.concat([Buffer.from(wpp(0, 0, '[pf0]MlxSetInformation: Unknown OID 0x000102')), Buffer.alloc(4096)]));
      closeSync(fd);
    },
  },
  {
    name: 'baseline.log',
    what: 'the benchmark log as generated, for comparison (1M lines)',
    make: (p, s) => writeGenerated(p, Math.round(1_000_000 * s), (line) => line),
  },
  {
    name: 'random-50mb.bin',
    what: '50 MB of random bytes ("not a text trace")',
    make: (p, s) => {
      let a = 12345;
      writeBlocks(p, (i) => {
        if (i * MB >= 50 * MB * s) return undefined;
        const b = Buffer.alloc(MB);
        for (let k = 0; k < MB; k += 4) {
          a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
          b.writeUInt32LE(a, k);
        }
        return b;
      });
    },
  },
];

interface Measure {
  s: number;
  /** The first lines the command wrote to standard error. */
  stderr: string;
  rssMb?: number;
  status: number | null;
  timedOut: boolean;
}

const HAVE_TIMEOUT = spawnSync('timeout', ['--version']).status === 0;

/**
 * Wall time and peak RSS of a command; stdout to `outFile` (or nowhere). A run
 * past the time limit is stopped with its whole process group (`timeout`):
 * killing only GNU time would leave the linter running.
 */
function measure(cmd: string, args: string[], outFile?: string): Measure {
  const out = outFile ? openSync(outFile, 'w') : 'ignore';
  let line = [cmd, ...args];
  if (GNU_TIME) line = ['/usr/bin/time', '-f', '%M', ...line];
  if (HAVE_TIMEOUT) line = ['timeout', '-k', '5', String(TIMEOUT_S), ...line];
  const start = process.hrtime.bigint();
  const r = spawnSync(line[0]!, line.slice(1), {
    stdio: ['ignore', out, 'pipe'],
    encoding: 'utf8',
    timeout: HAVE_TIMEOUT ? undefined : TIMEOUT_S * 1000,
    maxBuffer: 64 * MB,
  });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (typeof out === 'number') closeSync(out);
  const timedOut = HAVE_TIMEOUT ? r.status === 124 || r.status === 137 : r.error !== undefined && /ETIMEDOUT/.test(String(r.error));
  const err = (r.stderr ?? '')
    .trim()
    .split('\n')
    .filter((l) => l && !/^Command (exited with non-zero status|terminated by signal)/.test(l));
  // GNU time's figure is the last line; the command's own standard error comes before it.
  const kb = GNU_TIME && !timedOut ? Number(err.pop()) : NaN;
  return { s, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined, status: r.status, timedOut, stderr: err.slice(0, 2).join(' / ') };
}

/** Diagnostics per rule (from the text format), and the stderr lines of the CLI. */
async function summarize(outFile: string): Promise<string> {
  const counts = new Map<string, number>();
  const rl = createInterface({ input: createReadStream(outFile, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) {
    const m = /:\d+:\d+: (error|warning|info) ([a-z-]+) /.exec(line);
    if (m) counts.set(m[2]!, (counts.get(m[2]!) ?? 0) + 1);
  }
  if (counts.size === 0) return 'none';
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${n} ${rule}`)
    .join(', ');
}

const fmt = (n: number | undefined, d = 1) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(d));

function table(title: string, rows: Array<Record<string, string>>): void {
  console.log(`\n## ${title}\n`);
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  console.log('| ' + cols.join(' | ') + ' |');
  console.log('|' + cols.map(() => '---').join('|') + '|');
  for (const r of rows) console.log('| ' + cols.map((c) => r[c] ?? '').join(' | ') + ' |');
}

async function main(): Promise<void> {
  if (!flag('--no-build') && !option('--cli')) {
    const b = spawnSync('node', [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('the build failed');
  }
  if (!existsSync(CLI)) throw new Error(`no CLI at ${CLI}: build it first (node scripts/build.mjs)`);
  const dir = mkdtempSync(join(tmpdir(), 'oidtrace-hostile-'));
  console.log(`# Hostile inputs: ${CLI}`);
  console.log(
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, scale ${SCALE}${GNU_TIME ? '' : ' (no /usr/bin/time: no RSS)'}; files in ${dir}`,
  );
  const rows: Array<Record<string, string>> = [];
  const linear: Array<Record<string, string>> = [];
  try {
    for (const input of INPUTS) {
      if (ONLY && !ONLY.some((o) => input.name.includes(o))) continue;
      const sizes = input.linearity ? [0.25, 0.5, 1] : [1];
      const runs: Array<{ scale: number; mb: number; lines: number; m: Measure; wc: Measure; out: string }> = [];
      for (const rel of sizes) {
        const file = join(dir, rel === 1 ? input.name : `${rel}x-${input.name}`);
        input.make(file, SCALE * rel);
        const mb = statSync(file).size / MB;
        const wc = measure('wc', ['-l', file]);
        const out = join(dir, 'out.txt');
        const m = measure('node', [CLI, 'lint', file], out);
        const lines = Number(spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
        runs.push({ scale: rel, mb, lines, m, wc, out: m.timedOut ? `gave up after ${TIMEOUT_S} s` : await summarize(out) });
        if (rel === 1) {
          const err = m.timedOut ? '' : m.stderr;
          rows.push({
            input: input.name,
            what: input.what,
            MB: fmt(mb),
            'lint s': m.timedOut ? `>${TIMEOUT_S}` : fmt(m.s, 2),
            'MB/s': m.timedOut ? '-' : fmt(mb / m.s, 0),
            'peak RSS MB': fmt(m.rssMb, 0),
            'wc -l s': fmt(wc.s, 2),
            'wc -l RSS MB': fmt(wc.rssMb, 0),
            exit: m.timedOut ? 'timeout' : String(m.status),
            'diagnostics (or the error)': err ? err : runs[runs.length - 1]!.out,
          });
        }
        rmSync(file, { force: true });
        if (!flag('--keep')) rmSync(out, { force: true });
      }
      if (runs.length > 1) {
        for (const r of runs) {
          const half = runs.find((x) => x.scale === r.scale / 2);
          linear.push({
            input: input.name,
            size: `${r.scale}x`,
            MB: fmt(r.mb),
            lines: String(r.lines),
            'lint s': r.m.timedOut ? `>${TIMEOUT_S}` : fmt(r.m.s, 2),
            'time ratio to half size': half && !r.m.timedOut && !half.m.timedOut ? fmt(r.m.s / half.m.s, 2) : '',
            'peak RSS MB': fmt(r.m.rssMb, 0),
            'wc -l s': fmt(r.wc.s, 2),
          });
        }
      }
      // Progress as we go: the whole run takes minutes.
      process.stderr.write(`done: ${input.name}\n`);
    }
  } finally {
    if (!flag('--keep')) rmSync(dir, { recursive: true, force: true });
  }
  table('Each input at full size (time, MB/s and peak RSS of `oidtrace lint`; `wc -l` on the same file as the baseline)', rows);
  table('Linear time, bounded memory: the same input at 1/4, 1/2 and full size (a node process alone is ~45 MB RSS)', linear);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
