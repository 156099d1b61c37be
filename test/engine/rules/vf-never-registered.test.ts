import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, correlate } from '../../../src/engine';
import { DOCS, ruleTester, SAMPLES_DIR, trace, where } from '../helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const ETH1 = 'hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1:';
const PCI = 'hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73:';
const MLX = 'mlx5_core 3039:00:02.0';
/** Where the message of a `[ seconds ] hv_netvsc … eth0:` line starts. */
const AT = 15 + NETVSC.length + 2;
const ADDED = { column: AT, endColumn: AT + 'VF slot 1 added'.length };
const dmesg = { fileName: 'dmesg.txt' };
const INIT = `${DOCS}virtual-function-initialization-sequence`;

ruleTester('vf-never-registered', {
  valid: [
    {
      name: 'a boot: slot added, PCI probe, registering, joined, switched to the VF; the log goes on',
      code: trace`
        [    1.912887] ${NETVSC} VF slot 1 added
        [    2.515106] ${PCI} PCI VMBus probing: Using version 0x10004
        [    2.837519] ${NETVSC} VF registering: eth1
        [    2.837566] ${MLX} eth1: joined to eth0
        [    3.404129] ${NETVSC} Data path switched to VF: enP12345s1
        [  300.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'a servicing: the VF goes, its slot comes back 30 s later and the VF registers again',
      code: trace`
        [ 8160.004210] ${NETVSC} Data path switched from VF: enP12345s1
        [ 8160.004391] ${NETVSC} VF unregistering: enP12345s1
        [ 8161.290377] ${NETVSC} VF slot 1 removed
        [ 8191.880514] ${NETVSC} VF slot 1 added
        [ 8191.881102] ${PCI} PCI VMBus probing: Using version 0x10004
        [ 8192.310954] ${NETVSC} VF registering: eth1
        [ 8192.310990] ${MLX} eth1: joined to eth0
        [ 8192.604433] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8500.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'the log ends 7.5 s after the slot was added: the VF had no time to register',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   12.503871] ${PCI} PCI VMBus probing: Using version 0x10004
        [   20.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'a VF that registers late, 3 minutes after its slot, still registered',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [  190.837519] ${NETVSC} VF registering: eth1
        [  400.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'a 4.x kernel: joined and "VF up" say the VF registered',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   13.837566] ${MLX} eth1: joined to eth0
        [   13.901000] ${NETVSC} VF up: eth1
        [  400.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'a switch to the VF that failed: NetVSC only switches a VF it has, so the VF had registered',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   14.000000] ${NETVSC} Data path failed to switch to VF: enP12345s1, err: -110
        [  400.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'the association late: the VF registered and joined before its slot was added, and waits for nothing',
      code: trace`
        [ 8161.290377] ${NETVSC} VF slot 1 removed
        [ 8191.881102] ${PCI} PCI VMBus probing: Using version 0x10004
        [ 8192.310954] ${NETVSC} VF registering: enP12345s1
        [ 8192.310990] ${MLX} enP12345s1: joined to eth0
        [ 8192.400000] ${NETVSC} Waiting for the VF association from host
        [ 8230.021880] ${NETVSC} VF slot 1 added
        [ 8500.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'a VF that registered before the log named any slot (its interface eth1), then its slot',
      code: trace`
        [    2.515106] ${PCI} PCI VMBus probing: Using version 0x10004
        [    2.837519] ${NETVSC} VF registering: eth1
        [    2.837566] ${MLX} eth1: joined to eth0
        [   40.000000] ${NETVSC} VF slot 1 added
        [  400.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'the host took the slot back 3 s after adding it',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   15.503000] ${NETVSC} VF slot 1 removed
        [  400.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: 'a log without times: how long it waited is unknown',
      code: trace`
        ${NETVSC} VF slot 1 added
        ${PCI} PCI VMBus probing: Using version 0x10004
        systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
    },
    {
      name: "in a syslog, another program's wall-clock stamp is not the kernel's time since boot",
      code: trace`
        Nov 21 10:41:36 web-07 kernel: [ 8191.880514] ${NETVSC} VF slot 1 added
        Nov 21 10:41:38 web-07 systemd-networkd[611]: eth0: Gained carrier
      `,
      ...dmesg,
    },
  ],
  invalid: [
    {
      name: "the VF's driver failed after hv_pci's probe; the log went on 184 s",
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   12.503871] ${PCI} PCI VMBus probing: Using version 0x10004
        [   72.511602] ${MLX}: probe_one:1791:(pid 1291): mlx5_init_one failed with error code -110
        [  196.700000] systemd[1]: Starting sysstat-collect.service - system activity accounting tool...
      `,
      ...dmesg,
      errors: [{ line: 1, ...ADDED, severity: 'warning', docs: INIT, related: [{ line: 2, message: "hv_pci probed the VF's PCI device here" }] }],
    },
    {
      name: 'the slot removed again 45 s later, its VF never registered',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   57.503000] ${NETVSC} VF slot 1 removed
        [   90.000000] ${NETVSC} VF slot 1 added
        [   90.200000] ${NETVSC} VF registering: enP12345s1
      `,
      ...dmesg,
      errors: [{ line: 1, ...ADDED, message: ['(waited 45 s, until the slot was removed (line 2))', 'the VM stayed on the synthetic data path'], related: [2] }],
    },
    {
      name: 'the slot added again 30 s later without a removal: the first wait ended there',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   42.503000] ${NETVSC} VF slot 1 added
        [   42.800000] ${NETVSC} VF registering: enP12345s1
      `,
      ...dmesg,
      errors: [{ line: 1, ...ADDED, message: ['(waited 30 s, until the slot was added again (line 2))'], related: [2] }],
    },
    {
      name: 'exactly the grace (10 s) to the end of the log is a wait long enough',
      code: trace`
        [   12.500000] ${NETVSC} VF slot 1 added
        [   22.500000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
      errors: [{ line: 1, ...ADDED, message: ['(waited 10 s, to the end of the log)'] }],
    },
    {
      name: 'two adapters: only the one whose VF never came',
      code: trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   12.600000] ${ETH1} VF slot 2 added
        [   12.837519] ${ETH1} VF registering: enP12345s2
        [   80.000000] systemd[1]: Started Daily apt download activities.
      `,
      ...dmesg,
      errors: [{ line: 1, ...ADDED, message: ['VF slot 1 was added', '(waited 67 s, to the end of the log)'] }],
    },
  ],
});

describe('vf-never-registered: the message', () => {
  it('says how long the VM waited, to what, and whether hv_pci probed the device', () => {
    const r = analyze(
      trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [   12.503871] ${PCI} PCI VMBus probing: Using version 0x10004
        [  196.700000] systemd[1]: Starting sysstat-collect.service - system activity accounting tool...
      `,
      dmesg,
    );
    expect(r.diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `1:${AT}-${AT + 15} vf-never-registered VF slot 1 was added but its VF never registered (waited 184 s, to the end of the log): ` +
        'no "VF registering", "joined to", "VF up" or "Data path switched to VF" followed, though hv_pci probed its PCI device (line 2): ' +
        "the VF's driver failed to bring it up; the VM stays on the synthetic data path",
    ]);
    expect(r.diagnostics[0]!.note).toBe('its VF never registered (waited 184 s)');
  });

  it('without a probe in the log, it says only what did not follow', () => {
    const r = analyze(`[   12.503000] ${NETVSC} VF slot 1 added\n[   42.503000] ${NETVSC} VF slot 1 removed\n`, dmesg);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'VF slot 1 was added but its VF never registered (waited 30 s, until the slot was removed (line 2)): ' +
        'no "VF registering", "joined to", "VF up" or "Data path switched to VF" followed; the VM stayed on the synthetic data path',
    ]);
  });

  it('off by setting: nothing', () => {
    const r = analyze(`[   12.503000] ${NETVSC} VF slot 1 added\n[   42.503000] ${NETVSC} VF slot 1 removed\n`, { ...dmesg, rules: { 'vf-never-registered': 'off' } });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('vf-never-registered with a host trace read together', () => {
  const host = { name: 'host-servicing.log', text: readFileSync(join(SAMPLES_DIR, 'correlate', 'host-servicing.log'), 'utf8') };
  const guestLog = (...lines: string[]) => ({ name: 'dmesg.txt', text: lines.join('\n') + '\n' });

  it("the guest's log ends 0.5 s after the slot was added: the host's trace going on does not make the VM wait longer", () => {
    // The guest's "VF slot added" is put 1 ms after the host's last setup OID; the host's trace goes on 65 s.
    const c = correlate(host, guestLog(`[  100.000000] ${NETVSC} VF slot 1 added`, `[  100.500000] ${PCI} PCI VMBus probing: Using version 0x10004`));
    expect(c.guest.diagnostics.filter((d) => d.rule === 'vf-never-registered')).toEqual([]);
  });

  it("the guest's log goes on 30 s: the wait is the guest's, on its own lines", () => {
    const c = correlate(host, guestLog(`[  100.000000] ${NETVSC} VF slot 1 added`, `[  130.000000] ${PCI} PCI VMBus probing: Using version 0x10004`));
    const found = c.guest.diagnostics.filter((d) => d.rule === 'vf-never-registered');
    expect(found.map((d) => `${d.source}:${d.span.line}`)).toEqual(['1:1']);
    expect(found[0]!.message).toContain('VF slot 1 was added but its VF never registered (waited 30 s, to the end of the log)');
  });
});
