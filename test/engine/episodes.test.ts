/** Episodes (one per VF lifecycle or teardown/setup run) and their checklists against the documented steps. */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Episode } from '../../src/engine';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, correlate, createAnalyzer, forEachLine } from '../../src/engine';
import { analyzeSample, fixture, lint, lintLog, sample, SAMPLES_DIR, trace } from './helpers';

const states = (e: Episode) => Object.fromEntries(e.steps.map((s) => [s.id, s.state]));
const step = (e: Episode, id: string) => e.steps.find((s) => s.id === id)!;
const lineOf = (r: AnalysisResult, index: number | undefined) => (index === undefined ? undefined : r.events[index]!.line);

describe('the clean teardown sample', () => {
  const r = analyzeSample('teardown-clean.oidtrace');

  it('is one VF teardown episode holding every event', () => {
    expect(r.episodes).toHaveLength(1);
    const e = r.episodes[0]!;
    expect(e).toMatchObject({
      index: 0,
      kind: 'vf-teardown',
      adapter: 'pf0',
      vf: '2',
      title: 'pf0 · VF 2 teardown',
      firstLine: 4,
      lastLine: 16,
      sequence: 'vf-teardown',
      problems: 0,
    });
    expect(e.events).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(r.events.every((ev) => ev.episode === 0)).toBe(true);
  });

  it('every documented step in order, with its request, completion and latency', () => {
    const e = r.episodes[0]!;
    expect(states(e)).toEqual({
      G1: 'in-order',
      G2: 'in-order',
      G3: 'in-order',
      G4: 'in-order',
      T1: 'in-order',
      T2: 'in-order',
      T3: 'in-order',
      T4: 'in-order',
    });
    expect(e.steps.map((s) => [s.id, lineOf(r, s.event), lineOf(r, s.completion)])).toEqual([
      ['G1', 4, undefined],
      ['G2', 5, undefined],
      ['G3', 6, undefined],
      ['G4', 8, undefined],
      ['T1', 9, 10],
      ['T2', 11, 12],
      ['T3', 13, 14],
      ['T4', 15, 16],
    ]);
    expect(step(e, 'T1').latencyMs).toBeCloseTo(0.4, 6);
    expect(step(e, 'T2').latencyMs).toBeCloseTo(0.3, 6);
    expect(step(e, 'T3').latencyMs).toBeCloseTo(40, 6);
    expect(step(e, 'T4').latencyMs).toBeCloseTo(0.2, 6);
    expect(step(e, 'G1').latencyMs).toBeUndefined();
    expect(e.steps.map((s) => [s.id, s.optional, s.oid])).toEqual([
      ['G1', true, undefined],
      ['G2', true, undefined],
      ['G3', true, undefined],
      ['G4', true, undefined],
      ['T1', true, 'OID_RECEIVE_FILTER_MOVE_FILTER'],
      ['T2', false, 'OID_NIC_SWITCH_DELETE_VPORT'],
      ['T3', false, 'OID_SRIOV_RESET_VF'],
      ['T4', false, 'OID_NIC_SWITCH_FREE_VF'],
    ]);
  });
});

describe('checklist states on the samples', () => {
  it('out-of-order: teardown-order', () => {
    const r = analyzeSample('teardown-order.oidtrace');
    const e = r.episodes[0]!;
    expect(states(e)).toMatchObject({
      G1: 'not-seen',
      G2: 'not-seen',
      G3: 'in-order',
      G4: 'in-order',
      T1: 'in-order',
      T2: 'in-order',
      T3: 'out-of-order',
      T4: 'in-order',
    });
    expect(lineOf(r, step(e, 'T3').event)).toBe(7);
    expect(e.problems).toBe(1);
  });

  it('missing: teardown-missing-step', () => {
    const e = analyzeSample('teardown-missing-step.oidtrace').episodes[0]!;
    expect(states(e)).toMatchObject({ G4: 'in-order', T1: 'not-seen', T2: 'in-order', T3: 'missing', T4: 'in-order' });
    expect(step(e, 'T3').event).toBeUndefined();
    expect(e.problems).toBe(1);
  });

  it('failed and pending: oid-failed-and-pending', () => {
    const r = analyzeSample('oid-failed-and-pending.oidtrace');
    const e = r.episodes[0]!;
    expect(states(e)).toMatchObject({ T1: 'not-seen', T2: 'in-order', T3: 'failed', T4: 'pending' });
    expect(step(e, 'T3').latencyMs).toBeCloseTo(40, 6);
    expect(lineOf(r, step(e, 'T3').completion)).toBe(8);
    expect(step(e, 'T4').completion).toBeUndefined();
    expect(step(e, 'T4').latencyMs).toBeUndefined();
    // oid-failed, oid-pending, and teardown-missing-step: the FREE_VF came after a reset that failed.
    expect(e.problems).toBe(3);
  });

  it('a request with no completion in a log that prints none is not pending', () => {
    const e = lint(trace`
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
    `).episodes[0]!;
    expect(states(e)).toMatchObject({ T2: 'in-order', T3: 'in-order' });
  });

  it('the clean setup: the switch episode, then the VF setup whose I1 is the switch creation before it', () => {
    const r = analyzeSample('setup-clean.oidtrace');
    expect(r.episodes.map((e) => [e.kind, e.title, e.firstLine, e.lastLine])).toEqual([
      ['switch', 'pf0 · NIC switch', 4, 5],
      ['vf-setup', 'pf0 · VF 2 setup', 6, 17],
    ]);
    const [sw, setup] = r.episodes;
    expect(states(sw!)).toEqual({ S1: 'in-order', S2: 'not-seen' });
    expect(states(setup!)).toEqual({ I1: 'in-order', I2: 'in-order', I3: 'in-order', I4: 'in-order', I4b: 'in-order', I5: 'in-order', I6: 'in-order' });
    expect(lineOf(r, step(setup!, 'I1').event)).toBe(4);
    expect(step(setup!, 'I1').latencyMs).toBeCloseTo(4.1, 6);
    // ALLOCATE_VF names its VF only in its completion: still the setup's I2.
    expect(lineOf(r, step(setup!, 'I2').event)).toBe(6);
    expect(lineOf(r, step(setup!, 'I2').completion)).toBe(7);
    // I5 is ADD_VF (line 14), the first of ADD_VF / INIT.
    expect(lineOf(r, step(setup!, 'I5').event)).toBe(14);
  });

  it('vf-not-allocated: VF 6 teardown with a failed reset, VF 7 setup with a failed allocation', () => {
    const r = analyzeSample('vf-not-allocated.oidtrace');
    expect(r.episodes.map((e) => e.title)).toEqual(['pf0 · VF 6 teardown', 'pf0 · VF 7 setup']);
    expect(states(r.episodes[0]!)).toMatchObject({ T3: 'failed', T4: 'out-of-order' });
    expect(states(r.episodes[1]!)).toMatchObject({ I2: 'failed', I3: 'in-order' });
  });

  it('a VF set up then torn down: two episodes, split where the story turns', () => {
    const r = analyzeSample('vf-still-in-use.oidtrace');
    expect(r.episodes.map((e) => [e.kind, e.vf, e.firstLine, e.lastLine])).toEqual([
      ['vf-setup', '1', 4, 5],
      ['vf-teardown', '1', 6, 14],
    ]);
    expect(r.episodes[1]!.problems).toBe(2);
  });

  it('freed and allocated again: a new setup episode', () => {
    const r = lint(trace`
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
      VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
      VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
    `);
    expect(r.episodes.map((e) => [e.kind, e.firstLine, e.lastLine])).toEqual([
      ['vf-teardown', 1, 2],
      ['vf-setup', 3, 4],
    ]);
  });

  it('events about no VF and no switch step still find an episode (a VF lifecycle with no documented order)', () => {
    const r = lint('VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=3');
    expect(r.episodes.map((e) => [e.kind, e.title, e.steps.length])).toEqual([['vf', 'VF 3', 0]]);
  });
});

describe('multi-VF interleaved traces keep VFs apart', () => {
  const r = analyze(fixture('multi-vf-interleaved.oidtrace'), { fileName: 'multi-vf-interleaved.oidtrace' });

  it('no diagnostic: every VF is torn down in order', () => {
    expect(r.diagnostics).toEqual([]);
  });

  it('one teardown per VF and adapter', () => {
    expect(r.episodes.map((e) => [e.title, e.adapter, e.vf, e.firstLine, e.lastLine])).toEqual([
      ['pf0 · VF 1 teardown', 'pf0', '1', 4, 31],
      ['pf0 · VF 2 teardown', 'pf0', '2', 5, 32],
      ['pf1 · VF 1 teardown', 'pf1', '1', 17, 27],
    ]);
    for (const e of r.episodes) {
      expect(states(e)).toMatchObject({ T2: 'in-order', T3: 'in-order', T4: 'in-order' });
    }
    expect(step(r.episodes[2]!, 'T1').state).toBe('not-seen');
  });

  it("each episode holds only its own VF's events", () => {
    for (const e of r.episodes) {
      const evs = e.events.map((i) => r.events[i]!);
      expect(evs.every((ev) => ev.adapter === e.adapter && ev.ids.vf === e.vf)).toBe(true);
    }
    const lines = r.episodes.map((e) => e.events.map((i) => r.events[i]!.line));
    expect(lines).toEqual([
      [4, 6, 9, 10, 11, 15, 22, 30, 31],
      [5, 7, 8, 12, 13, 14, 23, 29, 32],
      [17, 18, 19, 20, 25, 26, 27],
    ]);
  });

  it('completions pair with the request of the same OID on the same adapter, matched by ids', () => {
    const pairs = r.events.filter((e) => e.kind === 'completion').map((c) => `${c.line}->${r.events[c.pair!]!.line}`);
    // Line 22 (pf0, RESET_VF vf=1) pairs with line 15, not the older vf=2 request of line 14
    // nor the pf1 request of line 20; line 31 (FREE_VF vf=1) with line 30, not 29.
    expect(pairs).toEqual(['8->7', '9->6', '11->10', '13->12', '19->18', '22->15', '23->14', '25->20', '27->26', '31->30', '32->29']);
    for (const c of r.events.filter((e) => e.kind === 'completion')) expect(r.events[c.pair!]!.pair).toBe(c.index);
  });

  it('latencies come from the paired request', () => {
    const vf1 = r.episodes[0]!;
    expect(step(vf1, 'T3').latencyMs).toBeCloseTo(36, 6);
    expect(step(r.episodes[1]!, 'T3').latencyMs).toBeCloseTo(40, 6);
    expect(step(r.episodes[2]!, 'T3').latencyMs).toBeCloseTo(40, 6);
  });
});

describe('pairing', () => {
  it('a completion without ids pairs with the oldest outstanding request of its OID', () => {
    const r = lint(trace`
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF
    `);
    expect(r.events.map((e) => e.pair)).toEqual([2, 3, 0, 1]);
    // The completion learns the ids of its request.
    expect(r.events[2]!.ids).toEqual({ vf: '1' });
  });

  it('not with a request of another OID or another adapter', () => {
    const r = lint(trace`
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1 adapter=pf1
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=1 adapter=pf0
      PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1 adapter=pf0
    `);
    expect(r.events.map((e) => e.pair)).toEqual([undefined, undefined, undefined]);
  });

  it('NDIS_STATUS_PENDING pairs, but the request stays outstanding for the final completion', () => {
    const r = lint(trace`
      10:00:00.000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
      10:00:00.001 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_PENDING vf=1
      10:00:00.050 PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1
    `);
    expect(r.events.map((e) => e.pair)).toEqual([2, 0, 0]);
    expect(step(r.episodes[0]!, 'T3')).toMatchObject({ state: 'in-order', completion: 2 });
    expect(step(r.episodes[0]!, 'T3').latencyMs).toBeCloseTo(50, 6);
  });

  it('in a driver log, a second line about a request already seen is part of it', () => {
    const r = lintLog(trace`
      MlxSetInformation: OID_SRIOV_RESET_VF VFId=2
      MlxFlr: OID_SRIOV_RESET_VF VFId=2 FLR started
      MlxOidComplete: OID_SRIOV_RESET_VF completed VFId=2
    `);
    expect(r.events.map((e) => [e.line, e.method ?? e.kind, e.pair])).toEqual([
      [1, 'set', 2],
      [2, 'handled', undefined],
      [3, 'completion', 0],
    ]);
    expect(step(r.episodes[0]!, 'T3')).toMatchObject({ state: 'in-order', event: 0, completion: 2 });
  });
});

describe('without kept events (the streaming CLI)', () => {
  it('the same episodes, checklists and diagnostics, but no event list', () => {
    const kept = analyzeSample('vf-not-allocated.oidtrace');
    const lean = analyzeSample('vf-not-allocated.oidtrace', { keepEvents: false });
    expect(lean.events).toEqual([]);
    expect(lean.eventCount).toBe(kept.eventCount);
    expect(lean.diagnostics).toEqual(kept.diagnostics);
    expect(lean.episodes.map((e) => [e.title, e.steps.map((s) => s.state)])).toEqual(kept.episodes.map((e) => [e.title, e.steps.map((s) => s.state)]));
  });
});

describe('VF failover and live migration', () => {
  it("an extension's REMOVE_VF indication is where the VF's teardown begins, before G1", () => {
    const r = analyzeSample('surprise-removal.oidtrace');
    expect(r.episodes).toHaveLength(1);
    const e = r.episodes[0]!;
    expect(e).toMatchObject({ kind: 'vf-teardown', title: 'pf1 · VF 3 teardown', firstLine: 5, lastLine: 18 });
    expect(Object.values(states(e)).every((s) => s === 'in-order')).toBe(true);
    expect(lineOf(r, step(e, 'G1').event)).toBe(6);
    expect(lineOf(r, step(e, 'G2').event)).toBe(7);
  });

  it('in a driver log too: the indication opens the teardown of the VF it names', () => {
    const r = lintLog(trace`
      [0]0B10.0C44::11/21/2026-14:02:10.000000 [SxExt]SxLibRevokeVf: indicating NDIS_STATUS_SWITCH_PORT_REMOVE_VF PortId=4 NicIndex=1 VFId=3 adapter=pf1
      [1]0A3C.0F10::11/21/2026-14:02:20.011000 [pf1]MlxSetInformation: OID_NIC_SWITCH_DELETE_VPORT VPortId 5 VFId=3 -->
    `);
    expect(r.episodes.map((e) => [e.title, e.firstLine, e.lastLine])).toEqual([['pf1 · VF 3 teardown', 1, 2]]);
  });
});

describe("a Linux guest's episodes", () => {
  const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
  const guest = (text: string, options = {}) => analyze(text, { fileName: 'dmesg.txt', ...options });
  const summary = (r: AnalysisResult) =>
    r.episodes.map(
      (e) =>
        `${e.title} ${e.firstLine}-${e.lastLine} [${r.events
          .filter((ev) => ev.episode === e.index)
          .map((ev) => ev.line)
          .join(',')}]`,
    );
  const BOOT = trace`
    [    3.918902] ${NETVSC} VF slot 1 added
    [    6.945132] hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73: PCI VMBus probing: Using version 0x10004
    [    7.465085] ${NETVSC} VF registering: eth1
    [    7.465119] mlx5_core 3039:00:02.0 eth1: joined to eth0
    [    7.480651] mlx5_core 3039:00:02.0 enP12345s1: renamed from eth1
    [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
    [    9.654979] ${NETVSC} Data path switched from VF: enP12345s1
    [    9.910595] ${NETVSC} Data path switched to VF: enP12345s1
    [   11.411194] ${NETVSC} Data path switched from VF: enP12345s1
    [   11.733216] ${NETVSC} Data path switched to VF: enP12345s1
  `;
  const SERVICING = trace`
    [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1
    [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
    [ 8162.020138] ${NETVSC} VF slot 1 removed
    [ 8225.557263] ${NETVSC} VF slot 1 added
    [ 8225.557867] hv_pci 0c2b7d10-3039-4e6f-9a41-2f9e5c1d8b73: PCI VMBus probing: Using version 0x10004
    [ 8226.021016] ${NETVSC} VF registering: eth1
    [ 8226.021058] mlx5_core 3039:00:02.0 eth1: joined to eth0
    [ 8226.267380] ${NETVSC} Data path switched to VF: enP12345s1
  `;

  it('boot: one setup episode; switching to and from the VF during it is a flap, not a teardown', () => {
    const r = guest(BOOT);
    expect(summary(r)).toEqual(['eth0 · VF slot 1 setup 1-10 [1,2,3,4,6,7,8,9,10]']);
    expect(states(r.episodes[0]!)).toMatchObject({ I5: 'in-order', I6: 'in-order' });
    expect(r.episodes[0]!.problems).toBe(0);
  });

  it('servicing: the switch from the VF that the removal follows opens the teardown; the VF comes back in a new setup', () => {
    const r = guest(`${BOOT}\n${SERVICING}`);
    expect(summary(r)).toEqual([
      'eth0 · VF slot 1 setup 1-10 [1,2,3,4,6,7,8,9,10]',
      'eth0 · VF slot 1 teardown 11-13 [11,12,13]',
      'eth0 · VF slot 1 setup 14-18 [14,15,16,17,18]',
    ]);
    expect(states(r.episodes[1]!)).toMatchObject({ G1: 'not-seen', G2: 'in-order', G3: 'in-order', G4: 'in-order', T2: 'not-seen' });
    expect(r.diagnostics).toEqual([]);
  });

  it('a flap right before the removal: only the last switch from the VF moves to the teardown', () => {
    const r = guest(trace`
      ${NETVSC} VF slot 1 added
      ${NETVSC} Data path switched to VF: enP12345s1
      ${NETVSC} Data path switched from VF: enP12345s1
      ${NETVSC} Data path switched to VF: enP12345s1
      ${NETVSC} Data path switched from VF: enP12345s1
      ${NETVSC} VF unregistering: enP12345s1
    `);
    expect(summary(r)).toEqual(['eth0 · VF slot 1 setup 1-4 [1,2,3,4]', 'eth0 · VF slot 1 teardown 5-6 [5,6]']);
  });

  it('the VF arriving again without its removal in the log (a grep, a lost line) starts a new setup', () => {
    const r = guest(trace`
      ${NETVSC} VF slot 1 added
      ${NETVSC} VF registering: eth1
      ${NETVSC} Data path switched to VF: enP12345s1
      ${NETVSC} VF registering: eth1
      ${NETVSC} Data path switched to VF: enP12345s1
    `);
    expect(summary(r)).toEqual(['eth0 · VF slot 1 setup 1-3 [1,2,3]', 'eth0 · VF slot 1 setup 4-5 [4,5]']);
  });

  it('the checklist does not hold one guest line against another (guest-order does): the late association', () => {
    const r = guest(trace`
      [    6.100000] ${NETVSC} VF registering: eth1
      [    6.100040] mlx5_core 3039:00:02.0 eth1: joined to eth0
      [    6.250000] ${NETVSC} Waiting for the VF association from host
      [    9.400000] ${NETVSC} VF slot 1 added
      [    9.400300] ${NETVSC} Data path switched to VF: enP12345s1
    `);
    expect(summary(r)).toEqual(['eth0 · VF slot 1 setup 1-5 [1,2,4,5]']);
    expect(states(r.episodes[0]!)).toMatchObject({ I5: 'in-order', I6: 'in-order' });
  });

  it("lines before any slot wait in an episode of their own, which the slot added next makes that VF's", () => {
    const early = trace`
      [    6.100000] ${NETVSC} VF registering: eth1
      [    6.100040] mlx5_core 3039:00:02.0 eth1: joined to eth0
    `;
    const r = guest(early);
    expect(summary(r)).toEqual(['eth0 · VF (slot not yet known) setup 1-2 [1,2]']);
    expect(r.episodes[0]!.vf).toBeUndefined();
    const later = guest(`${early}
[    9.400000] ${NETVSC} VF slot 1 added
`);
    expect(summary(later)).toEqual(['eth0 · VF slot 1 setup 1-3 [1,2,3]']);
    expect(later.episodes[0]!.vf).toBe('1');
  });

  it('a new slot is another VF', () => {
    const r = guest(trace`
      ${NETVSC} VF slot 1 added
      ${NETVSC} VF slot 1 removed
      ${NETVSC} VF slot 2 added
    `);
    expect(summary(r)).toEqual(['eth0 · VF slot 1 setup 1-1 [1]', 'eth0 · VF slot 1 teardown 2-2 [2]', 'eth0 · VF slot 2 setup 3-3 [3]']);
    expect(r.episodes.map((e) => e.vf)).toEqual(['1', '1', '2']);
  });

  it('the same episodes without kept events (the streaming CLI)', () => {
    const text = `${BOOT}\n${SERVICING}`;
    const kept = guest(text);
    const lean = guest(text, { keepEvents: false });
    expect(lean.episodes.map((e) => [e.title, e.firstLine, e.lastLine, e.steps.map((s) => s.state)])).toEqual(
      kept.episodes.map((e) => [e.title, e.firstLine, e.lastLine, e.steps.map((s) => s.state)]),
    );
  });
});

describe('findings on a step', () => {
  const findings = (e: Episode) =>
    Object.fromEntries(e.steps.filter((s) => s.findings).map((s) => [s.id, s.findings!.map((f) => `${f.severity} ${f.rule} @${f.source ?? ''}${f.line}`)]));

  it('the premature step carries its order finding; the others none', () => {
    const e = analyzeSample('teardown-order.oidtrace').episodes[0]!;
    expect(findings(e)).toEqual({ T3: ['error teardown-order @7'] });
    expect(step(e, 'T3').findings![0]!.message).toBe('should follow T2 DELETE_VPORT (line 9)');
  });

  it('a guest removing the VF slot while its data path is still on the VF: the removal carries vf-lost', () => {
    const e = analyzeSample('guest-vf-lost.log').episodes[0]!;
    expect(step(e, 'G2').state).toBe('in-order');
    expect(findings(e)).toEqual({ G2: ['error vf-lost @5'] });
  });

  it('a correlated teardown: the host steps the guest was still using carry vf-still-in-use', () => {
    const dir = join(SAMPLES_DIR, 'correlate');
    const c = correlate(
      { name: 'host-servicing.log', text: readFileSync(join(dir, 'host-servicing.log'), 'utf8') },
      { name: 'guest-dmesg.txt', text: readFileSync(join(dir, 'guest-dmesg.txt'), 'utf8') },
    );
    const teardown = c.result.episodes.find((e) => e.kind === 'vf-teardown')!;
    expect(findings(teardown)).toEqual({ T1: ['error vf-still-in-use @08'], T2: ['error vf-still-in-use @010'] });
  });

  it('a clean teardown has no findings on any step', () => {
    expect(analyzeSample('teardown-clean.oidtrace').episodes[0]!.steps.every((s) => s.findings === undefined)).toBe(true);
  });

  it('a snapshot taken while reading titles the open episodes as the end does', () => {
    const text = trace`
      @adapter pf0
      10:00:00.000000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      10:00:00.001000 VSTACK -> PF SET OID_NIC_SWITCH_ALLOCATE_VF vf=3
      10:00:00.002000 VSTACK -> PF SET OID_NIC_SWITCH_CREATE_SWITCH switch=1
      10:00:05.000000 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4
    `;
    const a = createAnalyzer(text, { fileName: 'open.oidtrace' });
    forEachLine(text, (line, n) => a.line(line, n));
    const open = a.snapshot().episodes;
    const closed = a.end().episodes;
    // The last line is still in the reorder window: its episode is not in the snapshot yet.
    expect(open.map((e) => e.title)).toEqual(['pf0 · VF 2 teardown', 'pf0 · VF 3 setup', 'pf0 · NIC switch']);
    expect(closed.map((e) => e.title)).toEqual([...open.map((e) => e.title), 'pf0 · VF 4 teardown']);
  });

  it('a snapshot taken while reading does not leave findings on the finished episodes twice', () => {
    const text = sample('teardown-order.oidtrace');
    const a = createAnalyzer(text, { fileName: 'teardown-order.oidtrace' });
    forEachLine(text, (line, n) => a.line(line, n));
    a.snapshot();
    a.snapshot();
    expect(findings(a.end().episodes[0]!)).toEqual({ T3: ['error teardown-order @7'] });
  });
});
