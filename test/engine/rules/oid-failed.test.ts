import { DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('oid-failed', {
  valid: [
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    {
      name: 'a completion without a status is a success',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
      `,
    },
    {
      name: 'NDIS_STATUS_PENDING is no failure, nor is 0x00000000',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_PENDING vf=1
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF 0x00000000 vf=1
      `,
    },
    {
      name: 'a driver log whose Status 0x00000000 is success',
      fileName: 'driver.log',
      code: 'MlxOidComplete: Oid 0x00010255 completed, Status 0x00000000, VfId: 2',
    },
    { name: 'switched off', code: sample('oid-failed-and-pending.oidtrace'), options: { rules: { 'oid-failed': 'off' } } },
  ],
  invalid: [
    {
      name: 'the oid-failed-and-pending sample: RESET_VF fails with 0xC0000001',
      code: sample('oid-failed-and-pending.oidtrace'),
      errors: [
        {
          line: 8,
          column: 41,
          endColumn: 59,
          severity: 'warning',
          message: ['OID_SRIOV_RESET_VF for VF 2 failed with NDIS_STATUS_FAILURE (0xC0000001)', 'the VF was not reset: freeing it now leaves its hardware state behind'],
          related: [{ line: 7, column: 36, endColumn: 54, message: 'the request this completes' }],
          docs: DOCS + 'oid-sriov-reset-vf',
        },
      ],
    },
    {
      name: 'the vports-still-attached sample: FREE_VF answered NDIS_STATUS_INVALID_PARAMETER (R11)',
      code: sample('vports-still-attached.oidtrace'),
      errors: [
        {
          line: 10,
          column: 41,
          endColumn: 63,
          message: ['OID_NIC_SWITCH_FREE_VF for VF 5 failed with NDIS_STATUS_INVALID_PARAMETER (0xC000000D)', 'while VPorts are still attached (R11)'],
          related: [9],
          docs: DOCS + 'oid-nic-switch-free-vf',
        },
      ],
    },
    {
      name: 'a driver log: Status 0xC000000D after the OID code, ids learnt from the request',
      fileName: 'driver.log',
      code: trace`
        MlxSetInformation: Unknown OID 0x00010246 VFId=5 -->
        MlxOidComplete: Oid 0x00010246 completed, Status 0xC000000D
      `,
      errors: [{ line: 2, column: 21, endColumn: 31, message: ['OID_NIC_SWITCH_FREE_VF for VF 5 failed with NDIS_STATUS_INVALID_PARAMETER (0xC000000D)'], related: [1] }],
    },
    {
      name: 'a status code the catalog does not name',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF 0xC0001234 vf=1
      `,
      errors: [{ line: 2, column: 23, endColumn: 41, message: ['OID_SRIOV_RESET_VF for VF 1 failed with 0xC0001234'] }],
    },
    {
      name: 'a failed completion with no request in the trace',
      code: 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF NDIS_STATUS_RESOURCES vf=7',
      errors: [{ line: 1, column: 23, endColumn: 49, message: ['failed with NDIS_STATUS_RESOURCES (0xC000009A)', 'no VF was allocated'], related: [] }],
    },
  ],
});
