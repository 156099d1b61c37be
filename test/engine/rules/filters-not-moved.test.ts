import { DOCS, ruleTester, sample, trace } from '../helpers';

ruleTester('filters-not-moved', {
  valid: [
    { name: 'the clean teardown sample (filter 7 moved off VPort 3 first)', code: sample('teardown-clean.oidtrace') },
    { name: 'trace starts mid-life: DELETE_VPORT with no filter seen', code: 'VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=3' },
    {
      name: 'the filter moved off to the default VPort first',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=9 from=6 to=0
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
    },
    {
      name: 'the filter cleared by id first',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        VSTACK -> PF SET OID_RECEIVE_FILTER_CLEAR_FILTER filter=9
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
    },
    {
      name: 'every filter of the VPort cleared (CLEAR_FILTER vport=6)',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=10 vport=6
        VSTACK -> PF SET OID_RECEIVE_FILTER_CLEAR_FILTER vport=6
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
    },
    {
      name: 'a filter on another VPort',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=7
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
    },
    {
      name: 'a filter on the same VPort id of another adapter',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6 adapter=pf1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6 adapter=pf0
      `,
    },
    {
      name: 'a SET_FILTER that failed left no filter',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        PF -> VSTACK COMPLETE OID_RECEIVE_FILTER_SET_FILTER NDIS_STATUS_RESOURCES filter=9
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
    },
    { name: 'switched off', code: sample('filters-not-moved.oidtrace'), options: { rules: { 'filters-not-moved': 'off' } } },
  ],
  invalid: [
    {
      name: 'the filters-not-moved sample: filter 9 still on VPort 6',
      code: sample('filters-not-moved.oidtrace'),
      errors: [
        {
          line: 6,
          column: 36,
          endColumn: 63,
          severity: 'error',
          message: [
            'OID_NIC_SWITCH_DELETE_VPORT for VPort 6 (VF 3) while filter 9 is still on it',
            'move it off (OID_RECEIVE_FILTER_MOVE_FILTER) or clear it (OID_RECEIVE_FILTER_CLEAR_FILTER) first',
          ],
          related: [{ line: 3, column: 39, endColumn: 68, message: 'filter 9 was put on VPort 6 here' }],
          docs: DOCS + 'deleting-a-virtual-port',
        },
      ],
    },
    {
      name: 'two filters still on the VPort',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=10 vport=6
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
      errors: [{ line: 3, column: 18, endColumn: 45, message: ['VPort 6 while filters 9, 10 are still on it', 'move them off'], related: [1, 2] }],
    },
    {
      name: 'a filter moved onto the VPort during setup, never moved back',
      code: trace`
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=0 to=3 vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      `,
      errors: [{ line: 2, column: 18, endColumn: 45, message: ['VPort 3 (VF 2) while filter 7 is still on it'], related: [1] }],
    },
    {
      name: 'one of two filters cleared',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=9 vport=6
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=10 vport=6
        VSTACK -> PF SET OID_RECEIVE_FILTER_CLEAR_FILTER filter=9
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=6
      `,
      errors: [{ line: 4, column: 18, endColumn: 45, message: ['filter 10 is still on it'], related: [2] }],
    },
  ],
});
