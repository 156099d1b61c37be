import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/engine';
import { episodeAtLine, episodeDetail, parseFromWebview } from '../../src/preview/protocol';
import { contentSecurityPolicy } from '../../src/preview/security';

const sample = (name: string) => readFileSync(join(__dirname, '..', '..', 'samples', name), 'utf8');

describe('messages from the webview are validated before the extension acts', () => {
  test('well-formed messages pass', () => {
    expect(parseFromWebview({ type: 'reveal', line: 9 })).toEqual({ type: 'reveal', line: 9 });
    expect(parseFromWebview({ type: 'selectEpisode', index: 0 })).toEqual({ type: 'selectEpisode', index: 0 });
    expect(parseFromWebview({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
    expect(parseFromWebview({ type: 'searchEpisodes', query: 'x' })).toEqual({ type: 'searchEpisodes' });
    // In a correlation, which file the line is in.
    expect(parseFromWebview({ type: 'reveal', line: 6, source: 1 })).toEqual({ type: 'reveal', line: 6, source: 1 });
  });
  test.each([
    null,
    'reveal',
    { type: 'reveal' },
    { type: 'reveal', line: 0 },
    { type: 'reveal', line: -3 },
    { type: 'reveal', line: 1.5 },
    { type: 'reveal', line: '9' },
    { type: 'reveal', line: 2 ** 40 },
    { type: 'reveal', line: 6, source: -1 },
    { type: 'reveal', line: 6, source: '1' },
    { type: 'reveal', line: 6, source: 99 },
    { type: 'selectEpisode', index: -1 },
    { type: 'svg', requestId: 1, svg: 42 },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
  ])('%j is ignored', (message) => {
    expect(parseFromWebview(message)).toBeUndefined();
  });
});

describe('episodes for the preview', () => {
  const result = analyze(sample('vf-still-in-use.oidtrace'), { fileName: 'vf-still-in-use.oidtrace' });

  test('the cursor line selects the episode that holds it', () => {
    expect(result.episodes.map((e) => e.title)).toEqual(['pf0 · VF 1 setup', 'pf0 · VF 1 teardown']);
    expect(episodeAtLine(result, 4)).toBe(0);
    expect(episodeAtLine(result, 8)).toBe(1);
    expect(episodeAtLine(result, 1)).toBeUndefined();
  });

  test('an episode detail carries its events and the diagnostics on them only', () => {
    const detail = episodeDetail(result, 1)!;
    expect(detail.events.map((e) => e.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(detail.diagnostics.map((d) => [d.rule, d.span.line])).toEqual([
      ['vf-still-in-use', 6],
      ['vf-still-in-use', 8],
    ]);
    expect(episodeDetail(result, 5)).toBeUndefined();
  });
});

test('the CSP allows scripts only with the nonce and nothing from the network', () => {
  const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc123');
  expect(csp).toBe(
    "default-src 'none'; script-src 'nonce-abc123'; style-src https://file+.vscode-resource.vscode-cdn.net 'unsafe-inline'; img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net",
  );
  expect(csp).not.toContain('unsafe-eval');
});
