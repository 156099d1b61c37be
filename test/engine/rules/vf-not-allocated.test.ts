import { DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('vf-not-allocated', {
  valid: [
    { name: 'the clean setup sample', code: sample('setup-clean.oidtrace') },
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    { name: 'trace starts mid-life: RESET_VF of a VF never allocated in the trace', code: 'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=6' },
    {
      name: 'freed, allocated again, then used',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=6
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=6
      `,
    },
    {
      name: 'allocation failed, then succeeded, then used',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=7
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF NDIS_STATUS_RESOURCES vf=7
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=7
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF NDIS_STATUS_SUCCESS vf=7
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=7 vport=8
      `,
    },
    {
      name: 'a FREE_VF that failed freed nothing',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_INVALID_PARAMETER vf=6
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=4 vf=6
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6
      `,
    },
    {
      name: 'another VF freed',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=7
      `,
    },
    {
      name: 'the same VF id freed on another adapter',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6 adapter=pf0
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=6 adapter=pf1
      `,
    },
    { name: 'switched off', code: sample('vf-not-allocated.oidtrace'), options: { rules: { 'vf-not-allocated': 'off' } } },
  ],
  invalid: [
    {
      name: 'the vf-not-allocated sample: reset after free, VPort after a failed allocation',
      code: sample('vf-not-allocated.oidtrace'),
      errors: [
        {
          line: 6,
          column: 36,
          endColumn: 54,
          severity: 'error',
          message: ['OID_SRIOV_RESET_VF for VF 6 after VF 6 was freed (OID_NIC_SWITCH_FREE_VF, line 4)', 'it must be allocated again (OID_NIC_SWITCH_ALLOCATE_VF) first'],
          related: [{ line: 4, column: 36, endColumn: 58, message: 'VF 6 freed here' }],
          docs: DOCS + 'oid-sriov-reset-vf',
        },
        {
          line: 10,
          column: 39,
          endColumn: 66,
          severity: 'error',
          message: ['OID_NIC_SWITCH_CREATE_VPORT for VPort 8 (VF 7) after the allocation of VF 7 failed (line 8)', 'no VF 7 exists'],
          related: [{ line: 8, column: 39, endColumn: 65, message: 'OID_NIC_SWITCH_ALLOCATE_VF for VF 7 failed here' }],
        },
      ],
    },
    {
      name: 'every OID that names a VF: power state, config space, a second FREE_VF',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6
        VSTACK -> PF SET OID_SRIOV_SET_VF_POWER_STATE vf=6
        VSTACK -> PF METHOD OID_SRIOV_READ_VF_CONFIG_SPACE vf=6
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=6
      `,
      errors: [
        { line: 2, column: 18, endColumn: 46, message: ['OID_SRIOV_SET_VF_POWER_STATE for VF 6 after VF 6 was freed (OID_NIC_SWITCH_FREE_VF, line 1)'], related: [1] },
        { line: 3, column: 21, endColumn: 51, message: ['OID_SRIOV_READ_VF_CONFIG_SPACE for VF 6'], related: [1] },
        { line: 4, column: 18, endColumn: 40, message: ['OID_NIC_SWITCH_FREE_VF for VF 6 after VF 6 was freed'], related: [1] },
      ],
    },
    {
      name: 'in a driver log, ids spelt VFId= and VF n',
      fileName: 'driver.log',
      code: trace`
        MlxSetInformation: OID_NIC_SWITCH_FREE_VF VFId=6
        MlxSetInformation: OID_SRIOV_RESET_VF VF 6
      `,
      errors: [{ line: 2, column: 20, endColumn: 38, message: ['VF 6 was freed (OID_NIC_SWITCH_FREE_VF, line 1)'] }],
    },
  ],
});
