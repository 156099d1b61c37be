/**
 * Each format written a file at a time (as `lint` streams its files): the pieces
 * together are the bytes the whole report in one piece is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson, formatSarif, formatText, lintedFile, reportWriter, type FileReport } from '../../src/cli/formats';
import { analyze } from '../../src/engine';
import { SAMPLES_DIR } from '../engine/helpers';

const report = (name: string, episodes = false): FileReport => {
  const path = join(SAMPLES_DIR, name);
  return { path, result: lintedFile(analyze(readFileSync(path, 'utf8'), { fileName: path }), episodes) };
};

const written = (format: string, reports: FileReport[], episodes = false): string => {
  const writer = reportWriter(format, { episodes, version: '1.2.3' });
  return [...reports.flatMap((r) => [...writer.file(r)]), ...writer.end()].join('');
};

const sets: Array<[string, FileReport[]]> = [
  ['no file', []],
  ['one file', [report('teardown-order.oidtrace')]],
  ['a file not read, a clean one and one with findings', [report('guest-boot.log'), report('setup-clean.oidtrace'), report('oid-failed-and-pending.oidtrace')]],
  ['a file that could not be read between two', [report('teardown-order.oidtrace'), { path: 'gone.log', error: 'no such file' }, report('switch-in-use.oidtrace')]],
];

describe('a report written a file at a time', () => {
  it.each(sets)('JSON, %s: the document JSON.stringify gives', (_label, reports) => {
    const whole = JSON.parse(written('json', reports)) as { files: unknown[] };
    expect(whole.files).toHaveLength(reports.length);
    expect(written('json', reports)).toBe(JSON.stringify(whole, null, 2) + '\n');
    expect(written('json', reports)).toBe(formatJson(reports));
  });

  it('JSON with --episodes: each file its episodes and their steps', () => {
    const reports = [report('teardown-order.oidtrace', true), report('setup-order.oidtrace', true)];
    const text = written('json', reports, true);
    const files = (JSON.parse(text) as { files: Array<{ episodes: Array<{ steps: unknown[] }> }> }).files;
    const counts = ['teardown-order.oidtrace', 'setup-order.oidtrace'].map((n) => analyze(readFileSync(join(SAMPLES_DIR, n), 'utf8'), { fileName: n }).episodes.length);
    expect(counts).toEqual([1, 3]);
    expect(files.map((f) => f.episodes.length)).toEqual(counts);
    expect(files[0]!.episodes[0]!.steps.length).toBeGreaterThan(0);
    expect(text).toBe(JSON.stringify({ files }, null, 2) + '\n');
  });

  it.each(sets)('text, %s: each file its own lines', (_label, reports) => {
    const writer = reportWriter('text', { version: '1.2.3' });
    for (const r of reports) expect([...writer.file(r)].join('')).toBe(formatText([r]));
    expect([...writer.end()]).toEqual([]);
  });

  it.each(sets)('SARIF, %s: the whole log, at the end', (_label, reports) => {
    const writer = reportWriter('sarif', { version: '1.2.3' });
    for (const r of reports) expect([...writer.file(r)]).toEqual([]);
    expect([...writer.end()].join('')).toBe(formatSarif(reports, '1.2.3'));
  });
});
