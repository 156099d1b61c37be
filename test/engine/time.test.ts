import { describe, expect, test } from 'vitest';
import { analyze, elapsedMs, episodeDiagram } from '../../src/engine';

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
