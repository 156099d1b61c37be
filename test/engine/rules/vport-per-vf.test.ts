import { DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('vport-per-vf', {
  valid: [
    { name: 'the clean setup sample (one VPort for VF 2)', code: sample('setup-clean.oidtrace') },
    {
      name: 'a second VPort after the first was deleted',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=4
      `,
    },
    {
      name: 'one VPort each for two VFs',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=3 vport=4
      `,
    },
    {
      name: 'the same VPort created again (a retry) is not a second one',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
      `,
    },
    {
      name: 'the first creation failed',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_CREATE_VPORT NDIS_STATUS_RESOURCES vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=4
      `,
    },
    { name: 'switched off', code: sample('vport-per-vf.oidtrace'), options: { rules: { 'vport-per-vf': 'off' } } },
  ],
  invalid: [
    {
      name: 'the vport-per-vf sample: VPort 4 attached to VF 2, which has VPort 3',
      code: sample('vport-per-vf.oidtrace'),
      errors: [
        {
          line: 7,
          column: 39,
          endColumn: 66,
          severity: 'warning',
          message: [
            'OID_NIC_SWITCH_CREATE_VPORT for VPort 4 (VF 2) attaches a second non-default VPort to VF 2, which already has VPort 3',
            'NDIS 6.30 and later allow one',
          ],
          related: [{ line: 5, column: 39, endColumn: 66, message: 'VPort 3 attached to VF 2 here' }],
          docs: DOCS + 'virtual-ports--vports-',
        },
      ],
    },
    {
      name: 'the first VPort linked to the VF by a later event carrying both ids',
      code: trace`
        VSTACK -> PF SET OID_NIC_SWITCH_VPORT_PARAMETERS vport=3 vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=4
      `,
      errors: [{ line: 3, column: 21, endColumn: 48, message: ['which already has VPort 3'] }],
    },
  ],
});
