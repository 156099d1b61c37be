/**
 * The Linux guest dialect on the forms its lines take when pasted from where
 * users find them: `dmesg -H`, syslog without a host, kernel commit messages,
 * another program's log, OpenWrt's logread, mail quotes, and 4.x kernels.
 */
import { describe, expect, it } from 'vitest';
import { analyze, dialectOf, episodeDiagram, looksLikeGuestLog, sniffDialect, type AnalysisResult } from '../../src/engine';
import { trace } from './helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const PCI = 'hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73:';
const MLX = 'mlx5_core 3039:00:02.0';

const guest = (text: string) => analyze(text, { fileName: 'dmesg.txt' });
const steps = (r: AnalysisResult) => r.events.map((e) => [e.line, e.adapter, e.ids.vf, e.attrs.guest]);
const hms = (h: number, m: number, s = 0) => ((h * 60 + m) * 60 + s) * 1000;

/** What a user checks of a file made of one form: read as a Linux guest's log, whatever its name. */
function sniffedAsGuestLog(text: string): void {
  expect(looksLikeGuestLog(text)).toBe(true);
  expect(dialectOf(text, { fileName: 'guest.log' })).toBe('linux');
  expect(sniffDialect(text)).toBe('linux');
}

describe('dmesg -H (--human): minute lines, then deltas from the line before', () => {
  const HUMAN = trace`
    [Nov 3 10:01] hv_vmbus: registering driver hv_netvsc
    [  +0.000523] ${NETVSC} VF slot 1 added
    [  +0.031463] ${PCI} PCI VMBus probing: Using version 0x10004
    [  +0.512020] ${NETVSC} VF registering: eth1
    [  +0.000034] ${MLX} eth1: joined to eth0
    [  +0.004000] ${MLX} enP12345s1: renamed from eth1
    [ +12.004711] ${NETVSC} Data path switched to VF: enP12345s1
    [Nov 3 10:02] ${NETVSC} Data path switched from VF: enP12345s1
    [  +2.250000] ${NETVSC} Data path switched to VF: enP12345s1
  `;

  it('each guest line is its event, timed from the minute line and every delta since (context lines too)', () => {
    const r = guest(HUMAN);
    expect(steps(r)).toEqual([
      [2, 'eth0', '1', 'slot-added'],
      [3, 'eth0', '1', 'pci-probe'],
      [4, 'eth0', '1', 'registering'],
      [5, 'eth0', '1', 'joined'],
      [7, 'eth0', '1', 'switched-to-vf'],
      [8, 'eth0', '1', 'switched-from-vf'],
      [9, 'eth0', '1', 'switched-to-vf'],
    ]);
    const base = hms(10, 1);
    const expected = [base + 0.523, base + 31.986, base + 544.006, base + 544.04, base + 12552.751, hms(10, 2), hms(10, 2) + 2250];
    r.events.forEach((e, i) => expect(e.time, `line ${e.line}`).toBeCloseTo(expected[i]!, 3));
    expect(r.diagnostics).toEqual([]);
  });

  it('the message is underlined after the stamp', () => {
    const ev = guest(`[  +0.000523] ${NETVSC} VF slot 1 added`).events[0]!;
    const start = `[  +0.000523] ${NETVSC} `.length;
    expect(ev.span).toMatchObject({ column: start + 1, endColumn: start + 'VF slot 1 added'.length + 1 });
  });

  it('a day of two digits has no space after the month ("%b%e"); a negative delta goes back (and is ordered by it)', () => {
    const r = guest(trace`
      [Nov13 23:59] ${NETVSC} VF slot 1 added
      [  -0.000200] ${NETVSC} VF registering: eth1
    `);
    expect(r.events.map((e) => [e.line, e.time])).toEqual([
      [2, hms(23, 59) - 0.2],
      [1, hms(23, 59)],
    ]);
  });

  it('deltas before any minute line have nothing to count from: the events have no time', () => {
    const r = guest(trace`
      [  +0.000523] ${NETVSC} VF slot 1 added
      [  +0.031463] ${NETVSC} VF registering: eth1
    `);
    expect(r.events.map((e) => [e.attrs.guest, e.time])).toEqual([
      ['slot-added', undefined],
      ['registering', undefined],
    ]);
  });

  it("a file of them is a Linux guest's log", () => sniffedAsGuestLog(HUMAN));
});

describe('syslog with an empty host, and the indented kernel lines commit messages quote', () => {
  it('"Mar  1 18:54:12  kernel: ": no host between the stamp and the program', () => {
    const text = trace`
      Mar  1 18:54:12  kernel: ${NETVSC} VF slot 1 added
      Mar  1 18:54:13  kernel: ${NETVSC} Data path switched to VF: enP12345s1
      Mar  1 18:54:13  systemd[1]: Started Session 4 of User azureuser.
      Mar  1 18:54:14  logger[4242]: ${NETVSC} VF slot 1 removed
    `;
    const r = guest(text);
    // Another program's line stays context, host or no host.
    expect(r.events.map((e) => [e.line, e.attrs.guest, e.time])).toEqual([
      [1, 'slot-added', hms(18, 54, 12)],
      [2, 'switched-to-vf', hms(18, 54, 13)],
    ]);
    sniffedAsGuestLog(text);
  });

  it('"    kernel: hv_netvsc …": indented, no stamp', () => {
    const text = trace`
      Fix the race between the VF registering and the host's association:
          kernel: ${NETVSC} VF registering: eth1
          kernel: ${MLX} eth1: joined to eth0
          kernel: ${NETVSC} Waiting for the VF association from host
          kernel: ${NETVSC} VF slot 1 added
    `;
    const r = guest(text);
    expect(steps(r)).toEqual([
      [2, 'eth0', undefined, 'registering'],
      [3, 'eth0', undefined, 'joined'],
      [5, 'eth0', '1', 'slot-added'],
    ]);
    expect(r.events[2]!.attrs.waitedAt).toBe('4');
    const start = `    kernel: ${NETVSC} `.length;
    expect(r.events[0]!.span).toMatchObject({ line: 2, column: start + 1 });
    sniffedAsGuestLog(text);
  });
});

describe("a kernel line inside another program's prefix", () => {
  const COLLECTED = trace`
    [2026-09-03 05:50:31.887 Collector I] collecting kernel messages since boot
    [2026-09-03 05:50:31.887 Collector I] [Thu Sep  3 05:50:12 2026] ${NETVSC} VF slot 1 added
    [2026-09-03 05:50:31.888 Collector I] [Thu Sep  3 05:50:13 2026] ${NETVSC} VF registering: eth1
    [2026-09-03 05:50:31.888 Collector I] [Thu Sep  3 05:50:13 2026] ${MLX} eth1: joined to eth0
    [2026-09-03 05:50:31.889 Collector I] [Thu Sep  3 05:50:14 2026] ${NETVSC} Data path switched to VF: enP12345s1
  `;

  it("the kernel's stamp, then the message: found after the collector's prefix, the kernel's time", () => {
    const r = guest(COLLECTED);
    expect(steps(r)).toEqual([
      [2, 'eth0', '1', 'slot-added'],
      [3, 'eth0', '1', 'registering'],
      [4, 'eth0', '1', 'joined'],
      [5, 'eth0', '1', 'switched-to-vf'],
    ]);
    expect(r.events.map((e) => e.time)).toEqual([hms(5, 50, 12), hms(5, 50, 13), hms(5, 50, 13), hms(5, 50, 14)]);
    const start = `[2026-09-03 05:50:31.889 Collector I] [Thu Sep  3 05:50:14 2026] ${NETVSC} `.length;
    expect(r.events[3]!.span).toMatchObject({ line: 5, column: start + 1 });
    sniffedAsGuestLog(COLLECTED);
  });

  it("with the kernel's seconds stamp, or with no stamp but hv_netvsc's own source", () => {
    const r = guest(trace`
      collector: [  590.199511] ${NETVSC} VF slot 1 added
      2026-09-03 05:50:31,887 INFO kmsg-forwarder ${NETVSC} VF registering: eth1
    `);
    expect(r.events.map((e) => [e.line, e.attrs.guest, e.time])).toEqual([
      [1, 'slot-added', 590199.511],
      [2, 'registering', undefined],
    ]);
  });

  it('a bracketed number inside a word is no kernel stamp: a log of them is not a guest log', () => {
    const text = 'MlxQueue: depth[ 12.5] on VF 2\nMlxQueue: depth[ 13.0] on VF 2\nMlxQueue: depth[ 11.5] on VF 2\n';
    expect(looksLikeGuestLog(text)).toBe(false);
    expect(dialectOf(text, { fileName: 'host.log' })).toBe('wpp');
  });

  it('an ordinary line that quotes a guest message or names hv_netvsc in prose is no event', () => {
    const r = guest(trace`
      [2026-09-03 05:50:31.887 Collector I] waiting until Data path switched to VF: enP12345s1
      [2026-09-03 05:50:31.888 Collector I] hv_netvsc module loaded; VF slot 1 added later
      note: the [ 12] entries and [brackets] around VF registering: eth1 mean nothing
      Jul 23 16:18:53 myvm logger[4242]: [  590.199511] ${NETVSC} VF slot 1 added
    `);
    expect(r.events).toEqual([]);
  });
});

describe('OpenWrt logread and mail quotes', () => {
  it('logread: the date with its year, facility.level, the program', () => {
    const text = trace`
      Sun Feb  1 09:57:30 2026 kern.info kernel: [    3.740000] ${NETVSC} VF slot 1 added
      Sun Feb  1 09:57:31 2026 daemon.notice netifd: Interface 'lan' is now up
      Sun Feb  1 09:57:31 2026 kern.info kernel: ${NETVSC} VF registering: eth1
      Sun Feb  1 09:57:32 2026 user.notice logger[4242]: ${NETVSC} VF slot 1 removed
    `;
    const r = guest(text);
    // The kernel's own stamp wins (finer); without it, the date's time of day.
    expect(r.events.map((e) => [e.line, e.attrs.guest, e.time])).toEqual([
      [1, 'slot-added', 3740],
      [3, 'registering', hms(9, 57, 31)],
    ]);
    sniffedAsGuestLog(text);
  });

  it('"> " and ">> " quoted lines, as mail and list archives show them', () => {
    const text = trace`
      > [  590.199511] ${NETVSC} VF slot 1 added
      >> [  590.402112] ${NETVSC} VF registering: eth2
      > > [  590.402140] ${MLX} eth2: joined to eth0
      >Data path switched to VF: eth2
    `;
    const r = guest(text);
    expect(r.events.map((e) => [e.line, e.attrs.guest, e.time])).toEqual([
      [1, 'slot-added', 590199.511],
      [2, 'registering', 590402.112],
      [3, 'joined', 590402.14],
      [4, 'switched-to-vf', undefined],
    ]);
    expect(r.events[1]!.span.column).toBe(`>> [  590.402112] ${NETVSC} `.length + 1);
    sniffedAsGuestLog(text);
  });
});

describe('4.x kernels', () => {
  const OLD = trace`
    [    6.120000] ${PCI} PCI VMBus probing: Using version 0x10002
    [    7.412000] mlx4_core 0002:00:02.0 eth1: joined to eth0
    [    7.412100] ${NETVSC} VF registering: eth1
    [    7.980000] ${NETVSC} VF up: eth1
    [    7.980500] ${NETVSC} Data path switched to VF: eth1
    [   42.100000] ${NETVSC} VF down: eth1
    [   42.100400] ${NETVSC} Data path switched from VF: eth1
  `;

  it('"VF up" and "VF down" announce the switch that the next line makes: their own steps, moving no data path', () => {
    const r = guest(OLD);
    // (The PCI probe comes before any NetVSC line: the slot that follows adopts it.)
    expect(r.events.map((e) => [e.line, e.attrs.guest, e.verb, e.attrs.path, e.step])).toEqual([
      [1, 'pci-probe', 'ADD_VF', undefined, 'I5'],
      [2, 'joined', 'BIND', undefined, 'I6'],
      [3, 'registering', 'INIT', undefined, 'I5'],
      [4, 'vf-up', 'DATAPATH', undefined, undefined],
      [5, 'switched-to-vf', 'DATAPATH', 'vf', 'I6'],
      [6, 'vf-down', 'DATAPATH', undefined, undefined],
      [7, 'switched-from-vf', 'DATAPATH', 'synthetic', 'G4'],
    ]);
    expect(r.events[4]!.attrs).toMatchObject({ vfIface: 'eth1', iface: 'eth0' });
    expect(r.events.every((e) => e.adapter === 'eth0')).toBe(true);
  });

  it("the diagram says them in the kernel's words", () => {
    const r = guest(OLD);
    const text = r.episodes.map((episode) => episodeDiagram({ episode, events: r.events, diagnostics: r.diagnostics }).text).join('');
    expect(text).toMatch(/\n {2}(P\d)-\)\1: VF up: eth1\n {2}\1-\)\1: I6 Data path switched to VF: eth1\n/);
    expect(text).toMatch(/\n {2}(P\d)-\)\1: VF down: eth1\n {2}\1-\)\1: G4 Data path switched from VF: eth1\n/);
  });

  // The model keeps a trailing switch from the VF aside until the next events tell a flap
  // from a removal; the "VF down" that announces that switch goes with it.
  it('a 4.x teardown: "VF down" goes to the teardown with the switch from the VF it announces', () => {
    const r = guest(trace`
      [    7.412000] ${MLX} enP12345s1: joined to eth0
      [    7.412100] ${NETVSC} VF registering: enP12345s1
      [    7.980500] ${NETVSC} Data path switched to VF: enP12345s1
      [ 8160.911000] ${NETVSC} VF down: enP12345s1
      [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1
      [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
    `);
    expect(r.episodes.map((e) => [e.kind, e.firstLine, e.lastLine])).toEqual([
      ['vf-setup', 1, 3],
      ['vf-teardown', 4, 6],
    ]);
  });
});
