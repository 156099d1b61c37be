/**
 * Broken and odd traces (issue 6): deeply repeated ids, ids of 2^64 and
 * negative numbers, timestamps that go back by hours, duplicate completions,
 * completions with no request, a trace that is only comments, a truncated last
 * line, NUL bytes inside lines, tokens and ids of absurd length. None throws;
 * each gives the diagnostics named here, at the lines named here.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine';
import { lint, lintLog, sample } from '../engine/helpers';
import { checkPositions } from '../properties/invariants';

/** `line:column rule` of every diagnostic. */
const found = (r: AnalysisResult) => r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`);
/** Diagnostics per rule. */
function counts(r: AnalysisResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of r.diagnostics) out[d.rule] = (out[d.rule] ?? 0) + 1;
  return out;
}
/** The event lines of a sample, without their timestamps. */
const body = (name: string) =>
  sample(name)
    .split('\n')
    .filter((l) => /^\d/.test(l))
    .map((l) => l.replace(/^\S+\s+/, ''));

function sane(text: string, r: AnalysisResult): AnalysisResult {
  expect(checkPositions(text, r)).toEqual([]);
  return r;
}

describe('deeply repeated ids', () => {
  it('one VF set up and torn down 1,000 times with the same VPort and filter ids: one setup and one teardown episode each time', () => {
    const cycle = [...body('setup-clean.oidtrace'), 'VSTACK -> PF SET OID_RECEIVE_FILTER_CLEAR_FILTER filter=8 vport=3 vf=2', ...body('teardown-clean.oidtrace')];
    const text = Array.from({ length: 1000 }, () => cycle.join('\n')).join('\n');
    const r = sane(text, analyze(text, { fileName: 'cycles.oidtrace', keepEvents: false }));
    expect(r.eventCount).toBe(1000 * cycle.length);
    // The CLEAR_FILTER is never completed (a trace with completions): that, and nothing else.
    expect(counts(r)).toEqual({ 'oid-pending': 1000 });
    expect(r.episodes.filter((e) => e.kind === 'vf-setup')).toHaveLength(1000);
    expect(r.episodes.filter((e) => e.kind === 'vf-teardown')).toHaveLength(1000);
    expect(r.episodes.every((e) => e.problems === (e.kind === 'vf-setup' ? 1 : 0) || e.kind === 'switch')).toBe(true);
  });

  it('the same request 20,000 times, completed or not: no diagnostic, one episode', () => {
    for (const text of [
      'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\n'.repeat(20_000),
      'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\nPF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2\n'.repeat(10_000),
    ]) {
      const r = sane(text, lint(text));
      expect(r.diagnostics).toEqual([]);
      expect(r.episodes).toHaveLength(1);
    }
  });

  it('a clean teardown of one VF repeated without a new allocation: every repeat is out of order and names a freed VF', () => {
    const text = Array.from({ length: 100 }, () => body('teardown-clean.oidtrace').join('\n')).join('\n');
    const r = sane(text, lint(text));
    // Each repeat's T1 comes after the previous T2..T4 (3 x 99), and RESET_VF / FREE_VF name a freed VF (2 x 99).
    expect(counts(r)).toEqual({ 'teardown-order': 297, 'vf-not-allocated': 198 });
    expect(found(r).slice(0, 3)).toEqual(['8:20 teardown-order', '10:20 teardown-order', '12:20 teardown-order']);
  });
});

describe('ids of 2^64 and more, and negative ids', () => {
  it('stay exact: 2^64 and 2^64 + 1 are two VFs, 2^64 written in hex is the same VF', () => {
    const distinct = lint('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=18446744073709551616\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=18446744073709551617');
    expect(found(distinct)).toEqual([]);
    expect(distinct.episodes.map((e) => e.vf)).toEqual(['18446744073709551616', '18446744073709551617']);
    const same = lint('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=18446744073709551616\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=0x10000000000000000');
    expect(found(same)).toEqual(['1:18 teardown-order']);
    expect(same.diagnostics[0]!.message).toContain('for VF 18446744073709551616 was issued before T2');
  });

  it('negative ids are ids like any other, in both dialects', () => {
    const canonical = lint('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=-1\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=-3 vf=-1');
    expect(found(canonical)).toEqual(['1:18 teardown-order']);
    expect(canonical.diagnostics[0]!.message).toContain('VPort -3 (VF -1)');
    const log = lintLog('MlxSetInformation: Unknown OID 00010255 VfId: -1 -->\nMlxSetInformation: OID_NIC_SWITCH_DELETE_VPORT VPortId=-3 VFId=-1');
    expect(found(log)).toEqual(['1:32 teardown-order']);
    // -0 is 0, 007 is 7.
    expect(lint('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=-0').events[0]!.ids.vf).toBe('0');
    expect(lint('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=007').events[0]!.ids.vf).toBe('7');
  });

  it('a number of more than 64 characters is no id: a syntax error in a canonical trace (without the number), ignored in a log', () => {
    const huge = '9'.repeat(5000);
    const r = lint(`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${huge}`);
    expect(found(r)).toEqual(['1:37 syntax']);
    expect(r.diagnostics[0]!.message).toBe('vf takes a number of at most 64 characters, found one of 5000');
    const log = lintLog(`MlxSetInformation: Unknown OID 00010255 VfId: 0x${'f'.repeat(100_000)} -->`);
    expect(log.eventCount).toBe(1);
    expect(log.events[0]!.ids).toEqual({});
  });
});

describe('timestamps that go back by hours', () => {
  const lines = sample('teardown-clean.oidtrace').split('\n');

  it('a clock set back 5 hours in the middle of a clean teardown: line order is kept across the jump, no diagnostic', () => {
    const text = lines.map((l, i) => (i > 11 ? l.replace(/^10:/, '05:') : l)).join('\n');
    expect(found(sane(text, lint(text)))).toEqual([]);
  });

  it('every line hours away from the one before: no order diagnostic; completions that seem to take hours are step-slow (info)', () => {
    const text = lines.map((l, i) => (/^\d/.test(l) ? l.replace(/^10:/, String((i * 7) % 24).padStart(2, '0') + ':') : l)).join('\n');
    const r = sane(text, lint(text));
    expect(counts(r)).toEqual({ 'step-slow': 4 });
    expect(r.diagnostics.every((d) => d.severity === 'info' && /took 25200 s/.test(d.message))).toBe(true);
  });

  it('a driver log whose clock jumps by hours on every line still finds its one real problem', () => {
    const text = sample('host-servicing.log')
      .split('\n')
      .map((l, i) => l.replace(/-10:/, '-' + String((i * 7) % 24).padStart(2, '0') + ':'))
      .join('\n');
    const r = sane(text, lintLog(text));
    expect(found(r).filter((f) => !f.endsWith('step-slow'))).toEqual(['7:79 teardown-order']);
  });
});

describe('duplicate completions and completions with no request', () => {
  it('a second and third completion of one request pair with nothing; only a failing status is reported', () => {
    const r = lint(
      [
        'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2',
        'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2',
        'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2',
        'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=2',
      ].join('\n'),
    );
    expect(found(r)).toEqual(['4:23 oid-failed']);
    expect(r.events.map((e) => e.pair)).toEqual([1, 0, undefined, undefined]);
  });

  it('completions whose request is before the trace began: unknown, never a violation (a failure is still a failure)', () => {
    const r = lint(
      'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2\nPF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_FAILURE vf=2\nPF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT vport=3',
    );
    expect(found(r)).toEqual(['2:23 oid-failed']);
    expect(r.diagnostics[0]!.related).toEqual([]);
  });

  it('5,000 completions with no request, then 5,000 requests never completed: each request is pending, nothing else', () => {
    const text = 'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1\n'.repeat(5000) + 'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1\n'.repeat(5000);
    expect(counts(sane(text, lint(text)))).toEqual({ 'oid-pending': 5000 });
  });
});

describe('a trace that is only comments', () => {
  it.each([
    ['canonical', 'x.oidtrace'],
    ['driver log', 'x.log'],
    ['sniffed', undefined],
  ])('%s: no event, no diagnostic, no episode', (_label, fileName) => {
    const text = '# only comments\n#\n   # indented\n# oidtrace-disable\n# oidtrace-disable-next-line teardown-order -- OID_SRIOV_RESET_VF\n\n';
    const r = sane(text, analyze(text, { fileName }));
    expect([r.eventCount, r.diagnostics, r.episodes, r.lines]).toEqual([0, [], [], 7]);
  });
});

describe('a truncated last line (a capture cut mid-write)', () => {
  const text = sample('teardown-order.oidtrace');
  const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;

  it('cut at every character of the last line: no throw, positions inside the text, the lines before unchanged', () => {
    const before = found(lint(text)).filter((f) => Number(f.split(':')[0]) < 12);
    for (let cut = lastStart; cut <= text.length; cut++) {
      const t = text.slice(0, cut);
      const r = sane(t, lint(t));
      expect(found(r).filter((f) => Number(f.split(':')[0]) < 11)).toEqual(before.filter((f) => Number(f.split(':')[0]) < 11));
    }
  });

  it('cut inside the OID name: unknown-oid with the name it was', () => {
    const t = text.slice(0, text.indexOf('OID_NIC_SWITCH_FREE_VF', lastStart) + 'OID_NIC_SWITCH_FREE_'.length);
    const r = lint(t);
    expect(found(r)).toEqual(['7:36 teardown-order', '11:36 oid-pending', '12:41 unknown-oid']);
    expect(r.diagnostics[2]!.message).toBe('unknown OID OID_NIC_SWITCH_FREE_; did you mean OID_NIC_SWITCH_FREE_VF?');
  });

  it('cut inside a multi-byte character of a driver log: the half character is U+FFFD, the line still read', () => {
    const log = sample('host-servicing.log').replace('VF 2 -->', 'VF 2 --> é');
    const bytes = Buffer.from(log.slice(0, log.indexOf('é') + 1));
    const t = new TextDecoder().decode(bytes.subarray(0, bytes.length - 1));
    expect(t.endsWith('\uFFFD')).toBe(true);
    // The FREE_VF's completion was on the lines cut away: it is pending.
    expect(found(sane(t, lintLog(t)))).toEqual(['7:79 teardown-order', '12:79 oid-pending']);
  });
});

describe('NUL bytes inside lines', () => {
  it('a driver log: a NUL is one column, the OID after it still found', () => {
    const text = sample('host-servicing.log').replace(/MlxSetInformation: /g, 'MlxSetInformation:\0\0 ');
    expect(found(sane(text, lintLog(text)))).toEqual(['7:81 teardown-order']);
  });

  it('a canonical trace: a NUL inside a token is a syntax error naming it; the other lines are checked', () => {
    const r = lint(
      'VSTACK -> PF SET\0OID_SRIOV_RESET_VF vf=2\nVSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\0\nVSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2',
    );
    expect(found(r)).toEqual(['1:14 syntax', '2:37 syntax', '3:18 teardown-order']);
    expect(r.diagnostics[0]!.message).toMatch(/^unknown verb 'SET\0OID_SRIOV_RESET_VF': expected one of SET/);
  });
});

describe('tokens of absurd length are named, not copied, in messages', () => {
  it.each([
    ['an unknown verb', `VSTACK -> PF ${'X'.repeat(100_000)} OID_SRIOV_RESET_VF`, 'syntax'],
    ['an actor', `${'1'.repeat(100_000)} PF SET OID_SRIOV_RESET_VF`, 'syntax'],
    ['a key=value', `VSTACK -> PF SET OID_SRIOV_RESET_VF ${'k'.repeat(100_000)}`, 'syntax'],
    ['an OID name', `VSTACK -> PF SET OID_NIC_SWITCH_${'A'.repeat(100_000)} vf=2`, 'unknown-oid'],
  ])('%s', (_label, text, rule) => {
    const r = sane(text, lint(text));
    expect(r.diagnostics.map((d) => d.rule)).toContain(rule);
    for (const d of r.diagnostics) expect(d.message.length).toBeLessThan(300);
  });
});
