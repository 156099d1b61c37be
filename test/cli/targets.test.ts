/**
 * `oidtrace lint` on folders and globs, as eslint and ruff: every trace file
 * below, in path order, the exit status the worst of them; `--quiet` keeps only
 * errors; empty standard input is an empty trace.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { SAMPLES_DIR } from '../engine/helpers';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[], stdin?: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const spy = stdin ? vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from(stdin.map((c) => Buffer.from(c))) as never) : undefined;
  try {
    const code = await main(argv, out.stream, err.stream);
    return { code, out: out.text(), err: err.text() };
  } finally {
    spy?.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'oidtrace-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
put('traces/b/host.log', readFileSync(join(SAMPLES_DIR, 'multi-vf-interleaved.log'), 'utf8'));
put('traces/a.oidtrace', readFileSync(join(SAMPLES_DIR, 'oid-failed-and-pending.oidtrace'), 'utf8'));
put('traces/clean.oidtrace', readFileSync(join(SAMPLES_DIR, 'setup-clean.oidtrace'), 'utf8'));
put('traces/notes.md', '# not a trace\n');
put('notes/readme.md', '# not a trace\n');
put('traces/node_modules/x/y.log', readFileSync(join(SAMPLES_DIR, 'multi-vf-interleaved.log'), 'utf8'));
const rel = (p: string) => relative(process.cwd(), join(dir, p));
const filesOf = (out: string) => [
  ...new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(':')[0]),
  ),
];

describe('oidtrace lint on a folder and a glob', () => {
  it('lints every trace file below a folder, in path order, skipping node_modules and other files', async () => {
    const r = await run(['lint', rel('traces')]);
    expect(filesOf(r.out)).toEqual([rel('traces/a.oidtrace'), rel('traces/b/host.log')]);
    expect(r.code).toBe(1);
  });

  it('lints the files a glob matches', async () => {
    const r = await run(['lint', '--format', 'json', `${rel('traces')}/**/*.log`]);
    expect((JSON.parse(r.out) as { files: Array<{ path: string }> }).files.map((f) => f.path)).toEqual([rel('traces/b/host.log')]);
  });

  it('says so when a glob matches nothing', async () => {
    const r = await run(['lint', `${rel('traces')}/**/*.etl.txt`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`oidtrace: no file matches '${rel('traces')}/**/*.etl.txt'\n`);
  });

  it('says so when a folder holds no trace file', async () => {
    const r = await run(['lint', rel('notes')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^oidtrace: no trace file in '.*' \(\*\.oidtrace, \*\.log, /);
  });

  it('with --quiet prints only the errors', async () => {
    const all = await run(['lint', rel('traces')]);
    const quiet = await run(['lint', '--quiet', rel('traces')]);
    const errors = all.out.split('\n').filter((l) => / error /.test(l));
    expect(errors.length).toBeGreaterThan(0);
    expect(all.out.split('\n').filter(Boolean).length).toBeGreaterThan(errors.length);
    expect(quiet.out.split('\n').filter(Boolean)).toEqual(errors);
    expect(quiet.code).toBe(1);
  });
});

describe('empty standard input', () => {
  it('is an empty trace: nothing found, exit 0', async () => {
    const r = await run(['lint', '-'], []);
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });
});
