/** An episode's label, as the picker and "Go to Episode…" show it: which, when, where, how bad. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/engine';
import { episodeLabel } from '../../src/preview/episode-label';
import { summarize, type EpisodeSummary } from '../../src/preview/protocol';

const sample = (name: string) => readFileSync(join(__dirname, '..', '..', 'samples', name), 'utf8');
const labels = (name: string) => {
  const r = analyze(sample(name), { fileName: name });
  return r.episodes.map((e) => episodeLabel(summarize(e, r.events)));
};

describe('episode labels', () => {
  test('a trace: title, time range of its first and last events, first line, problems', () => {
    expect(labels('setup-order.oidtrace')).toEqual([
      'pf2 · VF 0 setup · 07:00:00.000 · line 4 · 1 problem',
      'pf2 · NIC switch · 07:00:00.010–07:00:00.014 · line 6 · no problems',
      'pf2 · VF 1 setup · 07:00:01.000–07:00:01.001 · line 8 · 1 problem',
    ]);
    expect(labels('teardown-order.oidtrace')).toEqual(['pf0 · VF 2 teardown · 10:41:07.101–10:41:07.154 · line 3 · 1 problem']);
  });
  const base: EpisodeSummary = { index: 0, title: 'pf0 · VF 7 teardown', kind: 'vf-teardown', problems: 2, firstLine: 8123, lastLine: 8160 };
  test('big numbers are grouped by thousands; one time when the episode has one instant', () => {
    expect(episodeLabel({ ...base, firstTime: 83_120, lastTime: 83_480 })).toBe('pf0 · VF 7 teardown · 00:01:23.120–00:01:23.480 · line 8,123 · 2 problems');
    expect(episodeLabel({ ...base, firstTime: 83_120, lastTime: 83_120, problems: 1234 })).toBe('pf0 · VF 7 teardown · 00:01:23.120 · line 8,123 · 1,234 problems');
  });
  test('without times, and in a correlation (the file of its first line)', () => {
    expect(episodeLabel({ ...base, problems: 0 })).toBe('pf0 · VF 7 teardown · line 8,123 · no problems');
    expect(episodeLabel({ ...base, source: 1, firstLine: 12 })).toBe('pf0 · VF 7 teardown · guest line 12 · 2 problems');
  });
});
