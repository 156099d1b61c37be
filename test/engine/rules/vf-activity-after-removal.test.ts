import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine';
import { DOCS, ruleTester, trace, where } from '../helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const ETH1 = 'hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1:';
const PCI = 'hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73:';
const MLX = 'mlx5_core 3039:00:02.0';
/** Where the message of a `[ seconds ] hv_netvsc … eth0:` line starts. */
const AT = 15 + NETVSC.length + 2;
/** Where "joined to" starts on a `[ seconds ] mlx5_core … enP12345s1:` line. */
const JOINED_AT = 15 + MLX.length + ' enP12345s1: '.length + 1;
const dmesg = { fileName: 'dmesg.txt' };
const FAILOVER = `${DOCS}sr-iov-vf-failover-and-live-migration-support`;
/** A boot that shows hv_pci's probe of the VF, then the data path off the VF and its slot removed (line 7). */
const BOOT_THEN_REMOVED = `
  [    1.912887] ${NETVSC} VF slot 1 added
  [    2.515106] ${PCI} PCI VMBus probing: Using version 0x10004
  [    2.837519] ${NETVSC} VF registering: enP12345s1
  [    2.837566] ${MLX} enP12345s1: joined to eth0
  [    3.404129] ${NETVSC} Data path switched to VF: enP12345s1
  [ 8160.004210] ${NETVSC} Data path switched from VF: enP12345s1
  [ 8160.004391] ${NETVSC} VF slot 1 removed`;
const after = (...lines: string[]) => trace`${[BOOT_THEN_REMOVED, ...lines].join('\n')}`;

ruleTester('vf-activity-after-removal', {
  valid: [
    {
      name: 'a servicing: the VF goes, its slot comes back, the VF registers again',
      code: after(
        `  [ 8160.004600] ${NETVSC} VF unregistering: enP12345s1`,
        `  [ 8191.880514] ${NETVSC} VF slot 1 added`,
        `  [ 8191.881102] ${PCI} PCI VMBus probing: Using version 0x10004`,
        `  [ 8192.310954] ${NETVSC} VF registering: enP12345s1`,
        `  [ 8192.310990] ${MLX} enP12345s1: joined to eth0`,
        `  [ 8192.604433] ${NETVSC} Data path switched to VF: enP12345s1`,
      ),
      ...dmesg,
    },
    {
      name: 'the teardown after the removal: switched from the VF, VF down, unregistering',
      code: after(
        `  [ 8160.004500] ${NETVSC} Data path switched from VF: enP12345s1`,
        `  [ 8160.004550] ${NETVSC} VF down: enP12345s1`,
        `  [ 8160.004600] ${NETVSC} VF unregistering: enP12345s1`,
      ),
      ...dmesg,
    },
    {
      name: 'the VF back ahead of its slot: hv_pci probed it again, it registers, NetVSC waits for the association',
      code: after(
        `  [ 8191.881102] ${PCI} PCI VMBus probing: Using version 0x10004`,
        `  [ 8192.310954] ${NETVSC} VF registering: enP12345s1`,
        `  [ 8192.310990] ${MLX} enP12345s1: joined to eth0`,
        `  [ 8192.400000] ${NETVSC} Waiting for the VF association from host`,
        `  [ 8193.021880] ${NETVSC} VF slot 1 added`,
        `  [ 8193.604433] ${NETVSC} Data path switched to VF: enP12345s1`,
      ),
      ...dmesg,
    },
    {
      name: "a log filtered down to hv_netvsc's lines: without hv_pci's probes a VF that came back looks the same",
      code: trace`
        [ 8160.004391] ${NETVSC} VF slot 1 removed
        [ 8192.310954] ${NETVSC} VF registering: enP12345s1
        [ 8193.021880] ${NETVSC} VF slot 1 added
      `,
      ...dmesg,
    },
    {
      name: "another adapter's slot was removed",
      code: after(`  [ 8161.734102] ${ETH1} Data path switched to VF: enP12345s2`),
      ...dmesg,
    },
    {
      name: 'several adapters: the probe after a removal goes to the one whose slot was removed',
      code: trace`
        [    1.912887] ${NETVSC} VF slot 1 added
        [    1.913000] ${ETH1} VF slot 2 added
        [    2.515106] ${PCI} PCI VMBus probing: Using version 0x10004
        [    2.515200] hv_pci 5d1e0a77-9c2f-4b1e-8f3a-6a0b2c4d5e6f: PCI VMBus probing: Using version 0x10004
        [ 8160.004391] ${NETVSC} VF slot 1 removed
        [ 8191.881102] ${PCI} PCI VMBus probing: Using version 0x10004
        [ 8192.310954] ${NETVSC} VF registering: enP12345s1
        [ 8193.021880] ${NETVSC} VF slot 1 added
      `,
      ...dmesg,
    },
  ],
  invalid: [
    {
      name: 'the data path switched to the VF after its slot was removed',
      code: after(`  [ 8161.733410] ${MLX} enP12345s1: Link up`, `  [ 8161.734102] ${NETVSC} Data path switched to VF: enP12345s1`),
      ...dmesg,
      errors: [
        {
          line: 9,
          column: AT,
          endColumn: AT + 'Data path switched to VF: enP12345s1'.length,
          severity: 'error',
          docs: FAILOVER,
          related: [{ line: 7, message: 'the slot was removed here' }],
        },
      ],
    },
    {
      name: 'each bring-up form counts: registering, joined, VF up',
      code: after(
        `  [ 8170.100000] ${NETVSC} VF registering: enP12345s1`,
        `  [ 8170.100100] ${MLX} enP12345s1: joined to eth0`,
        `  [ 8170.200000] ${NETVSC} VF up: enP12345s1`,
      ),
      ...dmesg,
      errors: [
        { line: 8, column: AT, endColumn: AT + 'VF registering: enP12345s1'.length, message: ["the VF's driver is bringing up a device the host has taken away"] },
        { line: 9, column: JOINED_AT, endColumn: JOINED_AT + 'joined to eth0'.length },
        { line: 10, column: AT, endColumn: AT + 'VF up: enP12345s1'.length, message: ['NetVSC is moving the data path to a VF the host has taken away'] },
      ],
    },
    {
      name: 'the probe before the removal was the earlier VF: a registration without a new one counts',
      code: after(`  [ 8160.500000] ${NETVSC} VF unregistering: enP12345s1`, `  [ 8170.100000] ${NETVSC} VF registering: enP12345s1`),
      ...dmesg,
      errors: [{ line: 9, column: AT, endColumn: AT + 'VF registering: enP12345s1'.length, related: [7] }],
    },
  ],
});

describe('vf-activity-after-removal: the message', () => {
  it('names the activity, the removal and what it means', () => {
    const r = analyze(after(`  [ 8161.734102] ${NETVSC} Data path switched to VF: enP12345s1`), dmesg);
    expect(r.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `8:${AT}-${AT + 36} vf-activity-after-removal Data path switched to VF: enP12345s1 came after VF slot 1 was removed (line 7), ` +
        'with no slot added and no PCI probe since: NetVSC is moving the data path to a VF the host has taken away',
    ]);
    expect(r.diagnostics[0]!.note).toBe('after VF slot 1 was removed (line 7)');
  });
});
