/**
 * `oidtrace lint` on many files, as a user runs it: the built command
 * (bin/oidtrace.js, the bundles scripts/build.mjs writes), whose worker threads
 * are a bundle of their own. The output is the same with one file at a time and
 * with several; each file's output comes as soon as it and those before it are
 * done; a progress line shows on a terminal and nowhere else.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTargets } from '../../src/cli/targets';
import { ROOT, SAMPLES_DIR } from '../engine/helpers';

const BIN = join(ROOT, 'bin', 'oidtrace.js');
const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Counts the worker threads the command starts (a `node -r` preload); the count is the last line of stderr. */
const COUNTER = join(tmp, 'count-workers.cjs');
writeFileSync(
  COUNTER,
  `const wt = require('node:worker_threads');
const Base = wt.Worker;
let n = 0;
wt.Worker = class extends Base { constructor(...a) { super(...a); n++; } };
process.on('exit', () => process.stderr.write('workers: ' + n + '\\n'));
`,
);

/** The environment of a terminal session, without CI (the line never shows under CI). */
const ENV: NodeJS.ProcessEnv = { ...process.env, CI: undefined, NO_COLOR: undefined };

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js')) || !existsSync(join(ROOT, 'dist', 'lint-worker.js'))) {
    throw new Error('dist/cli.js and dist/lint-worker.js are missing: run `node scripts/build.mjs` first');
  }
});

function oidtrace(args: string[], options: { input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-r', COUNTER, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: ENV, input: options.input, timeout: 60000 });
}

/** stderr without the counter's line, and the counter. */
function split(r: SpawnSyncReturns<string>): { err: string; workers: number } {
  const m = /workers: (\d+)\n$/.exec(r.stderr);
  if (!m) throw new Error(`no worker count in: ${r.stderr}`);
  return { err: r.stderr.slice(0, m.index), workers: Number(m[1]) };
}

describe('lint -j 1 and -j 4 write the same bytes', () => {
  it.each([
    ['text', ['samples']],
    ['json', ['--format', 'json', 'samples']],
    ['json --episodes', ['--format', 'json', '--episodes', 'samples']],
    ['sarif', ['--format', 'sarif', 'samples']],
    ['text --quiet', ['--quiet', 'samples']],
  ])('%s, on the samples', (_label, args) => {
    const one = oidtrace(['lint', '-j', '1', ...args]);
    const four = oidtrace(['lint', '-j', '4', ...args]);
    expect(split(one).workers).toBe(0);
    expect(split(four).workers).toBe(4);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(four.stdout).toBe(one.stdout);
    expect(split(four).err).toBe(split(one).err);
    expect(four.status).toBe(one.status);
    expect(one.status).toBe(1);
  });
});

describe('how many worker threads', () => {
  const canonical = readFileSync(join(SAMPLES_DIR, 'teardown-order.oidtrace'), 'utf8');
  it('none by default for the samples: a few KB are linted sooner in one thread', () => {
    expect(split(oidtrace(['lint', 'samples'])).workers).toBe(0);
  });

  it('-j N starts N, at most one per file', async () => {
    const files = await expandTargets(['samples']);
    expect(split(oidtrace(['lint', '-j', '3', 'samples'])).workers).toBe(Math.min(3, files.length));
  });

  it.each([
    ['never more than there are files', ['lint', '-j', '8', 'samples/teardown-order.oidtrace', 'samples/setup-order.oidtrace'], 2],
    ['none for one file', ['lint', '-j', '4', 'samples/teardown-order.oidtrace'], 0],
    ['none with -j 1', ['lint', '-j', '1', 'samples'], 0],
  ])('%s', (_label, args, workers) => {
    expect(split(oidtrace(args)).workers).toBe(workers);
  });

  it('none for standard input', () => {
    const r = oidtrace(['lint', '-j', '4', '-'], { input: canonical });
    expect(split(r).workers).toBe(0);
    expect(r.stdout).toMatch(/^-:7:36: error teardown-order /);
  });

  it('standard input among files is read by the command itself, in its place', () => {
    const r = oidtrace(['lint', '-j', '2', 'samples/setup-order.oidtrace', '-', 'samples/vf-not-allocated.oidtrace'], { input: canonical });
    const paths = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(':')[0]);
    expect([...new Set(paths)]).toEqual(['samples/setup-order.oidtrace', '-', 'samples/vf-not-allocated.oidtrace']);
    expect(split(r).workers).toBe(2);
  });
});

describe('a file that cannot be read, with workers', () => {
  it('is one line; the files after it are linted; the exit status is 2', () => {
    const r = oidtrace(['lint', '-j', '3', 'samples/teardown-order.oidtrace', 'no/such.log', 'samples/setup-order.oidtrace']);
    expect(r.status).toBe(2);
    expect(split(r).err).toBe('oidtrace: no/such.log: no such file\n');
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':').slice(0, 2).join(':')),
    ).toEqual(['samples/teardown-order.oidtrace:7', 'samples/setup-order.oidtrace:4', 'samples/setup-order.oidtrace:8']);
  });
});

/** A named pipe the test writes a trace into, a piece at a time: a file as slow as the test wants. */
function fifo(name: string): string {
  const path = join(tmp, name);
  rmSync(path, { force: true });
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  return path;
}

const HOST_LOG = readFileSync(join(SAMPLES_DIR, 'host-servicing.log'));

/**
 * Writes the host sample into each of `paths` in two pieces, `pauseMs` apart. The
 * first piece goes once every one of them is open for reading (a named pipe
 * opens when both ends do): every file is in flight before any of them ends.
 */
async function trickle(paths: string[], pauseMs: number): Promise<void> {
  const files = await Promise.all(paths.map((p) => open(p, 'w')));
  for (const f of files) await f.write(HOST_LOG.subarray(0, 300));
  await new Promise((r) => setTimeout(r, pauseMs));
  for (const f of files) {
    await f.write(HOST_LOG.subarray(300));
    await f.close();
  }
}

/** Runs a command to its end, collecting its output; `onOut` sees stdout as it comes. */
function started(cmd: string, args: string[], env: NodeJS.ProcessEnv, onOut?: (soFar: string) => void) {
  const child = spawn(cmd, args, { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    onOut?.(out);
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return { child, done };
}

describe('output as soon as a file and those before it are done', () => {
  it('the first file is written while the second is still being read', async () => {
    const slow = fifo('slow.log');
    const first = join(SAMPLES_DIR, 'teardown-order.oidtrace');
    let firstSeen!: () => void;
    const seen = new Promise<void>((r) => (firstSeen = r));
    const run = started(process.execPath, [BIN, 'lint', '-j', '2', first, 'slow.log'], ENV, (out) => {
      if (out.includes(':7:36: error teardown-order')) firstSeen();
    });
    // The second file gets its bytes only once the first one's output is out: were it held back to the end, this would wait forever.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the first file was not written before the second was done')), 20000);
    });
    try {
      await Promise.race([seen, timeout]);
    } catch (error) {
      run.child.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    await trickle([slow], 0);
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(
      r.out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    ).toEqual([first, 'slow.log']);
  });
});

describe('the progress line', () => {
  const haveScript = spawnSync('script', ['--version']).status === 0;
  /** Runs the command on a pseudo-terminal (util-linux `script`): what the terminal received. */
  const onTerminal = (args: string, env: NodeJS.ProcessEnv) =>
    started('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint ${args}`, '/dev/null'], env);
  /** "Clear to the end of the line" after a carriage return: the line erased. */
  const ERASE = '\r\u001b[K';
  // eslint-disable-next-line no-control-regex -- the terminal's escape sequence is what is checked
  const LINE = /\r[\d.,]+ MB, [\d.,]+ MB\/s, [\d,]+ events? — ([^\r\u001b]*)\u001b\[K/;

  /**
   * The lines of output the terminal shows once the progress line is gone (each
   * drawing and erasing taken out), after checking that each starts on a clean
   * line: at the start, after a line break, or right after the line was erased.
   */
  function shownLines(out: string, files: string[]): string[] {
    const starts = files.flatMap((f) =>
      [...out.matchAll(new RegExp(`${f.replace('.', '\\.')}:\\d+:\\d+: `, 'g'))].map((m) => out.slice(Math.max(0, m.index - ERASE.length), m.index)),
    );
    expect(starts.length).toBeGreaterThan(0);
    for (const before of starts) expect(before === '' || before.endsWith('\r\n') || before === ERASE).toBe(true);
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequence is what is taken out
    const progress = /\r[^\r\n]*\u001b\[K/g;
    return out.replace(progress, '').split('\r\n').filter(Boolean);
  }

  it.skipIf(!haveScript)('shows on a terminal while a file takes more than a second, and is erased before the output', async () => {
    const slow = fifo('slow.log');
    const run = onTerminal('-j 1 slow.log', ENV);
    await trickle([slow], 1500);
    const r = await run.done;
    expect(LINE.exec(r.out)?.[1]).toBe('slow.log');
    expect(r.out.endsWith('\r\n')).toBe(true);
    expect(shownLines(r.out, ['slow.log']).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['slow.log:7:79: error teardown-order']);
  });

  it.skipIf(!haveScript)('with workers: one line for the files in flight', async () => {
    const a = fifo('a.log');
    const b = fifo('b.log');
    const run = onTerminal('-j 2 a.log b.log', ENV);
    await trickle([a, b], 1500);
    const r = await run.done;
    expect(LINE.exec(r.out)?.[1]).toBe('2 files: a.log, b.log');
    expect(shownLines(r.out, ['a.log', 'b.log']).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'a.log:7:79: error teardown-order',
      'b.log:7:79: error teardown-order',
    ]);
  });

  it.skipIf(!haveScript)('never with CI set, --no-progress or --quiet, nor when standard error is a pipe', async () => {
    const runs = ['ci', 'np', 'q', 'pipe'].map((name) => ({ name, path: fifo(`${name}.log`) }));
    const [ci, noProgress, quiet, pipe] = [
      onTerminal('ci.log', { ...ENV, CI: 'true' }),
      onTerminal('--no-progress np.log', ENV),
      onTerminal('--quiet q.log', ENV),
      started(process.execPath, [BIN, 'lint', 'pipe.log'], ENV),
    ];
    await trickle(
      runs.map((r) => r.path),
      1500,
    );
    for (const run of [ci, noProgress, quiet]) {
      const r = await run.done;
      expect(r.out).not.toContain(ERASE);
      expect(r.out).not.toMatch(/MB\/s/);
    }
    const piped = await pipe.done;
    expect(piped.err).toBe('');
    expect(piped.out).toMatch(/^pipe\.log:7:79: error teardown-order /);
  });
});
