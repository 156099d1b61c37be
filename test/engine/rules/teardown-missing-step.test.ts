import { describe, expect, it } from 'vitest';
import { analyzeSample, byRule, DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('teardown-missing-step', {
  valid: [
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    { name: 'trace starts mid-life: FREE_VF alone', code: 'VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4' },
    {
      name: 'trace starts mid-life: RESET_VF, FREE_VF with no DELETE_VPORT before them in the trace',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4
      `,
    },
    {
      name: 'no MOVE_FILTER (T1 is optional: no filters to move)',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=4
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4
      `,
    },
    {
      name: 'trace ends mid-teardown: T1, T2 and nothing after',
      code: trace`
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=5 to=0 vf=4
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=4
      `,
    },
    {
      name: 'the reset of another VF does not fill the gap, nor open one',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=4
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=4
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4
      `,
    },
    { name: 'switched off', code: sample('teardown-missing-step.oidtrace'), options: { rules: { 'teardown-missing-step': 'off' } } },
  ],
  invalid: [
    {
      name: 'the teardown-missing-step sample: DELETE_VPORT, then FREE_VF with no RESET_VF',
      code: sample('teardown-missing-step.oidtrace'),
      errors: [
        {
          line: 6,
          column: 36,
          endColumn: 58,
          severity: 'warning',
          message: [
            'T4 OID_NIC_SWITCH_FREE_VF for VF 4 without T3 OID_SRIOV_RESET_VF after T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 5 (VF 4) (line 4)',
            'the documented VF teardown is T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF',
          ],
          related: [{ line: 4, column: 36, endColumn: 63, message: 'T2: the teardown was under way here' }],
          docs: DOCS + 'virtual-function-teardown-sequence',
        },
      ],
    },
    {
      name: 'MOVE_FILTER then RESET_VF: no DELETE_VPORT between them',
      code: trace`
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=5 to=0 vf=4
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=4
      `,
      errors: [{ line: 2, column: 18, endColumn: 36, message: ['T3 OID_SRIOV_RESET_VF for VF 4 without T2 OID_NIC_SWITCH_DELETE_VPORT after T1'], related: [1] }],
    },
    {
      name: 'MOVE_FILTER then FREE_VF: one report naming both missing steps',
      code: trace`
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=5 to=0 vf=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4
      `,
      errors: [
        {
          line: 2,
          column: 18,
          endColumn: 40,
          message: ['without T2 OID_NIC_SWITCH_DELETE_VPORT or T3 OID_SRIOV_RESET_VF after T1 OID_RECEIVE_FILTER_MOVE_FILTER for VF 4 (line 1)'],
          related: [1],
        },
      ],
    },
    {
      name: 'two VFs interleaved: only the one that skipped RESET_VF',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=4
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=5
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=5
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4
      `,
      errors: [{ line: 5, column: 18, endColumn: 40, message: ['OID_NIC_SWITCH_FREE_VF for VF 4'], related: [1] }],
    },
    {
      name: 'severity raised to error',
      code: sample('teardown-missing-step.oidtrace'),
      options: { rules: { 'teardown-missing-step': 'error' } },
      errors: [{ line: 6, column: 36, endColumn: 58, severity: 'error' }],
    },
  ],
});

describe('teardown-missing-step: the note the diagram shows', () => {
  it('names the missing step', () => {
    const [d] = byRule(analyzeSample('teardown-missing-step.oidtrace'), 'teardown-missing-step');
    expect(d!.note).toBe('missing before it: T3 OID_SRIOV_RESET_VF');
  });

  it('is the only diagnostic of its sample', () => {
    expect(analyzeSample('teardown-missing-step.oidtrace').diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['6 teardown-missing-step']);
  });
});
