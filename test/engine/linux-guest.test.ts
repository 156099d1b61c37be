/** The Linux guest dialect: hv_netvsc / hv_pci / VF driver lines from dmesg, syslog and the journal. */
import { describe, expect, it } from 'vitest';
import { analyze, analyzeStream, dialectForFile, dialectOf, looksLikeGuestLog, printCanonical, sniffDialect, type TraceEvent } from '../../src/engine';
import { newGuestState, parseGuestLine } from '../../src/engine/dialects/linux-guest';
import { lint, trace } from './helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const PCI = 'hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73:';
const MLX = 'mlx5_core 3039:00:02.0';

const guest = (text: string) => analyze(text, { fileName: 'dmesg.txt' });

function one(text: string): TraceEvent {
  const r = guest(text);
  expect(r.dialect).toBe('linux');
  expect(r.events).toHaveLength(1);
  return r.events[0]!;
}

describe('each guest message is a lifecycle event', () => {
  it.each([
    [`${NETVSC} VF slot 1 added`, 'ADD_VF', 'NETVSC', undefined, 'I5', 'slot-added', {}],
    [`${PCI} PCI VMBus probing: Using version 0x10004`, 'ADD_VF', 'VSC', 'VF', 'I5', 'pci-probe', { vpci: '0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73', version: '0x10004' }],
    [`${NETVSC} VF registering: eth1`, 'INIT', 'VF', 'NETVSC', 'I5', 'registering', { vfIface: 'eth1' }],
    [`${MLX} eth1: joined to eth0`, 'BIND', 'NETVSC', 'VF', 'I6', 'joined', { vfIface: 'eth1', driver: 'mlx5_core' }],
    [`${NETVSC} Data path switched to VF: enP12345s1`, 'DATAPATH', 'NETVSC', undefined, 'I6', 'switched-to-vf', { path: 'vf', vfIface: 'enP12345s1' }],
    [`${NETVSC} Data path switched from VF: enP12345s1`, 'DATAPATH', 'NETVSC', undefined, 'G4', 'switched-from-vf', { path: 'synthetic' }],
    [`${NETVSC} Data path failed to switch to VF: enP12345s1, err: -110`, 'DATAPATH', 'NETVSC', undefined, undefined, 'switch-failed', { path: 'vf', err: '-110' }],
    [`${NETVSC} Data path failed to switch from VF: enP12345s1, err: -5`, 'DATAPATH', 'NETVSC', undefined, undefined, 'switch-failed', { path: 'synthetic', err: '-5' }],
    [`${NETVSC} VF unregistering: enP12345s1`, 'UNBIND', 'NETVSC', 'VF', 'G3', 'unregistering', { vfIface: 'enP12345s1' }],
    [`${NETVSC} VF slot 1 removed`, 'REMOVE_VF', 'NETVSC', undefined, 'G2', 'slot-removed', {}],
  ])('%s', (message, verb, actor, target, step, step2, attrs) => {
    // Each after a slot was added, so that every line knows its slot.
    const r = guest(`[    3.918902] ${NETVSC} VF slot 1 added\n[    7.465085] ${message}\n`);
    const ev = r.events[r.events.length - 1]!;
    expect(ev).toMatchObject({ line: 2, kind: 'lifecycle', dialect: 'linux', verb, actor, adapter: 'eth0', ids: { vf: '1' } });
    expect(ev.target).toBe(target);
    expect(ev.step).toBe(step);
    expect(ev.attrs).toMatchObject({ guest: step2, iface: 'eth0', slot: '1', ...attrs });
    expect(ev.oid).toBeUndefined();
  });

  it('the event underlines the message, not the prefix', () => {
    const ev = one(`[    8.090127] ${NETVSC} Data path switched to VF: enP12345s1   `);
    const start = `[    8.090127] ${NETVSC} `.length;
    expect(ev.span).toEqual({ line: 1, column: start + 1, endLine: 1, endColumn: start + 'Data path switched to VF: enP12345s1'.length + 1 });
  });

  it('kernel lines of no interest, and lines of other programs that quote one, are context', () => {
    const r = guest(trace`
      [    7.128515] ${MLX}: firmware version: 16.30.1004
      [    8.087962] ${MLX} enP12345s1: Link up
      [    2.327663] hv_vmbus: registering driver hv_netvsc
      Jul 23 16:18:53 myvm systemd-networkd[612]: enP12345s1: Link DOWN
      Jul 23 16:18:53 myvm logger[4242]: ${NETVSC} VF slot 1 added
    `);
    expect(r.events).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('prefixes and times', () => {
  const at = (hms: string) => {
    const [h, m, s] = hms.split(':').map(Number);
    return ((h! * 60 + m!) * 60 + s!) * 1000;
  };
  it.each([
    ['dmesg', `[    8.090127] `, 8090.127, undefined],
    ['dmesg with a level', `<6>[    8.090127] `, 8090.127, undefined],
    ['dmesg -T', `[Thu Jul 23 16:18:53 2026] `, at('16:18:53'), undefined],
    ['syslog', `Jul 23 16:18:53 myvm kernel: `, at('16:18:53'), undefined],
    ['syslog, single-digit day', `Jul  3 06:18:53 vm-01.contoso kernel: `, at('06:18:53'), undefined],
    ['syslog with the kernel stamp (the stamp wins: finer)', `Jul 23 16:18:53 myvm kernel: [ 8160.911509] `, 8160911.509, undefined],
    ['the journal, ISO', `2026-11-21T10:41:07.123456+00:00 myvm kernel: `, Date.UTC(2026, 10, 21, 10, 41, 7) + 123.456, '2026-11-21T10:41:07.123456+00:00'],
    ['the journal, short-monotonic', `[    8.090127] myvm kernel: `, 8090.127, undefined],
    ['none', '', undefined, undefined],
  ])('%s', (_, prefix, time, timeText) => {
    const ev = one(`${prefix}${NETVSC} Data path switched to VF: enP12345s1`);
    if (time === undefined) expect(ev.time).toBeUndefined();
    else expect(ev.time).toBeCloseTo(time, 3);
    expect(ev.timeText).toBe(timeText);
    expect(ev.attrs.guest).toBe('switched-to-vf');
  });

  it('bare messages, no prefix and no source, belong to the last adapter seen or the one their VF interface names', () => {
    const r = guest(trace`
      ${NETVSC} VF slot 1 added
      hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: VF slot 2 added
      ${MLX} enP12345s1: joined to eth0
      Data path switched to VF: enP12345s1
      VF slot 2 removed
    `);
    expect(r.events.map((e) => [e.line, e.adapter, e.ids.vf, e.attrs.guest])).toEqual([
      [1, 'eth0', '1', 'slot-added'],
      [2, 'eth1', '2', 'slot-added'],
      [3, 'eth0', '1', 'joined'],
      [4, 'eth0', '1', 'switched-to-vf'],
      [5, 'eth0', '2', 'slot-removed'],
    ]);
  });
});

describe('which NetVSC adapter and which slot', () => {
  it('an adapter not yet named ("unnamed net_device") is its VMBus device, under that name from then on', () => {
    const r = guest(trace`
      [  590.199511] hv_netvsc 7c1e527c-2980-7c1e-527c-29807c1e527c (unnamed net_device) (uninitialized): VF slot 1 added
      [  590.402112] hv_netvsc 7c1e527c-2980-7c1e-527c-29807c1e527c eth1: VF registering: eth2
      [  590.402140] ${MLX} eth2: joined to eth1
    `);
    expect(r.events.map((e) => [e.adapter, e.ids.vf, e.attrs.iface])).toEqual([
      ['7c1e527c-2980-7c1e-527c-29807c1e527c', '1', undefined],
      ['7c1e527c-2980-7c1e-527c-29807c1e527c', '1', 'eth1'],
      ['7c1e527c-2980-7c1e-527c-29807c1e527c', '1', 'eth1'],
    ]);
  });

  it("lines before the slot is added take the adapter's last slot, else the sN of a predictable VF name, else none", () => {
    const r = guest(trace`
      ${NETVSC} VF registering: enP12345s3
      ${NETVSC} VF registering: eth1
      ${NETVSC} VF slot 4 removed
      ${NETVSC} VF registering: eth1
    `);
    expect(r.events.map((e) => e.ids.vf)).toEqual(['3', undefined, '4', '4']);
    expect(r.events[1]!.attrs.slot).toBeUndefined();
  });

  it('a slot is a number: leading zeros do not make another VF', () => {
    expect(one(`${NETVSC} VF slot 01 added`).ids.vf).toBe('1');
  });

  it('a PCI probe goes to the first adapter whose slot was added and whose VF has not arrived', () => {
    const r = guest(trace`
      ${NETVSC} VF slot 1 added
      hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: VF slot 2 added
      ${PCI} PCI VMBus probing: Using version 0x10004
      hv_pci 5d1e0a77-9c2f-4b1e-8f3a-6a0b2c4d5e6f: PCI VMBus probing: Using version 0x10004
      hv_pci 9e8d7c6b-1111-4a2b-9c3d-4e5f6a7b8c9d: PCI VMBus probing: Using version 0x10004
    `);
    // The third probe has no adapter waiting for it, and there are two: context.
    expect(r.events.map((e) => [e.line, e.adapter, e.ids.vf, e.attrs.guest])).toEqual([
      [1, 'eth0', '1', 'slot-added'],
      [2, 'eth1', '2', 'slot-added'],
      [3, 'eth0', '1', 'pci-probe'],
      [4, 'eth1', '2', 'pci-probe'],
    ]);
  });

  it('with a single adapter, a probe before its slot goes to it; before any adapter, to the adapter and slot that follow', () => {
    const first = guest(`${PCI} PCI VMBus probing: Using version 0x10004\n${NETVSC} VF slot 1 added\n`);
    expect(first.events.map((e) => [e.adapter, e.attrs.guest])).toEqual([
      ['eth0', 'pci-probe'],
      ['eth0', 'slot-added'],
    ]);
    expect(first.episodes.map((e) => e.title)).toEqual(['eth0 · VF slot 1 setup']);
    const r = guest(`${NETVSC} VF slot 1 removed\n${PCI} PCI VMBus probing: Using version 0x10004\n`);
    expect(r.events.map((e) => [e.adapter, e.attrs.guest])).toEqual([
      ['eth0', 'slot-removed'],
      ['eth0', 'pci-probe'],
    ]);
  });

  it('with several adapters, a probe none waits for goes to the only one whose slot was removed: its VF coming back ahead of the slot', () => {
    const ETH1 = 'hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1:';
    const r = guest(trace`
      ${NETVSC} VF slot 1 added
      ${ETH1} VF slot 2 added
      ${PCI} PCI VMBus probing: Using version 0x10004
      hv_pci 5d1e0a77-9c2f-4b1e-8f3a-6a0b2c4d5e6f: PCI VMBus probing: Using version 0x10004
      ${ETH1} VF slot 2 removed
      hv_pci 5d1e0a77-9c2f-4b1e-8f3a-6a0b2c4d5e6f: PCI VMBus probing: Using version 0x10004
      ${NETVSC} VF slot 1 removed
      ${PCI} PCI VMBus probing: Using version 0x10004
    `);
    // The last probe could be either adapter's VF: context.
    expect(r.events.slice(4).map((e) => [e.line, e.adapter, e.ids.vf, e.attrs.guest])).toEqual([
      [5, 'eth1', '2', 'slot-removed'],
      [6, 'eth1', '2', 'pci-probe'],
      [7, 'eth0', '1', 'slot-removed'],
    ]);
  });

  it('"Waiting for the VF association from host" is no event: the slot added after it says so', () => {
    const r = guest(trace`
      [    6.100000] ${NETVSC} VF registering: eth1
      [    6.100040] ${MLX} eth1: joined to eth0
      [    6.250000] ${NETVSC} Waiting for the VF association from host
      [    9.400000] ${NETVSC} VF slot 1 added
      [    9.400300] ${NETVSC} Data path switched to VF: enP12345s1
    `);
    expect(r.events.map((e) => [e.line, e.attrs.guest])).toEqual([
      [1, 'registering'],
      [2, 'joined'],
      [4, 'slot-added'],
      [5, 'switched-to-vf'],
    ]);
    expect(r.events[2]!.attrs.waitedAt).toBe('3');
  });
});

describe('how long the log went on', () => {
  const lastTime = (text: string) => {
    const state = newGuestState();
    text.split('\n').forEach((line, i) => parseGuestLine(line, i + 1, state));
    return state.lastTime;
  };

  it("a context line's stamp counts: the log went on until then", () => {
    expect(
      lastTime(trace`
        [   12.503000] ${NETVSC} VF slot 1 added
        [  196.700000] systemd-journald[412]: Time spent on flushing to /var/log/journal is 10.125ms for 812 entries.
      `),
    ).toBe(196700);
  });

  it("another program's syslog stamp does not: it is the wall clock, the kernel's lines count since boot", () => {
    expect(
      lastTime(trace`
        Nov 21 10:41:05 web-07 kernel: [ 8160.004391] ${NETVSC} VF slot 1 added
        Nov 21 10:41:06 web-07 systemd-networkd[611]: enP36100s1: Link DOWN
        Nov 21 10:41:07 web-07 NetworkManager[702]: <info>  VF enP36100s1: state change
      `),
    ).toBe(8160004.391);
  });
});

describe('choosing the dialect', () => {
  const dmesg = `[    0.000000] Linux version 6.8.0-1015-azure (buildd@lcy02-amd64-090) #17-Ubuntu SMP\n[    0.000000] BIOS-e820: [mem 0x0000000000010200-0x000000000009ffff] usable\n[    3.918902] ${NETVSC} VF slot 1 added\n`;
  const syslog = `Jul 23 16:18:50 myvm systemd[1]: Started Session 4 of User azureuser.\nJul 23 16:18:50 myvm kernel: [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1\n`;
  const journal = `2026-11-21T10:41:07.123456+00:00 myvm kernel: ${NETVSC} VF slot 1 added\n`;
  const wpp = '[1]0A3C.0F10::11/21/2026-10:41:07.110000 [mlx5]MlxSetInformation: Unknown OID 00010255 VfId: 2 -->\n';
  const isoDriverLog =
    '2026-11-21T10:41:07.110000 mlx5 MlxSet: OID_SRIOV_RESET_VF VFId=2 Set\n2026-11-21T10:41:07.150000 mlx5 MlxSet: OID_SRIOV_RESET_VF completed Status 0x00000000 VFId=2\n';

  it('by name: dmesg*.txt, dmesg, messages, syslog and their rotations', () => {
    for (const name of [
      'dmesg.txt',
      'dmesg-boot.txt',
      '/var/tmp/DMESG_2.txt',
      'dmesg',
      'messages',
      '/var/log/syslog',
      'syslog.1',
      'messages-20261121',
      'C:\\logs\\syslog',
    ]) {
      expect(dialectForFile(name), name).toBe('linux');
    }
    for (const name of ['host.log', 'dbg.txt', 'dmesg.log', 'mysyslog', 'messages.txt']) expect(dialectForFile(name), name).toBe('wpp');
    expect(dialectForFile('x.oidtrace')).toBe('oidtrace');
  });

  it("a log named like a driver log whose lines are a Linux kernel log's", () => {
    for (const text of [dmesg, syslog, journal]) {
      expect(looksLikeGuestLog(text)).toBe(true);
      expect(dialectOf(text, { fileName: 'guest.log' })).toBe('linux');
      expect(sniffDialect(text)).toBe('linux');
    }
    for (const text of [wpp, isoDriverLog, '', 'just some text\nwith VF in it\n']) {
      expect(looksLikeGuestLog(text)).toBe(false);
      expect(dialectOf(text, { fileName: 'host.log' })).toBe('wpp');
    }
    // A syslog of other programs only: no kernel line, no evidence.
    expect(looksLikeGuestLog('Jul 23 16:18:50 myvm systemd[1]: Started Session 4 of User azureuser.\n')).toBe(false);
    expect(dialectOf(dmesg, { fileName: 'guest.log', dialect: 'wpp' })).toBe('wpp');
    expect(dialectOf(wpp, { fileName: 'syslog' })).toBe('linux');
  });

  it('analyzeStream decides the same way, whatever the chunks', async () => {
    const text = dmesg.repeat(3);
    async function* chunks(size: number) {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    }
    const whole = analyze(text, { fileName: 'guest.log' });
    expect(whole.dialect).toBe('linux');
    expect(whole.events).toHaveLength(3);
    for (const size of [1, 7, 100, 1 << 20]) {
      const r = await analyzeStream(chunks(size), { fileName: 'guest.log' });
      expect(r.dialect).toBe('linux');
      expect(r.events.map((e) => [e.line, e.verb])).toEqual(whole.events.map((e) => [e.line, e.verb]));
    }
  });
});

describe('guest lines in a .oidtrace file', () => {
  it('parse as the guest event, on the adapter in force; other kernel lines stay syntax errors', () => {
    const r = lint(trace`
      @adapter pf0
      08:15:02.000000 NETVSC -> VF   BIND vf=1
      [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
      Jul 23 16:18:53 myvm kernel: ${NETVSC} Waiting for the VF association from host
      Data path switched from VF: enP12345s1
      [    7.128515] ${MLX}: firmware version: 16.30.1004
    `);
    expect(r.dialect).toBe('oidtrace');
    expect(r.events.map((e) => [e.line, e.dialect, e.adapter, e.verb, e.attrs.guest])).toEqual([
      [2, 'oidtrace', 'pf0', 'BIND', undefined],
      [3, 'linux', 'pf0', 'DATAPATH', 'switched-to-vf'],
      [5, 'linux', 'pf0', 'DATAPATH', 'switched-from-vf'],
    ]);
    expect(r.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['6 syntax']);
  });

  it('a guest event printed as canonical text reads back the same', () => {
    const r = guest(trace`
      Jul 23 16:18:50 myvm kernel: [ 8160.911509] ${NETVSC} Data path failed to switch from VF: enP12345s1, err: -110
      2026-11-21T10:41:07.123456+00:00 myvm kernel: ${MLX} eth1: joined to eth0
    `);
    for (const ev of r.events) {
      const back = lint(printCanonical(ev, { adapter: 'default' })).events[0]!;
      expect(back).toMatchObject({ kind: ev.kind, verb: ev.verb, actor: ev.actor, target: ev.target, adapter: ev.adapter, ids: ev.ids, attrs: ev.attrs });
      expect(back.time).toBeCloseTo(ev.time!, 3);
      expect(back.step).toBe(ev.step);
    }
  });
});
