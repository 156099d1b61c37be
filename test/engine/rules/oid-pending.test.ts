import { DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('oid-pending', {
  valid: [
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    {
      name: 'a trace that prints no completions at all: a missing one is no evidence',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      `,
    },
    {
      name: 'NDIS_STATUS_PENDING, then the real completion',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_PENDING vf=2
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2
      `,
    },
    {
      name: 'completions printed only for another adapter',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 adapter=pf0
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2 adapter=pf0
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 adapter=pf1
      `,
    },
    {
      name: 'a driver line that only names the OID (handled) is not a request waiting for completion',
      fileName: 'driver.log',
      code: trace`
        MlxSetInformation: OID_SRIOV_RESET_VF VFId=2
        MlxFlr: OID_SRIOV_RESET_VF VFId=2 FLR started
        MlxOidComplete: OID_SRIOV_RESET_VF completed VFId=2
        MlxVfState: OID_NIC_SWITCH_FREE_VF VFId=2
      `,
    },
    { name: 'switched off', code: sample('oid-failed-and-pending.oidtrace'), options: { rules: { 'oid-pending': 'off' } } },
  ],
  invalid: [
    {
      name: 'the oid-failed-and-pending sample: FREE_VF never completed',
      code: sample('oid-failed-and-pending.oidtrace'),
      errors: [
        {
          line: 9,
          column: 36,
          endColumn: 58,
          severity: 'warning',
          message: ['OID_NIC_SWITCH_FREE_VF for VF 2 was never completed by the end of the trace', 'each request must complete before the next is issued'],
          related: [],
          docs: DOCS + 'oid-nic-switch-free-vf',
        },
      ],
    },
    {
      name: 'only NDIS_STATUS_PENDING came back',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_PENDING vf=2
      `,
      errors: [{ line: 1, column: 18, endColumn: 36, message: ['OID_SRIOV_RESET_VF for VF 2 was never completed'] }],
    },
    {
      name: 'a completion pairs with the oldest outstanding request: the younger stays pending',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF
        VSTACK -> PF SET OID_SRIOV_RESET_VF
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF
      `,
      errors: [{ line: 2, column: 18, endColumn: 36 }],
    },
    {
      name: 'a completion whose ids differ does not complete the request',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=2
      `,
      errors: [{ line: 1, column: 18, endColumn: 36, message: ['for VF 1'] }],
    },
  ],
});
