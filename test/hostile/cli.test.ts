/**
 * The CLI on bad command lines and unreadable inputs (issue 6): one clear line
 * on standard error, exit 2, never a stack trace. Cases test/cli/cli.test.ts
 * already covers (a missing file, a directory, --bogus, an unknown rule in
 * --rule X=..., a bad severity) are not repeated here, nor the reason given
 * for each file-system error (test/node/errors.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLES_DIR } from '../engine/helpers';
import { runCli } from '../helpers/cli';
import { oneLine, tempDir } from './helpers';

const { dir, file } = tempDir('oidtrace-cli-hostile-');
const canonical = readFileSync(join(SAMPLES_DIR, 'teardown-order.oidtrace'));

describe('standard input that is empty', () => {
  it.each([
    ['lint -', ['lint', '-'], ''],
    ['lint --format json -', ['lint', '--format', 'json', '-'], JSON.stringify({ files: [{ path: '-', events: 0, diagnostics: [] }] }, null, 2) + '\n'],
  ])('%s: an empty trace, as an empty file is: nothing found, exit 0', async (_label, argv, out) => {
    expect(await runCli(argv, [])).toEqual({ code: 0, out, err: '' });
  });

  it('diagram -: what an empty file gives, no events', async () => {
    const empty = await runCli(['diagram', file('empty-for-diagram.oidtrace', '')]);
    const piped = await runCli(['diagram', '-'], []);
    expect(piped).toEqual({ ...empty, err: empty.err.replace(/^oidtrace: [^:]+:/, 'oidtrace: -:') });
    expect(piped.code).toBe(2);
  });

  it('an empty file is an empty trace, not an error', async () => {
    expect(await runCli(['lint', file('empty.oidtrace', '')])).toEqual({ code: 0, out: '', err: '' });
  });

  it('the real command with nothing piped in', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const p = spawnSync(tsx, [join(ROOT, 'src', 'cli', 'main.ts'), 'lint', '-'], { input: '', encoding: 'utf8', timeout: 60_000 });
    expect([p.status, p.stdout, p.stderr]).toEqual([0, '', '']);
  });
});

describe('unknown flags and bad values', () => {
  it.each([
    ['a short unknown flag', ['lint', '-x', 'a.oidtrace'], "oidtrace: unknown option '-x' for lint (see --help)"],
    ['an unknown flag with a value', ['lint', '--bogus=1', 'a.oidtrace'], "oidtrace: unknown option '--bogus=1' for lint (see --help)"],
    ['a bare --', ['lint', '--', 'a.oidtrace'], "oidtrace: unknown option '--' for lint (see --help)"],
    ["diagram's flag given to lint", ['lint', '--page-size', '3', 'a.oidtrace'], "oidtrace: unknown option '--page-size' for lint (see --help)"],
    ["lint's flag given to diagram", ['diagram', '--rule', 'syntax=off', 'a.oidtrace'], "oidtrace: unknown option '--rule' for diagram (see --help)"],
    ['--format with no value', ['lint', 'a.oidtrace', '--format'], 'oidtrace: --format needs a value'],
    ['--format= with an empty value', ['lint', '--format=', 'a.oidtrace'], 'oidtrace: --format  is not one of text, json, sarif'],
    ['an unknown rule id in --rule=X=Y', ['lint', '--rule=no-such-rule=off', 'a.oidtrace'], "oidtrace: unknown rule 'no-such-rule'; rules are "],
    ['a rule id in capitals', ['lint', '--rule', 'Teardown-Order=off', 'a.oidtrace'], "oidtrace: --rule takes RULE=off|info|warning|error, got 'Teardown-Order=off'"],
    ['a rule id that is a prefix of one', ['lint', '--rule', 'teardown=off', 'a.oidtrace'], "oidtrace: unknown rule 'teardown'; rules are "],
    ['a negative --step-slow-ms', ['lint', '--step-slow-ms', '-5', 'a.oidtrace'], 'oidtrace: --step-slow-ms takes a number of milliseconds'],
    ['a --step-slow-ms that is no number', ['lint', '--step-slow-ms', 'fast', 'a.oidtrace'], 'oidtrace: --step-slow-ms takes a number of milliseconds'],
    ['--page-size 0', ['diagram', '--page-size', '0', 'a.oidtrace'], 'oidtrace: --page-size takes a whole number'],
    ['--vf with no value', ['diagram', 'a.oidtrace', '--vf'], 'oidtrace: --vf needs a value'],
  ])('%s: one line, exit 2', async (_label, argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(message)).toBe(true);
    expect(oneLine(r.err)).toBe(true);
    expect(r.out).toBe('');
  });
});

describe('paths that are not readable trace files', () => {
  it.each([
    ['a path through a file', () => join(SAMPLES_DIR, 'teardown-clean.oidtrace', 'x.oidtrace'), 'no such file (a part of the path is not a directory)'],
    ['a file name with a trailing slash', () => join(SAMPLES_DIR, 'teardown-clean.oidtrace') + '/', 'no such file (a part of the path is not a directory)'],
    ['a name longer than the file system allows', () => join(dir, 'x'.repeat(5000) + '.oidtrace'), 'no such file (the name is too long)'],
    ['an empty path', () => '', 'no such file'],
    ['a directory, given to diagram', () => dir, 'is a directory, not a trace file'],
  ])('%s: one line naming it, exit 2', async (label, path, why) => {
    const p = path();
    // lint checks the trace files in a folder (test/cli/targets.test.ts).
    for (const command of label.includes('directory') ? ['diagram'] : ['lint', 'diagram']) {
      const r = await runCli([command, p]);
      expect([command, r.code, r.err]).toEqual([command, 2, `oidtrace: ${p}: ${why}\n`]);
    }
  });

  it.skipIf(!existsSync('/dev/zero'))('/dev/zero and /dev/urandom: "not a text trace", exit 2, without reading them to the end', async () => {
    for (const p of ['/dev/zero', '/dev/urandom']) {
      const r = await runCli(['lint', p, file('t.oidtrace', canonical)]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`oidtrace: ${p}: not a text trace (binary content)\n`);
      expect(r.out).toContain(':7:36: error teardown-order ');
    }
  });

  it('every failing input of a run is named once, in order; the readable ones are still linted', async () => {
    const good = file('good.oidtrace', canonical);
    const bin = file('bin.log', Buffer.alloc(100));
    const r = await runCli(['lint', '--format', 'json', 'missing.oidtrace', good, bin, '', good]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'oidtrace: missing.oidtrace: no such file',
      `oidtrace: ${bin}: not a text trace (binary content)`,
      'oidtrace: : no such file',
    ]);
    expect(JSON.parse(r.out).files.map((f: { path: string; error?: string; diagnostics: unknown[] }) => [f.path, f.error ?? f.diagnostics.length])).toEqual([
      ['missing.oidtrace', 'no such file'],
      [good, 1],
      [bin, 'not a text trace (binary content)'],
      ['', 'no such file'],
      [good, 1],
    ]);
  });
});
