/** episodeDiagram / referenceDiagram: the Mermaid text the CLI prints and the preview draws. */
import { describe, expect, it } from 'vitest';
import {
  analyze,
  DEFAULT_PAGE_SIZE,
  episodeDiagram,
  mermaidText,
  referenceDiagram,
  type AnalysisResult,
  type Diagnostic,
  type Episode,
  type TraceEvent,
} from '../../src/engine';
import { analyzeSample, lint, lintLog, sample, trace } from './helpers';

function diagram(r: AnalysisResult, episode = 0, options = {}) {
  return episodeDiagram({ episode: r.episodes[episode]!, events: r.events, diagnostics: r.diagnostics }, options);
}

const body = (text: string) => text.split('\n').filter((l) => l !== '');

/** What a safe diagram line looks like: a fixed statement, then text made of safe characters or entity codes. */
const SAFE_TEXT = /^(?:[A-Za-z0-9 _.,()/=+:\-·→←✓✗⚠…µ–]|#\d+;|<br\/>)*$/u;
function assertSafe(text: string): void {
  const lines = body(text);
  expect(lines[0]).toBe('sequenceDiagram');
  for (const line of lines.slice(1)) {
    const m =
      /^ {2}participant P\d+ as (.*)$/.exec(line) ??
      /^ {2}P\d+(?:->>|-->>|--x|-\))P\d+: (.*)$/.exec(line) ??
      /^ {2}Note over P\d+(?:,P\d+)?: (.*)$/.exec(line) ??
      /^ {2}rect (rgba\(\d+, \d+, \d+, [\d.]+\))$/.exec(line) ??
      /^ {2}(end)$/.exec(line);
    expect(m, `unexpected diagram line: ${line}`).not.toBeNull();
    expect(m![1]!, `unsafe text in: ${line}`).toMatch(SAFE_TEXT);
  }
  expect(text).not.toContain('%%');
  // The only markup: the engine's own line breaks in notes.
  expect(text.replaceAll('<br/>', '')).not.toContain('<');
}

describe('participants', () => {
  it('in the fixed order, whatever order they speak in, and only those taking part', () => {
    const r = lint(trace`
      VF HALT vf=2
      NETVSC UNBIND vf=2
      VSP -> VSC REMOVE_VF vf=2
      VSTACK -> VSP NOTIFY vf=2
      NDIS -> PF SET OID_SRIOV_RESET_VF vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `);
    expect(r.episodes).toHaveLength(1);
    const lines = body(diagram(r).text);
    expect(lines.filter((l) => l.includes('participant'))).toEqual([
      '  participant P0 as Virtualization stack',
      '  participant P1 as NDIS',
      '  participant P2 as PF miniport',
      '  participant P3 as VPCI VSP',
      '  participant P4 as VPCI VSC',
      '  participant P5 as NetVSC',
      '  participant P6 as VF miniport',
    ]);
  });

  it('the teardown sample: only the three actors it shows', () => {
    const lines = body(diagram(analyzeSample('teardown-order.oidtrace')).text);
    expect(lines.filter((l) => l.includes('participant'))).toEqual([
      '  participant P0 as Virtualization stack',
      '  participant P1 as PF miniport',
      '  participant P2 as NetVSC',
    ]);
  });

  it('other actors go last, as written', () => {
    const r = lint(trace`
      MyFilter -> PF SET OID_SRIOV_RESET_VF vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `);
    expect(body(diagram(r).text).filter((l) => l.includes('participant'))).toEqual([
      '  participant P0 as Virtualization stack',
      '  participant P1 as PF miniport',
      '  participant P2 as MyFilter',
    ]);
  });
});

describe('messages', () => {
  it('the clean teardown, every message labelled with its step', () => {
    expect(diagram(analyzeSample('teardown-clean.oidtrace')).text).toBe(
      [
        'sequenceDiagram',
        '  participant P0 as Virtualization stack',
        '  participant P1 as PF miniport',
        '  participant P2 as VPCI VSP',
        '  participant P3 as VPCI VSC',
        '  participant P4 as NetVSC',
        '  participant P5 as VF miniport',
        '  P0-)P2: G1 NOTIFY VF 2',
        '  P2-)P3: G2 REMOVE_VF VF 2',
        '  P4-)P4: G3 UNBIND VF 2',
        '  P5-)P5: G3 HALT VF 2',
        '  P4-)P4: G4 DATAPATH path=synthetic VF 2',
        '  P0->>P1: T1 MOVE_FILTER VF 2, filter 7, VPort 3→0',
        '  P1-->>P0: ✓ MOVE_FILTER SUCCESS (0.4 ms)',
        '  P0->>P1: T2 DELETE_VPORT VF 2, VPort 3',
        '  P1-->>P0: ✓ DELETE_VPORT (0.3 ms)',
        '  P0->>P1: T3 RESET_VF VF 2',
        '  P1-->>P0: ✓ RESET_VF SUCCESS (40 ms)',
        '  P0->>P1: T4 FREE_VF VF 2',
        '  P1-->>P0: ✓ FREE_VF SUCCESS (0.2 ms)',
        '',
      ].join('\n'),
    );
  });

  it('an out-of-order step sits in a highlighted rect with a note naming the step it should follow', () => {
    const d = diagram(analyzeSample('teardown-order.oidtrace'));
    const lines = body(d.text);
    const at = lines.indexOf('  P0->>P1: T3 RESET_VF VF 2');
    expect(lines.slice(at - 1, at + 3)).toEqual([
      '  rect rgba(255, 170, 0, 0.22)',
      '  P0->>P1: T3 RESET_VF VF 2',
      '  Note over P0,P1: ⚠ teardown-order: should follow T2 DELETE_VPORT (line 9)',
      '  end',
    ]);
    expect(lines.filter((l) => l.startsWith('  rect'))).toHaveLength(1);
  });

  it('the highlight colour is an option', () => {
    const d = diagram(analyzeSample('teardown-order.oidtrace'), 0, { highlight: 'rgba(1, 2, 3, 0.5)' });
    expect(d.text).toContain('  rect rgba(1, 2, 3, 0.5)\n  P0->>P1: T3 RESET_VF VF 2\n');
  });

  it('a missing documented step is a note at the end', () => {
    const lines = body(diagram(analyzeSample('teardown-missing-step.oidtrace')).text);
    expect(lines.at(-1)).toBe('  Note over P0,P2: missing: T3 OID_SRIOV_RESET_VF');
    expect(lines).toContain('  Note over P0,P1: ⚠ teardown-missing-step: missing before it: T3<br/>OID_SRIOV_RESET_VF');
  });

  it('a failed completion is a --x arrow marked ✗ in a failure rect; a pending request is boxed with its note', () => {
    const lines = body(diagram(analyzeSample('oid-failed-and-pending.oidtrace')).text);
    const at = lines.indexOf('  P1--xP0: ✗ RESET_VF FAILURE (40 ms)');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('  rect rgba(230, 60, 60, 0.18)');
    expect(lines[at + 1]).toMatch(/^ {2}Note over P1,P0: ⚠ oid-failed: OID_SRIOV_RESET_VF for VF 2<br\/>failed with NDIS_STATUS_FAILURE \(0xC0000001\),<br\/>the req…$/);
    expect(lines[at + 2]).toBe('  end');
    expect(lines.slice(-5)).toEqual([
      '  rect rgba(230, 60, 60, 0.18)',
      '  P0->>P1: T4 FREE_VF VF 2',
      '  Note over P0,P1: ⚠ oid-pending: OID_NIC_SWITCH_FREE_VF for VF 2<br/>was never completed by the end of the trace',
      '  Note over P0,P1: ⚠ teardown-missing-step: missing before it: T3<br/>OID_SRIOV_RESET_VF (failed)',
      '  end',
    ]);
  });

  it('info diagnostics are not drawn (except step-slow)', () => {
    const r = analyzeSample('vport-per-vf.oidtrace', { rules: { 'vport-per-vf': 'info' } });
    expect(diagram(r).text).not.toContain('Note');
    const slow = analyzeSample('teardown-clean.oidtrace', { stepSlowMs: 30 });
    expect(diagram(slow).text).toContain('  Note over P0,P1: ⚠ step-slow: OID_SRIOV_RESET_VF for VF 2 took 40.0 ms to<br/>complete (threshold 30.0 ms)\n');
  });

  it('elements say which line each drawn message and note stands for', () => {
    const r = analyzeSample('teardown-order.oidtrace');
    const d = diagram(r);
    expect(d.elements.map((e) => `${e.kind}:${e.line}`)).toEqual([
      'message:3',
      'message:4',
      'message:5',
      'message:6',
      'message:7',
      'note:7',
      'message:8',
      'message:9',
      'message:10',
      'message:11',
      'message:12',
    ]);
    expect(d.elements.filter((e) => e.kind === 'message').every((e) => r.events[e.event!]!.line === e.line)).toBe(true);
    expect([d.page, d.pages]).toEqual([0, 1]);
  });
});

describe("a Linux guest's episodes", () => {
  it('the boot sample: VPCI VSC, NetVSC and the VF driver, each line in its own words at its documented step', () => {
    const r = analyzeSample('guest-boot.log');
    expect(r.episodes).toHaveLength(1);
    const d = diagram(r);
    expect(d.text).toBe(
      [
        'sequenceDiagram',
        '  participant P0 as VPCI VSC',
        '  participant P1 as NetVSC',
        '  participant P2 as VF driver (mlx5_core)',
        '  P1-)P1: I5 VF slot 1 added',
        '  P0-)P2: I5 PCI VMBus probing',
        '  P2-)P1: I5 VF registering: eth1',
        '  P1-)P2: I6 eth1 joined to eth0',
        '  P1-)P1: I6 Data path switched to VF: enP36100s1',
        '  P1-)P1: G4 Data path switched from VF: enP36100s1',
        '  P1-)P1: I6 Data path switched to VF: enP36100s1',
        '  P1-)P1: G4 Data path switched from VF: enP36100s1',
        '  P1-)P1: I6 Data path switched to VF: enP36100s1',
        '',
      ].join('\n'),
    );
    expect(d.elements.map((e) => e.line)).toEqual([5, 7, 13, 14, 17, 18, 20, 21, 23]);
    assertSafe(d.text);
  });

  it('a driver and interface names thousands of characters long are clipped in the titles and labels', () => {
    const driver = 'mlx5_core' + 'x'.repeat(2000);
    const vf = 'enP36100s1' + '2'.repeat(2000);
    const text = sample('guest-boot.log').replaceAll('mlx5_core', driver).replaceAll('enP36100s1', vf);
    const d = diagram(analyze(text, { fileName: 'dmesg.txt' }));
    const lines = d.text.split('\n');
    expect(lines).toContain(`  participant P2 as VF driver (${driver.slice(0, 63)}…)`);
    expect(lines).toContain(`  P1-)P1: I6 Data path switched to VF: ${vf.slice(0, 63)}…`);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(120);
  });

  it('a failed switch and a lost VF: marked as failures with their notes; the errno named', () => {
    const r = analyzeSample('guest-vf-lost.log');
    expect(r.episodes.map((e) => e.title)).toEqual(['eth0 · VF slot 1 teardown', 'eth0 · VF slot 1 setup']);
    expect(body(diagram(r, 0).text)).toEqual([
      'sequenceDiagram',
      '  participant P0 as NetVSC',
      '  participant P1 as VF driver',
      '  rect rgba(230, 60, 60, 0.18)',
      '  P0-)P0: Data path failed to switch from VF: enP36100s1, err: -110 (ETIMEDOUT)',
      '  Note over P0: ⚠ datapath-switch-failed: err -110 ETIMEDOUT (connection timed<br/>out)',
      '  end',
      '  P0-)P1: G3 VF unregistering: enP36100s1',
      '  rect rgba(230, 60, 60, 0.18)',
      '  P0-)P0: G2 VF slot 1 removed',
      '  Note over P0: ⚠ vf-lost: the data path was still on the VF (line 2)',
      '  end',
    ]);
    assertSafe(diagram(r, 1).text);
  });

  it("a guest step out of order is highlighted like the host's, with the step it should follow", () => {
    const lines = body(diagram(analyzeSample('guest-order.log'), 1).text);
    const at = lines.indexOf('  P1-)P1: I6 Data path switched to VF: enP36100s1');
    expect(lines.slice(at - 1, at + 3)).toEqual([
      '  rect rgba(255, 170, 0, 0.22)',
      '  P1-)P1: I6 Data path switched to VF: enP36100s1',
      '  Note over P1: ⚠ guest-order: should follow VF slot 1 added (line 10)',
      '  end',
    ]);
  });

  it("a canonical trace's VF is still the VF miniport", () => {
    const r = lint(trace`
      NETVSC -> VF UNBIND vf=1
      VF HALT vf=1
    `);
    expect(body(diagram(r).text).filter((l) => l.includes('participant'))).toEqual(['  participant P0 as NetVSC', '  participant P1 as VF miniport']);
  });
});

describe('VF failover', () => {
  it("the extension's REMOVE_VF indication opens the teardown; the surprise removal notes how long the graceful one waited", () => {
    const lines = body(diagram(analyzeSample('surprise-removal.oidtrace')).text);
    expect(lines.slice(0, 13)).toEqual([
      'sequenceDiagram',
      '  participant P0 as Virtualization stack',
      '  participant P1 as PF miniport',
      '  participant P2 as VPCI VSP',
      '  participant P3 as VPCI VSC',
      '  participant P4 as NetVSC',
      '  participant P5 as VF miniport',
      '  participant P6 as NetVSP (extensible switch)',
      '  P6-)P0: NOTIFY SWITCH_PORT_REMOVE_VF VF 3',
      '  P0-)P2: G1 NOTIFY VF 3',
      '  P2-)P3: G2 REMOVE_VF VF 3',
      '  P2-)P3: G2 SURPRISE_REMOVE VF 3',
      '  Note over P2,P3: ⚠ surprise-removal: 10 s after the<br/>graceful removal (line 7)',
    ]);
    expect(lines.filter((l) => l.startsWith('  rect'))).toEqual([]);
  });
});

describe('OID_SWITCH_NIC_REQUEST: the SR-IOV OID it wraps is drawn, marked as wrapped', () => {
  it('in a driver log', () => {
    const r = lintLog(trace`
      MlxSetInformation: OID_SWITCH_NIC_REQUEST wrapping OID_SRIOV_RESET_VF VFId=2 Set
      MlxOidComplete: OID_SWITCH_NIC_REQUEST 0x00010255 completed Status 0x00000000 VFId=2
    `);
    expect(body(diagram(r).text).slice(3)).toEqual(['  P0->>P1: T3 RESET_VF VF 2 (wrapped)', '  P1-->>P0: ✓ RESET_VF SUCCESS']);
  });
});

describe('hostile labels are escaped', () => {
  const HOSTILE = '%%{init: {"theme":"dark"}}%%<script>alert(1)</script>;click P0 call x()';

  it('mermaidText writes every unsafe character as an entity code', () => {
    expect(mermaidText('<script>')).toBe('#60;script#62;');
    expect(mermaidText('%%{init: {}}%%')).toBe('#37;#37;#123;init: #123;#125;#125;#37;#37;');
    expect(mermaidText('a;b')).toBe('a#59;b');
    expect(mermaidText('A->>B: x')).toBe('A-#62;#62;B: x');
    expect(mermaidText('line\nbreak')).toBe('line break');
    expect(mermaidText('x'.repeat(200)).length).toBe(120);
  });

  it('in a trace line (a DATAPATH path), an actor name, a diagnostic message', () => {
    const r = lint(trace`
      NETVSC DATAPATH path=${HOSTILE.replace(/ /g, '')} vf=2
      click$x -> PF SET OID_SRIOV_RESET_VF vf=2
    `);
    const d = diagram(r);
    assertSafe(d.text);
    expect(d.text).toContain('#60;script#62;');
    expect(d.text).toContain('participant P2 as click#36;x');
  });

  it('in hand-made events and diagnostics from any source (the preview passes what it gets)', () => {
    const ev = (index: number, over: Partial<TraceEvent>): TraceEvent => ({
      index,
      line: index + 1,
      dialect: 'wpp',
      kind: 'request',
      verb: 'SET',
      actor: 'VSTACK',
      target: 'PF',
      adapter: HOSTILE,
      span: { line: index + 1, column: 1, endLine: index + 1, endColumn: 2 },
      ids: {},
      attrs: {},
      episode: 0,
      ...over,
    });
    const events = [
      ev(0, { actor: HOSTILE, target: 'end', oid: 'OID_' + HOSTILE }),
      ev(1, {
        kind: 'completion',
        verb: 'COMPLETE',
        actor: 'PF',
        target: HOSTILE,
        oid: 'OID_SRIOV_RESET_VF',
        status: { name: HOSTILE, ok: false, pending: false },
        pair: 0,
      }),
      ev(2, { kind: 'lifecycle', verb: 'DATAPATH', actor: 'NETVSC', target: undefined, attrs: { path: HOSTILE } }),
    ];
    const diagnostics: Diagnostic[] = [
      { rule: 'teardown-order', severity: 'error', message: HOSTILE, span: events[0]!.span, docs: '', related: [], event: 0, episode: 0, note: HOSTILE },
      { rule: 'oid-failed', severity: 'warning', message: HOSTILE + '; more', span: events[1]!.span, docs: '', related: [], event: 1, episode: 0 },
    ];
    const episode: Episode = {
      index: 0,
      kind: 'vf-teardown',
      adapter: HOSTILE,
      vf: '2',
      title: HOSTILE,
      firstLine: 1,
      lastLine: 3,
      events: [0, 1, 2],
      problems: 2,
      steps: [{ id: 'T3', title: HOSTILE, optional: false, state: 'missing' }],
    };
    const d = episodeDiagram({ episode, events, diagnostics });
    assertSafe(d.text);
    expect(body(d.text)).toHaveLength(1 + 4 + 3 + 2 + 2 * 2 + 1);
  });

  it('a WPP component (the adapter) holding Mermaid syntax never reaches the diagram text', () => {
    const r = lintLog(`[1]0A3C.0F10::11/21/2026-10:41:07.110000 [${HOSTILE.replace(/\]/g, '')}] Set OID_SRIOV_RESET_VF VFId=2`);
    expect(r.events[0]!.adapter).toContain('%%{init');
    assertSafe(diagram(r).text);
  });
});

describe('paging', () => {
  const lines: string[] = [];
  for (let i = 0; i < 125; i++) {
    lines.push('VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=2', 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_VF_PARAMETERS vf=2');
  }
  const r = lint(lines.join('\n'));
  const messages = (text: string) => body(text).filter((l) => /^ {2}P\d+(->>|-->>)P\d+: /.test(l));

  it('250 events in pages of 100: three pages, each with its messages and a page note', () => {
    expect(r.episodes).toHaveLength(1);
    expect(r.episodes[0]!.events).toHaveLength(250);
    const pages = [0, 1, 2].map((page) => diagram(r, 0, { pageSize: 100, page }));
    expect(pages.map((p) => [p.page, p.pages])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(pages.map((p) => messages(p.text).length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => body(p.text).find((l) => l.includes('Note over')))).toEqual([
      '  Note over P0,P1: page 1 of 3 (messages 1–100 of 250)',
      '  Note over P0,P1: page 2 of 3 (messages 101–200 of 250)',
      '  Note over P0,P1: page 3 of 3 (messages 201–250 of 250)',
    ]);
    expect(pages.map((p) => p.elements.filter((e) => e.kind === 'message').map((e) => e.line))).toEqual([
      Array.from({ length: 100 }, (_, i) => i + 1),
      Array.from({ length: 100 }, (_, i) => i + 101),
      Array.from({ length: 50 }, (_, i) => i + 201),
    ]);
    for (const p of pages) expect(body(p.text).filter((l) => l.includes('participant'))).toHaveLength(2);
  });

  it('a page past the end shows the last page; the default page size is 200', () => {
    expect(diagram(r, 0, { pageSize: 100, page: 9 }).page).toBe(2);
    expect(DEFAULT_PAGE_SIZE).toBe(200);
    expect(diagram(r).pages).toBe(2);
  });

  it('missing-step notes only on the last page', () => {
    const big = ['10:00:00 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=5 vf=4'];
    for (let i = 0; i < 30; i++) big.push('VSTACK -> PF SET OID_SRIOV_WRITE_VF_CONFIG_SPACE vf=4');
    big.push('VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=4');
    const m = lint(big.join('\n'));
    expect(m.episodes[0]!.steps.find((s) => s.id === 'T3')!.state).toBe('missing');
    const first = diagram(m, 0, { pageSize: 10, page: 0 });
    const last = diagram(m, 0, { pageSize: 10, page: 3 });
    expect(first.text).not.toContain('missing: T3');
    expect(last.text).toContain('  Note over P0,P1: missing: T3 OID_SRIOV_RESET_VF\n');
  });
});

describe('referenceDiagram', () => {
  it('the documented teardown', () => {
    expect(referenceDiagram('vf-teardown')).toBe(
      [
        'sequenceDiagram',
        '  participant P0 as Virtualization stack',
        '  participant P1 as PF miniport',
        '  participant P2 as VPCI VSP',
        '  participant P3 as VPCI VSC',
        '  participant P4 as NetVSC',
        '  participant P5 as VF miniport',
        '  participant P6 as NetVSP (extensible switch)',
        '  P0-)P2: G1 NOTIFY (optional)',
        '  P2-)P3: G2 REMOVE_VF (optional)',
        '  P4-)P5: G3 UNBIND (optional)',
        '  P4-)P6: G4 DATAPATH (optional)',
        '  P0->>P1: T1 MOVE_FILTER (optional)',
        '  P1-->>P0: ✓ MOVE_FILTER',
        '  P0->>P1: T2 DELETE_VPORT',
        '  P1-->>P0: ✓ DELETE_VPORT',
        '  P0->>P1: T3 RESET_VF',
        '  P1-->>P0: ✓ RESET_VF',
        '  P0->>P1: T4 FREE_VF',
        '  P1-->>P0: ✓ FREE_VF',
        '',
      ].join('\n'),
    );
  });

  it('the documented initialization, NDIS creating the switch', () => {
    const lines = body(referenceDiagram('vf-setup'));
    expect(lines.filter((l) => l.includes('participant')).map((l) => l.replace(/^.* as /, ''))).toEqual([
      'Virtualization stack',
      'NDIS',
      'PF miniport',
      'VPCI VSP',
      'VPCI VSC',
      'NetVSC',
      'VF miniport',
    ]);
    expect(lines.filter((l) => /: I\d/.test(l)).map((l) => l.replace(/^.*: /, ''))).toEqual([
      'I1 CREATE_SWITCH (optional)',
      'I2 ALLOCATE_VF',
      'I3 CREATE_VPORT',
      'I4 MOVE_FILTER (optional)',
      'I4b SET_FILTER (optional)',
      'I5 ADD_VF (optional)',
      'I6 BIND (optional)',
    ]);
    expect(lines).toContain('  P1->>P2: I1 CREATE_SWITCH (optional)');
    assertSafe(referenceDiagram('switch'));
  });
});

describe('the documented order drawn over the trace', () => {
  it('a missing step is a dotted ghost arrow right after the step before it, not a note at the end', () => {
    const r = analyzeSample('teardown-missing-step.oidtrace');
    const d = diagram(r, 0, { documented: true });
    const lines = body(d.text);
    const at = lines.findIndex((l) => l.includes('--)') && l.includes('T3 RESET_VF'));
    expect(lines[at]).toBe('  P0--)P1: … T3 RESET_VF: missing, due here');
    // Right after T2's completion (and its rect, if any), before T4's request.
    expect(lines.slice(0, at).filter((l) => l.includes('DELETE_VPORT')).length).toBeGreaterThan(0);
    expect(lines.slice(at).some((l) => l.includes('T4 FREE_VF'))).toBe(true);
    expect(lines.some((l) => l.includes('missing: T3'))).toBe(false);
    const ghost = d.elements.find((e) => e.ghost === 'T3')!;
    expect(ghost.kind).toBe('message');
    expect(ghost.title).toBe(`${r.episodes[0]!.steps.find((s) => s.id === 'T3')!.title}: never came; the documented order puts it here`);
  });

  it('a premature step is drawn where it came, and its ghost where the documented order puts it', () => {
    const d = diagram(analyzeSample('teardown-order.oidtrace'), 0, { documented: true });
    const lines = body(d.text);
    const ghost = lines.indexOf('  P0--)P1: … T3 RESET_VF: documented place (came at line 7)');
    expect(ghost).toBeGreaterThan(lines.indexOf('  P1-->>P0: ✓ DELETE_VPORT (0.3 ms)'));
    expect(ghost).toBeLessThan(lines.indexOf('  P0->>P1: T4 FREE_VF VF 2'));
    expect(d.elements.find((e) => e.ghost === 'T3')!.line).toBe(7);
  });

  it('messages and elements stay in step: every drawn arrow has its element, in order', () => {
    const d = diagram(analyzeSample('teardown-order.oidtrace'), 0, { documented: true });
    const arrows = body(d.text).filter((l) => /^ {2}P\d+(?:->>|-->>|--x|-\)|--\))P\d+: /.test(l)).length;
    expect(d.elements.filter((e) => e.kind === 'message')).toHaveLength(arrows);
  });
});

describe('problem notes', () => {
  it('a long message is shortened in the note and whole in its element title', () => {
    const r = analyzeSample('correlate/host-servicing.log');
    const long = 'x'.repeat(300);
    const diagnostics = r.diagnostics.length ? r.diagnostics : [];
    const ev = r.episodes.find((e) => e.kind === 'vf-teardown')!.events[0]!;
    const d: Diagnostic = {
      rule: 'vf-still-in-use',
      severity: 'error',
      message: long,
      span: { line: 1, column: 1, endColumn: 2 } as Diagnostic['span'],
      docs: '',
      related: [],
      event: ev,
    };
    const out = episodeDiagram({ episode: r.episodes.find((e) => e.kind === 'vf-teardown')!, events: r.events, diagnostics: [...diagnostics, d] });
    const note = body(out.text).find((l) => l.includes('vf-still-in-use:'))!;
    // Cut to 96 characters, a word longer than a line kept whole on its own line.
    expect(note.replace(/^ {2}Note over P\d+,P\d+: /, '').replaceAll('<br/>', ' ')).toBe(`⚠ vf-still-in-use: ${'x'.repeat(76)}…`);
    expect(out.elements.some((e) => e.kind === 'note' && e.title === `vf-still-in-use (error): ${long}`)).toBe(true);
  });
});

describe('note lines', () => {
  it('a note over two participants breaks between words, no line longer than the longest message between them and some room', () => {
    const d = diagram(analyzeSample('oid-failed-and-pending.oidtrace'));
    const note = body(d.text)
      .find((l) => l.includes('oid-pending'))!
      .replace(/^ {2}Note over P\d+,P\d+: /, '');
    const lines = note.split('<br/>');
    expect(lines).toEqual(['⚠ oid-pending: OID_NIC_SWITCH_FREE_VF for VF 2', 'was never completed by the end of the trace']);
  });
});

describe('times', () => {
  it('each message can start with its time of day; the default draws none', () => {
    const r = analyzeSample('teardown-order.oidtrace');
    const lines = body(diagram(r, 0, { times: true }).text);
    expect(lines).toContain('  P0->>P1: 10:41:07.112 T3 RESET_VF VF 2');
    expect(diagram(r).text).not.toContain('10:41:07');
  });
});
