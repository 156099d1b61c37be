import { DOCS, ruleTester, trace } from '../helpers';

ruleTester('surprise-removal', {
  valid: [
    {
      name: 'a graceful removal the guest honoured',
      code: trace`
        10:41:07.100000 VSTACK -> VSP NOTIFY vf=2
        10:41:07.100200 VSP -> VSC REMOVE_VF vf=2
        10:41:07.101000 NETVSC UNBIND vf=2
        10:41:07.101500 VF HALT vf=2
      `,
    },
    { name: 'a surprise removal with no graceful one asked for (a VF that fell off the bus)', code: '10:41:07.100000 VSP -> VSC SURPRISE_REMOVE vf=2' },
    {
      name: 'the graceful removal was for another VF',
      code: trace`
        10:41:07.100200 VSP -> VSC REMOVE_VF vf=3
        10:41:17.100200 VSP -> VSC SURPRISE_REMOVE vf=2
      `,
    },
    {
      name: 'the guest released the VF, which came back, and later fell off without a graceful request',
      code: trace`
        10:41:07.100200 VSP -> VSC REMOVE_VF vf=2
        10:41:07.101000 NETVSC UNBIND vf=2
        10:45:00.000000 VSP -> VSC ADD_VF vf=2
        10:50:00.000000 VSP -> VSC SURPRISE_REMOVE vf=2
      `,
    },
    {
      name: "a Linux guest's slot removed is the VF gone, not a graceful request",
      code: trace`
        [ 8162.020138] hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0: VF slot 2 removed
        10:41:17.100200 VSP -> VSC SURPRISE_REMOVE vf=2
      `,
    },
    {
      name: 'switched off',
      code: '10:41:07.100200 VSP -> VSC REMOVE_VF vf=2\n10:41:17.100200 VSP -> VSC SURPRISE_REMOVE vf=2',
      options: { rules: { 'surprise-removal': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'the graceful removal timed out: surprise removed 10 s later',
      code: trace`
        @adapter pf0
        10:41:07.100000 VSTACK -> VSP NOTIFY vf=2
        10:41:07.100200 VSP -> VSC REMOVE_VF vf=2
        10:41:17.100200 VSP -> VSC SURPRISE_REMOVE vf=2
        10:41:17.101000 VF HALT vf=2
      `,
      errors: [
        {
          line: 4,
          column: 28,
          endColumn: 43,
          severity: 'info',
          message: ['VF 2 was surprise removed 10 s after its graceful removal was asked for (REMOVE_VF, line 3): the guest did not release the VF in time'],
          related: [{ line: 3, column: 28, endColumn: 37, message: 'the graceful removal was asked for here' }],
          docs: DOCS + 'sr-iov-vf-failover-and-live-migration-support',
        },
      ],
    },
    {
      name: 'without timestamps: no duration',
      code: 'VSP -> VSC REMOVE_VF vf=2\nVSP -> VSC SURPRISE_REMOVE vf=2',
      errors: [{ line: 2, column: 12, endColumn: 27, message: ['VF 2 was surprise removed after its graceful removal was asked for (REMOVE_VF, line 1)'] }],
    },
    {
      name: 'live migration: a second request for the same VF, then the timeout; the duration counts from the last request',
      code: trace`
        10:00:00.000 VSP -> VSC REMOVE_VF vf=5
        10:00:05.000 VSP -> VSC REMOVE_VF vf=5
        10:00:06.500 VSP -> VSC SURPRISE_REMOVE vf=5
      `,
      errors: [{ line: 3, column: 25, endColumn: 40, message: ['surprise removed 1.5 s after', '(REMOVE_VF, line 2)'] }],
    },
  ],
});
