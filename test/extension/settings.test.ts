/**
 * The settings that name files (`oidtrace.associations`, a dialect's `files`):
 * their globs, and values of the wrong type in a user's settings.json.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { matchesGlob, readSettings } from '../../src/extension/config';
import { expandBraces } from '../../src/engine/text/glob';
import { stubSettings } from './vscode-stub';

describe('globs', () => {
  it.each([
    ['**/*.log', '/w/logs/mlx5.log', true],
    ['**/*.log', '/w/logs/mlx5.txt', false],
    ['*.log', '/w/logs/mlx5.log', true],
    ['logs/*.log', '/w/logs/mlx5.log', true],
    ['logs/*.log', '/w/logs/2026/mlx5.log', false],
    ['logs/**/*.log', '/w/logs/2026/11/mlx5.log', true],
    ['logs/**/*.log', '/w/logs/mlx5.log', true],
    ['ogs/*.log', '/w/logs/mlx5.log', false],
    ['**/host-?.txt', '/w/host-1.txt', true],
    ['**/host-?.txt', '/w/host-12.txt', false],
    ['**/traces/**', '/w/traces/a/b.etl.txt', true],
    ['**/*.{log,txt}', '/w/logs/mlx5.log', true],
    ['**/*.{log,txt}', '/w/logs/mlx5.txt', true],
    ['**/*.{log,txt}', '/w/logs/mlx5.etl', false],
    ['**/{host,guest}-{1,2}.log', '/w/guest-2.log', true],
    ['**/[pf0].log', '/w/[pf0].log', true],
    ['**/[pf0].log', '/w/p.log', false],
    ['**/a.b', '/w/axb', false],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });

  it('a glob of many ** against a path it does not match takes no time (it backtracked for seconds as a regular expression)', () => {
    // Short enough that the old matcher would fail this in seconds rather than hang: 5 `**` took 3 s on a path like it.
    const path = '/home/user/projects/contoso/drivers/logs/2024/run-17/host.txt';
    const glob = Array(5).fill('**').join('/') + '/*.log';
    const started = performance.now();
    expect(matchesGlob(path, glob)).toBe(false);
    expect(matchesGlob(path.replace(/txt$/, 'log'), glob)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('braces expand, nested; unbalanced ones are literal', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('a{b,c')).toEqual(['a{b,c']);
    expect(expandBraces('{x}')).toEqual(['x']);
    expect(expandBraces('{a,b}'.repeat(6))).toHaveLength(64);
  });

  it('a glob of more than 64 alternatives, or over 1 KB, is read as written, whole, at once', () => {
    const started = performance.now();
    for (const glob of ['{a,b}'.repeat(7), '{a,b}'.repeat(10), '{' + '{a,b}'.repeat(9) + ',z}', '{x}'.repeat(5000)]) expect(expandBraces(glob)).toEqual([glob]);
    // Nested groups each with a tail of 256 alternatives: expanding part by part again for each tail took 131 s at depth 4.
    let nested = 'x';
    for (let depth = 0; depth < 8; depth++) nested = '{' + nested + ',y}' + '{a,b}'.repeat(8);
    expect(expandBraces(nested)).toEqual([nested]);
    expect(matchesGlob('/w/x', nested)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('readSettings', () => {
  afterEach(() => {
    for (const key of Object.keys(stubSettings)) delete stubSettings[key];
  });

  it('oidtrace.associations written as one string, not a list: no associations, and the rest of the settings still read', () => {
    stubSettings['oidtrace.associations'] = '**/*.log';
    stubSettings['oidtrace.rules'] = { 'teardown-order': 'warning' };
    const settings = readSettings();
    expect(settings.associations).toEqual([]);
    expect(settings.rules).toEqual({ 'teardown-order': 'warning' });
  });

  it('oidtrace.associations keeps its non-empty strings', () => {
    stubSettings['oidtrace.associations'] = ['**/*.log', '', 7, null, 'traces/**'];
    expect(readSettings().associations).toEqual(['**/*.log', 'traces/**']);
  });
});
