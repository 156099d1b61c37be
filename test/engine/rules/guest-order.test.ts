import { DOCS, ruleTester, trace } from '../helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const PCI = 'hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73:';
const MLX = 'mlx5_core 3039:00:02.0';
/** Where a message starts after `[    8.090127] ` and the source. */
const AT = { netvsc: 15 + NETVSC.length + 2, pci: 15 + PCI.length + 2, mlx: 15 + `${MLX} eth1: `.length + 1 };
const end = (at: number, message: string) => at + message.length;
const ARRIVAL = 'arrives in the order VF slot N added -> PCI VMBus probing -> VF registering and joined (either first) -> Data path switched to VF';
const DEPARTURE = 'goes in the order Data path switched from VF -> VF unregistering -> VF slot N removed';
const dmesg = { fileName: 'dmesg.txt' };
const LONG_IFACE = 'enP12345s1' + '0'.repeat(3000);

const BOOT = trace`
  [    3.918902] ${NETVSC} VF slot 1 added
  [    6.945132] ${PCI} PCI VMBus probing: Using version 0x10004
  [    7.465085] ${NETVSC} VF registering: eth1
  [    7.465119] ${MLX} eth1: joined to eth0
  [    7.480651] ${MLX} enP12345s1: renamed from eth1
  [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
  [    9.654979] ${NETVSC} Data path switched from VF: enP12345s1
  [    9.910595] ${NETVSC} Data path switched to VF: enP12345s1
  [   11.411194] ${NETVSC} Data path switched from VF: enP12345s1
  [   11.733216] ${NETVSC} Data path switched to VF: enP12345s1
`;

ruleTester('guest-order', {
  valid: [
    { name: 'boot, switching to and from the VF twice on the way (normal)', code: BOOT, ...dmesg },
    {
      name: 'host servicing: the VF goes and comes back, each in order',
      code: trace`
        [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1
        [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
        [ 8225.557263] ${NETVSC} VF slot 1 added
        [ 8225.557867] ${PCI} PCI VMBus probing: Using version 0x10004
        [ 8226.021016] ${NETVSC} VF registering: eth1
        [ 8226.021058] ${MLX} eth1: joined to eth0
        [ 8226.267380] ${NETVSC} Data path switched to VF: enP12345s1
      `,
      ...dmesg,
    },
    {
      name: 'the association late: the VF registered and joined first, NetVSC waited, then switched',
      code: trace`
        [    6.100000] ${NETVSC} VF registering: eth1
        [    6.100040] ${MLX} eth1: joined to eth0
        [    6.250000] ${NETVSC} Waiting for the VF association from host
        [    9.400000] ${NETVSC} VF slot 1 added
        [    9.400300] ${NETVSC} Data path switched to VF: enP12345s1
      `,
      ...dmesg,
    },
    {
      name: 'a grep for hv_netvsc: no PCI probe, no joined line; missing steps are not out of order',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    7.465085] ${NETVSC} VF registering: eth1
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
    },
    {
      name: 'the trace starts with the VF already there: a switch from it and its removal',
      code: `[ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1\n[ 8162.020138] ${NETVSC} VF slot 1 removed\n`,
      ...dmesg,
    },
    {
      name: 'two adapters, each in order, interleaved',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    3.919000] hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: VF slot 2 added
        [    7.465085] ${NETVSC} VF registering: eth2
        [    7.465300] hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: VF registering: eth3
        [    8.090127] hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: Data path switched to VF: enP4660s2
        [    8.090300] ${NETVSC} Data path switched to VF: enP12345s1
      `,
      ...dmesg,
    },
    {
      name: 'a 4.x kernel: joined before VF registering (its netvsc_register_vf joins first), VF up and down around each switch',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    6.945132] ${PCI} PCI VMBus probing: Using version 0x10002
        [    7.412000] ${MLX} eth1: joined to eth0
        [    7.412100] ${NETVSC} VF registering: eth1
        [    7.980000] ${NETVSC} VF up: eth1
        [    7.980500] ${NETVSC} Data path switched to VF: eth1
        [    9.654000] ${NETVSC} VF down: eth1
        [    9.654400] ${NETVSC} Data path switched from VF: eth1
        [    9.910000] ${NETVSC} VF up: eth1
        [    9.910600] ${NETVSC} Data path switched to VF: eth1
      `,
      ...dmesg,
    },
    {
      name: 'a 4.x kernel after a host servicing: the VF goes (down, switched from, unregistering) and comes back joined first',
      code: trace`
        [ 8160.911000] ${NETVSC} VF down: eth1
        [ 8160.911509] ${NETVSC} Data path switched from VF: eth1
        [ 8160.912120] ${NETVSC} VF unregistering: eth1
        [ 8226.021016] ${MLX} eth1: joined to eth0
        [ 8226.021058] ${NETVSC} VF registering: eth1
        [ 8226.267000] ${NETVSC} VF up: eth1
        [ 8226.267380] ${NETVSC} Data path switched to VF: eth1
      `,
      ...dmesg,
    },
    {
      name: 'switched off',
      code: `[    8.0] ${NETVSC} Data path switched to VF: x\n[    9.0] ${NETVSC} VF slot 1 added\n`,
      ...dmesg,
      options: { rules: { 'guest-order': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'switched to the VF before the host associated it (a kernel that does not wait)',
      code: trace`
        [    7.465085] ${NETVSC} VF registering: eth1
        [    7.465119] ${MLX} eth1: joined to eth0
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [    9.400000] ${NETVSC} VF slot 1 added
      `,
      ...dmesg,
      errors: [
        {
          line: 3,
          column: AT.netvsc,
          endColumn: end(AT.netvsc, 'Data path switched to VF: enP12345s1'),
          severity: 'warning',
          message: ['Data path switched to VF: enP12345s1 came before VF slot 1 added (line 4); NetVSC switches to the VF only once the host has associated it'],
          related: [{ line: 4, column: AT.netvsc, message: 'VF slot 1 added should come first' }],
          docs: DOCS + 'virtual-function-initialization-sequence',
        },
      ],
    },
    {
      name: 'joined before its PCI device was probed',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    7.465085] ${MLX} eth1: joined to eth0
        [    7.465119] ${PCI} PCI VMBus probing: Using version 0x10004
      `,
      ...dmesg,
      errors: [
        {
          line: 2,
          column: AT.mlx,
          endColumn: end(AT.mlx, 'joined to eth0'),
          message: ['eth1 joined to eth0 came before PCI VMBus probing (line 3)', ARRIVAL],
          related: [3],
        },
      ],
    },
    {
      name: 'the VF registered before its PCI device was probed',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    7.465085] ${NETVSC} VF registering: eth1
        [    7.465119] ${PCI} PCI VMBus probing: Using version 0x10004
      `,
      ...dmesg,
      errors: [
        {
          line: 2,
          column: AT.netvsc,
          endColumn: end(AT.netvsc, 'VF registering: eth1'),
          message: ['VF registering: eth1 came before PCI VMBus probing (line 3)', ARRIVAL],
          related: [{ line: 3, column: AT.pci }],
        },
      ],
    },
    {
      name: 'unregistered before the data path switched from the VF; slot removed before both',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
        [ 8160.950000] ${NETVSC} VF slot 1 removed
        [ 8161.911509] ${NETVSC} Data path switched from VF: enP12345s1
      `,
      ...dmesg,
      errors: [
        {
          line: 3,
          column: AT.netvsc,
          endColumn: end(AT.netvsc, 'VF unregistering: enP12345s1'),
          message: ['VF unregistering: enP12345s1 came before Data path switched from VF: enP12345s1 (line 5)', DEPARTURE],
          related: [5],
          docs: DOCS + 'sr-iov-vf-failover-and-live-migration-support',
        },
        {
          line: 4,
          column: AT.netvsc,
          endColumn: end(AT.netvsc, 'VF slot 1 removed'),
          message: ['VF slot 1 removed came before Data path switched from VF: enP12345s1 (line 5)', DEPARTURE],
          related: [5],
        },
      ],
    },
    {
      name: 'an interface name thousands of characters long is clipped where the message quotes it',
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: ${LONG_IFACE}
        [    9.400000] ${NETVSC} VF slot 1 added
      `,
      ...dmesg,
      errors: [
        {
          line: 1,
          column: AT.netvsc,
          endColumn: end(AT.netvsc, `Data path switched to VF: ${LONG_IFACE}`),
          message: [`Data path switched to VF: ${LONG_IFACE.slice(0, 63)}… came before VF slot 1 added (line 2); NetVSC switches`],
          related: [{ line: 2, message: 'VF slot 1 added should come first' }],
        },
      ],
    },
    {
      name: 'in a .oidtrace file, on the guest lines pasted into it',
      code: trace`
        @adapter pf0
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [    9.400000] ${NETVSC} VF slot 1 added
      `,
      errors: [{ line: 2, column: AT.netvsc, endColumn: end(AT.netvsc, 'Data path switched to VF: enP12345s1'), message: ['before VF slot 1 added (line 3)'] }],
    },
  ],
});
