/**
 * When a request takes effect, and what a failed one means: the ids a request
 * names count wherever the trace shows them (on the request, on its completion,
 * or both), exactly those; a failed step is not a done step; the default VPort
 * is the PF's, never a VF's step.
 */
import { describe, expect, it } from 'vitest';
import { byRule, lint, trace, where } from '../helpers';

const rules = (text: string) => lint(text).diagnostics.map((d) => `${where(d)}`);

describe('ids that only the completion names', () => {
  it('a filter whose id SET_FILTER returns on its completion exists: deleting its VPort is reported', () => {
    const r = lint(trace`
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER vport=6 vf=2
      PF -> VSTACK COMPLETE OID_RECEIVE_FILTER_SET_FILTER NDIS_STATUS_SUCCESS filter=9
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=2
      PF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS
    `);
    const d = byRule(r, 'filters-not-moved');
    expect(d.map(where)).toEqual(['3:18-45 filters-not-moved']);
    expect(d[0]!.message).toContain('filter 9 is still on it');
    expect(d[0]!.related.map((x) => x.line)).toEqual([1]);
  });

  it('a MOVE_FILTER naming its filter only on the completion moves that filter, not every filter of the VPort', () => {
    const r = lint(trace`
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6 vf=2
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=10 vport=6 vf=2
      VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER from=6 to=0 vf=2
      PF -> VSTACK COMPLETE OID_RECEIVE_FILTER_MOVE_FILTER NDIS_STATUS_SUCCESS filter=9
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=2
    `);
    const d = byRule(r, 'filters-not-moved');
    expect(d.map(where)).toEqual(['5:18-45 filters-not-moved']);
    expect(d[0]!.message).toContain('filter 10 is still on it');
  });

  it('the same MOVE_FILTER with the filter named on the request too gives the same findings', () => {
    const a = lint(trace`
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6 vf=2
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=10 vport=6 vf=2
      VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=9 from=6 to=0 vf=2
      PF -> VSTACK COMPLETE OID_RECEIVE_FILTER_MOVE_FILTER NDIS_STATUS_SUCCESS filter=9
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=2
    `);
    expect(byRule(a, 'filters-not-moved').map(where)).toEqual(['5:18-45 filters-not-moved']);
  });

  it('an ALLOCATE_VF that fails on a completion naming the VF leaves no VF: a later OID on it is reported', () => {
    const r = lint(trace`
      VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF
      PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF NDIS_STATUS_RESOURCES vf=4
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=4
    `);
    const d = byRule(r, 'vf-not-allocated');
    expect(d.map(where)).toEqual(['3:18-36 vf-not-allocated']);
    expect(d[0]!.message).toContain('after the allocation of VF 4 failed (line 1)');
  });

  it('a DELETE_VPORT naming its VPort only on the completion is checked for the filters on it', () => {
    const r = lint(trace`
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6 vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT
      PF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS vport=6
    `);
    expect(byRule(r, 'filters-not-moved').map(where)).toEqual(['2:18-45 filters-not-moved']);
  });

  it('a FREE_VF naming its VF only on the completion is checked for the VPorts still attached', () => {
    const r = lint(trace`
      VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vport=6 vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF
      PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=2
    `);
    expect(byRule(r, 'vports-still-attached').map(where)).toEqual(['2:18-40 vports-still-attached']);
  });
});

describe('a failed step is not a done step', () => {
  const failedReset = trace`
    VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
    PF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS vport=3
    VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
    PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=2
    VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=2
  `;

  it('FREE_VF after a RESET_VF that failed and was never retried is reported', () => {
    const r = lint(failedReset);
    const d = byRule(r, 'teardown-missing-step');
    expect(d.map(where)).toEqual(['5:18-40 teardown-missing-step']);
    expect(d[0]!.message).toContain('T3 OID_SRIOV_RESET_VF');
    expect(d[0]!.message).toContain('failed');
    expect(d[0]!.related.map((x) => x.line)).toContain(3);
  });

  it('the checklist says the reset failed, with its status', () => {
    const r = lint(failedReset);
    const steps = r.episodes.find((e) => e.kind === 'vf-teardown')!.steps;
    const t3 = steps.find((s) => s.id === 'T3')!;
    expect(t3.state).toBe('failed');
    expect(t3.status).toBe('NDIS_STATUS_FAILURE');
  });

  it('a failed RESET_VF retried with success before FREE_VF is a done step', () => {
    const r = lint(trace`
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      PF -> VSTACK COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS vport=3
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=2
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=2
    `);
    expect(r.diagnostics.map(where)).toEqual(['4:23-41 oid-failed']);
    const t3 = r.episodes.find((e) => e.kind === 'vf-teardown')!.steps.find((s) => s.id === 'T3')!;
    expect(t3.state).toBe('in-order');
    expect(t3.event).toBe(4);
  });

  it('a FREE_VF that came before the only successful RESET_VF is premature', () => {
    const r = lint(trace`
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_FAILURE vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2
    `);
    expect(byRule(r, 'teardown-order').map(where)).toEqual(['4:18-40 teardown-order']);
  });
});

describe("the default VPort is the PF's", () => {
  it("a SET_FILTER on VPort 0 tagged with a VF is not that VF's setup step", () => {
    expect(
      rules(trace`
      NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0
      VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
      VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=1 vport=0 vf=2
      VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vport=3 vf=2
      VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=1 from=0 to=3 vf=2
    `),
    ).toEqual([]);
  });

  it('nor a MOVE_FILTER from VPort 0 to VPort 0', () => {
    const r = lint(trace`
      VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
      VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=1 from=0 to=0 vf=2
      VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vport=3 vf=2
    `);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(where)).toEqual([]);
  });
});
