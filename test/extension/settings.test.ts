/**
 * The settings that name files (`oidtrace.associations`, a dialect's `files`):
 * their globs, and values of the wrong type in a user's settings.json.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { matchesGlob, readSettings } from '../../src/extension/config';
import { expandBraces } from '../../src/extension/glob';
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

  it('a glob of many ** against a path it does not match takes no time (it backtracked for 30 s as a regular expression)', () => {
    const path = '/home/user/projects/contoso/drivers/logs/2024/run-17/' + 'x'.repeat(2000) + '/host.txt';
    const glob = Array(12).fill('**').join('/') + '/*.log';
    const started = performance.now();
    expect(matchesGlob(path, glob)).toBe(false);
    expect(matchesGlob(path.replace(/txt$/, 'log'), glob)).toBe(true);
    // Generous on purpose: the old matcher took seconds with 5 `**`, minutes with 7.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('braces expand, nested; unbalanced ones are literal', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('a{b,c')).toEqual(['a{b,c']);
    expect(expandBraces('{x}')).toEqual(['x']);
    expect(expandBraces('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}')).toEqual(['{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}']);
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
