import { describe, expect, test } from 'vitest';
import { analyze, elapsedMs, episodeDiagram } from '../../src/engine';
import { parseTime } from '../../src/engine/dialects/time';
import { prng } from '../../bench/prng.mjs';

describe('elapsed time', () => {
  test('time-of-day stamps that wrap past midnight count across it', () => {
    const text = [
      '@adapter pf0',
      '23:59:59.900000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2',
      '00:00:00.150000 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2',
    ].join('\n');
    const r = analyze(text, { fileName: 't.oidtrace' });
    const step = r.episodes[0]!.steps.find((s) => s.id === 'T3')!;
    expect(step.latencyMs).toBeCloseTo(250, 6);
    const d = episodeDiagram({ episode: r.episodes[0]!, events: r.events, diagnostics: r.diagnostics });
    expect(d.text).toContain('✓ RESET_VF SUCCESS (250 ms)');
  });

  test('dated stamps never wrap; missing stamps give no figure', () => {
    expect(elapsedMs(Date.UTC(2026, 10, 21, 10), Date.UTC(2026, 10, 21, 9))).toBe(-3600000);
    expect(elapsedMs(undefined, 5)).toBeUndefined();
  });
});

test('a byte-order mark left at the start of the text is not part of line 1', () => {
  const r = analyze('\uFEFF@adapter pf0\n10:00:00 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\n', { fileName: 't.oidtrace' });
  expect(r.diagnostics.filter((d) => d.rule === 'syntax')).toEqual([]);
  expect(r.events[0]!.span).toEqual({ line: 2, column: 27, endLine: 2, endColumn: 45 });
});

describe('reading a time of day by hand', () => {
  /** The reading the hand-written one stands in front of, kept here as its specification. */
  function byRegExp(text: string): number | undefined {
    const m = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/.exec(text);
    if (!m) return undefined;
    const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (h > 23 || min > 59 || s > 60) return undefined;
    return ((h * 60 + min) * 60 + s) * 1000 + (m[4] ? Number('0.' + m[4]) * 1000 : 0);
  }

  test('agrees with the regular expression on stamps a trace writes and on 50,000 generated ones', () => {
    const written = [
      '10:41:07.120331',
      '9:05:00',
      '23:59:59.999999999',
      '00:00:00.000092',
      '24:00:00',
      '10:60:00',
      '10:00:61',
      '10:00:60.5',
      '10:00:00,5',
      '10:00:00.',
      '10:00:00.1234567890',
    ];
    for (const t of written) expect([t, parseTime(t)]).toEqual([t, byRegExp(t)]);
    const r = prng(20261203);
    const pick = (xs: readonly string[]) => xs[Math.floor(r() * xs.length)]!;
    const hours = ['0', '1', '9', '00', '09', '10', '23', '24', '99', '123', '1a', ''];
    const minutes = ['00', '05', '59', '60', '5', '5a', '000'];
    const colons = [':', ':', ':', '.', ''];
    const fractions = ['', '', '.', '.1', '.000092', '.5', '.123456789', '.1234567890', ',5', '.5a', 'Z', ' '];
    const disagree: string[] = [];
    let times = 0;
    for (let i = 0; i < 50_000; i++) {
      const text = pick(hours) + pick(colons) + pick(minutes) + pick(colons) + pick(minutes) + pick(fractions);
      const expected = byRegExp(text);
      if (expected !== undefined) times++;
      if (!Object.is(parseTime(text), expected)) disagree.push(text);
    }
    expect(times).toBeGreaterThan(1000);
    expect(disagree.slice(0, 10)).toEqual([]);
  });
});
