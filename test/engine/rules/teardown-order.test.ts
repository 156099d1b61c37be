import { describe, expect, it } from 'vitest';
import { analyzeSample, byRule, checkErrors, DOCS, ruleTester, sample, trace } from '../helpers';

const ORDER = 'the documented VF teardown is T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF';

ruleTester('teardown-order', {
  valid: [
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    {
      name: 'T1 -> T2 -> T3 -> T4 in order',
      code: trace`
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      `,
    },
    { name: 'trace starts mid-life: FREE_VF alone', code: 'VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2' },
    {
      name: 'trace starts mid-life: RESET_VF then FREE_VF (T1, T2 happened before the trace)',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      `,
    },
    {
      name: 'steps of different VFs do not order each other',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      `,
    },
    {
      name: 'the same VF id on two adapters is two VFs',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 adapter=pf0
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2 adapter=pf1
      `,
    },
    {
      name: 'a VF freed, allocated again and torn down again in order',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      `,
    },
    {
      name: 'switched off',
      code: sample('teardown-order.oidtrace'),
      options: { rules: { 'teardown-order': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'the teardown-order sample: RESET_VF before DELETE_VPORT',
      code: sample('teardown-order.oidtrace'),
      errors: [
        {
          line: 7,
          column: 36,
          endColumn: 54,
          severity: 'error',
          message: ['T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 9)', ORDER],
          related: [{ line: 9, column: 36, endColumn: 63, message: 'T2 OID_NIC_SWITCH_DELETE_VPORT should come first' }],
          docs: DOCS + 'virtual-function-teardown-sequence',
        },
      ],
    },
    {
      name: 'FREE_VF before RESET_VF',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      `,
      errors: [{ line: 1, column: 18, endColumn: 40, message: ['T4 OID_NIC_SWITCH_FREE_VF for VF 2', 'before T3 OID_SRIOV_RESET_VF for VF 2 (line 2)'], related: [2] }],
    },
    {
      name: 'each premature step is reported once, against its nearest documented predecessor',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      `,
      errors: [
        { line: 1, column: 18, endColumn: 40, message: ['T4 OID_NIC_SWITCH_FREE_VF', 'before T3 OID_SRIOV_RESET_VF'], related: [2] },
        { line: 2, column: 18, endColumn: 36, message: ['T3 OID_SRIOV_RESET_VF', 'before T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 3)'], related: [3] },
      ],
    },
    {
      name: 'DELETE_VPORT before the MOVE_FILTER that names only its VPort (linked to the VF by an earlier event)',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0
      `,
      errors: [
        {
          line: 1,
          column: 18,
          endColumn: 45,
          message: ['T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) was issued before T1 OID_RECEIVE_FILTER_MOVE_FILTER for filter 7 (line 2)'],
          related: [{ line: 2, column: 18, endColumn: 48 }],
        },
      ],
    },
    {
      name: 'out of order on one adapter, in order on the other',
      code: trace`
        @adapter pf0
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
        @adapter pf1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      `,
      errors: [{ line: 2, column: 18, endColumn: 36 }],
    },
    {
      name: 'a severity override changes the severity, not the finding',
      code: sample('teardown-order.oidtrace'),
      options: { rules: { 'teardown-order': 'warning' } },
      errors: [{ line: 7, column: 36, endColumn: 54, severity: 'warning' }],
    },
    {
      name: 'the WPP-style log with OIDs as hex codes: RESET_VF (00010255) before DELETE_VPORT (0x00010244)',
      code: sample('host-servicing.log'),
      fileName: 'host-servicing.log',
      errors: [
        {
          line: 7,
          column: 79,
          endColumn: 87,
          message: ['T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 10)', ORDER],
          related: [{ line: 10, column: 79, endColumn: 89 }],
        },
      ],
    },
  ],
});

describe('teardown-order: what the diagram uses', () => {
  it('carries a short note naming the step it should follow', () => {
    const [d] = byRule(analyzeSample('teardown-order.oidtrace'), 'teardown-order');
    expect(d!.note).toBe('should follow T2 DELETE_VPORT (line 9)');
    expect(d!.event).toBeDefined();
    expect(d!.episode).toBe(0);
  });

  it('is the only error of its sample', () => {
    const r = analyzeSample('teardown-order.oidtrace');
    checkErrors('teardown-order', r.diagnostics, [{ line: 7, column: 36, endColumn: 54 }]);
    expect(r.diagnostics).toHaveLength(1);
  });
});
