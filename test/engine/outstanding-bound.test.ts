/**
 * However many requests a trace leaves outstanding, the analysis follows a
 * bounded number (`maxOutstanding`, 1,000,000 by default): past it the oldest
 * are set aside, and `oid-pending` says so once, at the first of them.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';

/** One answered request (so the adapter prints completions), then `n` resets of distinct VFs that never complete. */
function trace(n: number, completeFirst = 0): string {
  const lines = ['VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=0', 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=0'];
  for (let i = 1; i <= n; i++) lines.push(`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i}`);
  // Completions for some of the first resets, after all of them.
  for (let i = 1; i <= completeFirst; i++) lines.push(`PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=${i}`);
  return lines.join('\n') + '\n';
}

const pending = (text: string, maxOutstanding?: number) =>
  analyze(text, { fileName: 'hung.oidtrace', keepEvents: false, maxOutstanding }).diagnostics.filter((d) => d.rule === 'oid-pending');

describe('the bound on outstanding requests', () => {
  it('sets the oldest aside past the bound and says so once, at the first of them', () => {
    const found = pending(trace(8), 5);
    expect(found.map((d) => d.span.line)).toEqual([3, 6, 7, 8, 9, 10]);
    expect(found[0]!.message).toBe(
      'OID_SRIOV_RESET_VF for VF 1 was still outstanding when 5 newer requests were; the analysis follows at most 5 outstanding requests, ' +
        'so it and 2 later ones were set aside: a completion for them is not paired, and they are not reported one by one',
    );
    expect(found[1]!.message).toBe('OID_SRIOV_RESET_VF for VF 4 was never completed by the end of the trace; each request must complete before the next is issued');
  });

  it('says it of one request in the singular', () => {
    expect(pending(trace(6), 5)[0]!.message).toBe(
      'OID_SRIOV_RESET_VF for VF 1 was still outstanding when 5 newer requests were; the analysis follows at most 5 outstanding requests, ' +
        'so it was set aside: a completion for it is not paired, and it is not reported one by one',
    );
  });

  it('leaves a trace within the bound as it was: every request reported by itself', () => {
    const found = pending(trace(5), 5);
    expect(found.map((d) => d.span.line)).toEqual([3, 4, 5, 6, 7]);
    expect(found.every((d) => d.message.includes('never completed'))).toBe(true);
  });

  it('does not pair a completion with a request set aside', () => {
    // VF 1 and 2 were set aside; their completions come after: unpaired, VF 3's pairs.
    const found = pending(trace(6, 3), 4);
    expect(found.map((d) => d.span.line)).toEqual([3, 6, 7, 8]);
    expect(found[0]!.message).toContain('so it and 1 later one were set aside');
  });

  it('counts requests that were answered as no longer outstanding', () => {
    const lines = ['VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=0', 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=0'];
    for (let i = 1; i <= 50; i++) lines.push(`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i}`, `PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=${i}`);
    lines.push('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=99');
    const found = pending(lines.join('\n') + '\n', 2);
    expect(found.map((d) => d.message.slice(0, 40))).toEqual(['OID_SRIOV_RESET_VF for VF 99 was never c']);
  });
});
