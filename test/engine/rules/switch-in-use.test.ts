import { ruleTester, DOCS, sample, trace } from '../helpers';

const FIRST = 'every filter must be cleared, every non-default VPort deleted and every VF freed first';

ruleTester('switch-in-use', {
  valid: [
    { name: 'trace starts mid-life: DELETE_SWITCH alone', code: 'NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0' },
    {
      name: 'everything freed, deleted and cleared first',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=3
        VSTACK -> PF SET OID_RECEIVE_FILTER_CLEAR_FILTER filter=9
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
      `,
    },
    {
      name: 'the default VPort does not count',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vport=0
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
      `,
    },
    {
      name: 'a VF alive on another adapter',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2 adapter=pf1
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0 adapter=pf0
      `,
    },
    {
      name: 'a failed allocation left no VF',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF NDIS_STATUS_RESOURCES vf=2
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
      `,
    },
    { name: 'switched off', code: sample('switch-in-use.oidtrace'), options: { rules: { 'switch-in-use': 'off' } } },
  ],
  invalid: [
    {
      name: 'the switch-in-use sample: VF 2 and VPort 3 still alive',
      code: sample('switch-in-use.oidtrace'),
      errors: [
        {
          line: 8,
          column: 36,
          endColumn: 64,
          severity: 'error',
          message: ['OID_NIC_SWITCH_DELETE_SWITCH (line 8) while VF 2, VPort 3 are still alive on the switch', FIRST],
          related: [
            { line: 4, column: 39, endColumn: 65, message: 'VF 2 allocated here' },
            { line: 6, column: 39, endColumn: 66, message: 'VPort 3 created here' },
          ],
          docs: DOCS + 'deleting-a-nic-switch',
        },
      ],
    },
    {
      name: 'one of two VFs still allocated',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=1
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=1
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
      `,
      errors: [{ line: 4, column: 16, endColumn: 44, message: ['while VF 2 is still alive on the switch'], related: [2] }],
    },
    {
      name: 'a filter still set',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
      `,
      // Setting a filter on VPort 6 is also evidence that VPort 6 exists.
      errors: [
        { line: 2, column: 16, endColumn: 44, message: ['while VPort 6, filter 9 are still alive on the switch'], related: [{ line: 1, message: 'filter 9 set here' }] },
      ],
    },
  ],
});
