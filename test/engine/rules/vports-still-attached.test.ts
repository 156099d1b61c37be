import { DOCS, ruleTester, sample, trace } from '../helpers';

const R11 = 'delete the VPort (OID_NIC_SWITCH_DELETE_VPORT) first: the PF must fail this with NDIS_STATUS_INVALID_PARAMETER';

ruleTester('vports-still-attached', {
  valid: [
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    { name: 'trace starts mid-life: FREE_VF alone', code: 'VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5' },
    {
      name: 'the VPort deleted first',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5 vport=4
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=4
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=5
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
      `,
    },
    {
      name: 'the VPort is attached to another VF',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=6 vport=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
      `,
    },
    {
      name: 'a CREATE_VPORT that failed attached nothing',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5 vport=4
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_CREATE_VPORT NDIS_STATUS_RESOURCES vport=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
      `,
    },
    { name: 'switched off', code: sample('vports-still-attached.oidtrace'), options: { rules: { 'vports-still-attached': 'off' } } },
  ],
  invalid: [
    {
      name: 'a VPort seen in use (VPORT_PARAMETERS) exists: the trace shows it attached, and never deleted',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_VPORT_PARAMETERS vport=4 vf=5
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
      `,
      errors: [
        { line: 2, column: 18, endColumn: 40, message: ['while VPort 4 is still attached to it'], related: [{ line: 1, message: 'VPort 4 attached to VF 5 here' }] },
      ],
    },
    {
      name: 'the vports-still-attached sample: FREE_VF while VPort 4 is attached',
      code: sample('vports-still-attached.oidtrace'),
      errors: [
        {
          line: 9,
          column: 36,
          endColumn: 58,
          severity: 'error',
          message: ['OID_NIC_SWITCH_FREE_VF for VF 5 while VPort 4 is still attached to it', R11],
          related: [{ line: 4, column: 39, endColumn: 66, message: 'VPort 4 attached to VF 5 here' }],
          docs: DOCS + 'handling-oid-nic-switch-free-vf-requests',
        },
      ],
    },
    {
      name: 'two VPorts attached',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5 vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5 vport=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
      `,
      errors: [{ line: 3, column: 18, endColumn: 40, message: ['VF 5 while VPort 3, VPort 4 are still attached'], related: [1, 2] }],
    },
    {
      name: 'the VPort id only in the completion of CREATE_VPORT',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_CREATE_VPORT vport=4
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_INVALID_PARAMETER vf=5
      `,
      errors: [{ line: 3, column: 18, endColumn: 40, message: ['VPort 4 is still attached'], related: [{ line: 1, column: 21, endColumn: 48 }] }],
    },
    {
      name: 'one of two VPorts deleted',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5 vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=5 vport=4
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=5
      `,
      errors: [{ line: 4, column: 18, endColumn: 40, message: ['VPort 4 is still attached'], related: [2] }],
    },
  ],
});
