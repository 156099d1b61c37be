import { DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('step-slow', {
  valid: [
    { name: 'the clean teardown sample at the default threshold (5 s)', code: sample('teardown-clean.oidtrace') },
    {
      name: 'exactly at the threshold is not slow',
      code: sample('teardown-clean.oidtrace'),
      options: { stepSlowMs: 40 },
    },
    {
      name: 'stepSlowMs 0 disables it',
      code: trace`
        10:00:00 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        10:00:06 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
      `,
      options: { stepSlowMs: 0 },
    },
    {
      name: 'no timestamps, no latency',
      code: trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
      `,
      options: { stepSlowMs: 1 },
    },
    {
      name: 'the interim NDIS_STATUS_PENDING is not the completion',
      code: trace`
        10:00:00 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        10:00:06 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_PENDING vf=1
        10:00:07 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
      `,
      options: { stepSlowMs: 10000 },
    },
  ],
  invalid: [
    {
      name: 'a 6 s FLR at the default threshold',
      code: trace`
        10:00:00 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        10:00:06 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
      `,
      errors: [
        {
          line: 1,
          column: 27,
          endColumn: 45,
          severity: 'info',
          message: ['OID_SRIOV_RESET_VF for VF 1 took 6.0 s to complete (threshold 5.0 s)'],
          related: [{ line: 2, message: 'completed here' }],
          docs: DOCS + 'oid-sriov-reset-vf',
        },
      ],
    },
    {
      name: 'the clean teardown sample with a 30 ms threshold: the 40 ms FLR',
      code: sample('teardown-clean.oidtrace'),
      options: { stepSlowMs: 30 },
      errors: [{ line: 13, column: 36, endColumn: 54, message: ['took 40.0 ms to complete (threshold 30.0 ms)'], related: [14] }],
    },
    {
      name: 'WPP timestamps (dated) in a driver log',
      fileName: 'driver.log',
      code: trace`
        [0]0A3C.0F10::11/21/2026-10:41:07.112000 [mlx5]MlxSetInformation: Unknown OID 00010255 VfId: 2 -->
        [0]0A3C.0F10::11/21/2026-10:41:19.112000 [mlx5]MlxOidComplete: Oid 00010255 completed, Status 0x00000000, VfId: 2
      `,
      errors: [{ line: 1, column: 79, endColumn: 87, message: ['OID_SRIOV_RESET_VF for VF 2 took 12 s'] }],
    },
    {
      name: 'severity raised to warning',
      code: trace`
        10:00:00 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        10:00:06 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
      `,
      options: { rules: { 'step-slow': 'warning' } },
      errors: [{ line: 1, column: 27, endColumn: 45, severity: 'warning' }],
    },
  ],
});
