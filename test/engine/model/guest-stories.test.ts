/**
 * A Linux guest's VF stories as episodes: lines the guest prints before its VF
 * has a slot belong to the slot that follows, and a VF that arrives and goes
 * again is a setup followed by a teardown, whatever the log shows of its slot.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine';
import { trace } from '../helpers';

const NETVSC = 'hv_netvsc 6045bd7e-94a1-6045-bd7e-94a16045bd7e eth0:';
const PCI = 'hv_pci 3f1c55e2-8d04-4c1a-b6b7-0d2e9a41c377:';
const MLX = 'mlx5_core 8d04:00:02.0';
const guest = (text: string) => analyze(text, { fileName: 'dmesg' });
const shape = (text: string) => guest(text).episodes.map((e) => `${e.title} ${e.firstLine}-${e.lastLine}`);

describe("a guest's lines before its slot", () => {
  it('a PCI probe printed before any hv_netvsc line is kept and belongs to the slot that follows', () => {
    const text = trace`
      [    2.515106] ${PCI} PCI VMBus probing: Using version 0x10004
      [    2.612370] ${MLX}: enabling device (0000 -> 0002)
      [    2.712887] ${NETVSC} VF slot 1 added
      [    2.837519] ${NETVSC} VF registering: eth1
      [    2.837566] ${MLX} eth1: joined to eth0
      [    3.404129] ${NETVSC} Data path switched to VF: eth1
    `;
    const r = guest(text);
    expect(r.events.map((e) => `${e.line} ${e.attrs.guest}`)).toEqual(['1 pci-probe', '3 slot-added', '4 registering', '5 joined', '6 switched-to-vf']);
    expect(shape(text)).toEqual(['eth0 · VF slot 1 setup 1-6']);
    expect(r.diagnostics).toEqual([]);
  });

  it('a VF that registers and joins and is ejected before any switch: a setup, then a teardown', () => {
    expect(
      shape(trace`
      [   12.837519] ${NETVSC} VF registering: eth1
      [   12.837566] ${MLX} eth1: joined to eth0
      [   40.100000] ${NETVSC} VF unregistering: eth1
      [   40.200000] ${NETVSC} VF slot 1 removed
    `),
    ).toEqual(['eth0 · VF slot 1 setup 1-2', 'eth0 · VF slot 1 teardown 3-4']);
  });

  it('the same with its slot added first', () => {
    expect(
      shape(trace`
      [    2.712887] ${NETVSC} VF slot 1 added
      [    2.837519] ${NETVSC} VF registering: eth1
      [    2.837566] ${MLX} eth1: joined to eth0
      [   40.100000] ${NETVSC} VF unregistering: eth1
      [   40.200000] ${NETVSC} VF slot 1 removed
    `),
    ).toEqual(['eth0 · VF slot 1 setup 1-3', 'eth0 · VF slot 1 teardown 4-5']);
  });
});
