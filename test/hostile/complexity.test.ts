/**
 * Inputs that used to take quadratic time or memory, each pinned to the fix
 * that made it linear. No timing threshold here (bench/hostile.ts measures);
 * the sizes are chosen so that each test took minutes before its fix and takes
 * milliseconds after: vitest's own timeout is the only clock. Where the bound
 * is structural (what an open episode keeps), it is asserted directly.
 */
import { describe, expect, it } from 'vitest';
import { analyze, analyzeStream, type AnalysisResult, type TraceEvent } from '../../src/engine';
import { VF_TEARDOWN } from '../../src/engine/catalog/sequences';
import { checkOrder } from '../../src/engine/model/order-check';
import { parseCanonicalLine } from '../../src/engine/dialects/canonical';
import { TraceModel } from '../../src/engine/model/trace-model';
import { MAX_SEARCHED } from '../../src/engine/model/pending';
import { lint, lintLog } from '../engine/helpers';

const found = (r: AnalysisResult) => r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`);
function counts(r: AnalysisResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of r.diagnostics) out[d.rule] = (out[d.rule] ?? 0) + 1;
  return out;
}

describe('regular expressions that backtracked quadratically on a long run of spaces', () => {
  const spaces = ' '.repeat(200_000);

  it('a hex value after "Status", far away (STATUS_CODE)', () => {
    const r = lintLog(`MlxOidComplete: OID_SRIOV_RESET_VF completed Status${spaces}x VfId=2`);
    expect(r.eventCount).toBe(1);
    expect(r.events[0]!.status).toBeUndefined();
    // Spaces alone are still read: "Status   0xC0000001".
    expect(lintLog('MlxOidComplete: OID_SRIOV_RESET_VF completed Status   :  0xC0000001 VfId=2').events[0]!.status?.name).toBe('NDIS_STATUS_FAILURE');
  });

  it('an id key with its value far away (IDS)', () => {
    const r = lintLog(`MlxSetInformation: OID_SRIOV_RESET_VF VF${spaces}x -->`);
    expect(r.events[0]!.ids).toEqual({});
    expect(lintLog('MlxSetInformation: OID_SRIOV_RESET_VF VFId  =  7 -->').events[0]!.ids).toEqual({ vf: '7' });
  });

  it.each([['x.log'], ['x.oidtrace']])('a suppression comment with a long gap (SUPPRESSION), %s', (fileName) => {
    const text = `# oidtrace-disable-next-line teardown-order${spaces}-- OID_SRIOV_RESET_VF is retried\nVSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2`;
    expect(found(analyze(text, { fileName: 'x.oidtrace' }))).toEqual([]);
    expect(analyze(`# oidtrace-disable a${spaces}b`, { fileName }).diagnostics).toEqual([]);
  });
});

it('a misspelt OID name of 5 MB: the nearest-name search stops at the distance that can still be a typo', () => {
  const r = lint(`VSTACK -> PF SET OID_NIC_SWITCH_${'A'.repeat(5_000_000)} vf=2`);
  expect(found(r)).toEqual(['1:18 unknown-oid']);
  expect(r.diagnostics[0]!.message).toMatch(/^unknown OID OID_NIC_SWITCH_A+…$/);
  // Typos are still found.
  expect(lint('VSTACK -> PF SET OID_NIC_SWITCH_DELTE_VPORT vport=3').diagnostics[0]!.message).toBe(
    'unknown OID OID_NIC_SWITCH_DELTE_VPORT; did you mean OID_NIC_SWITCH_DELETE_VPORT?',
  );
});

describe('a teardown episode that repeats its steps', () => {
  it('300,000 times: the order check is n log n (a binary search for the next predecessor, not a scan)', () => {
    const events = Array.from({ length: 600_000 }, (_, index) => ({ index, kind: 'request', step: index % 2 ? 'T2' : 'T3' }) as TraceEvent);
    const { premature, missing } = checkOrder(VF_TEARDOWN, events, new Set());
    // Every RESET_VF comes before a DELETE_VPORT: the one right after it.
    expect(premature).toHaveLength(300_000);
    expect(premature.every((p) => p.shouldFollow.index === p.event.index + 1)).toBe(true);
    expect(missing).toEqual([]);
  });

  it('20,000 times in a driver log: one teardown-order per premature step', () => {
    const log = 'MlxSetInformation: Unknown OID 00010255 VfId: 2 -->\nMlxSetInformation: Unknown OID 0x00010244 VPortId 3 VFId=2 -->\n'.repeat(20_000);
    const r = analyze(log, { fileName: 'x.log', keepEvents: false });
    expect(counts(r)).toEqual({ 'teardown-order': 20_000 });
    expect(r.episodes).toHaveLength(1);
  });
});

describe('outstanding requests: pairing and merging search a bounded, indexed queue', () => {
  it('30,000 driver-log lines naming an OID for 30,000 VFs, never completed: each is a request of its own', () => {
    const log = Array.from({ length: 30_000 }, (_, i) => `MlxOid: OID_NIC_SWITCH_VF_PARAMETERS VFId=${i}`).join('\n');
    const r = lintLog(log, { keepEvents: false });
    expect([r.eventCount, r.episodes.length, r.diagnostics.length]).toEqual([30_000, 30_000, 0]);
  });

  it('40,000 requests, then their completions newest first (distinct VFs): paired while the request is among the oldest outstanding', () => {
    const n = 40_000;
    const text =
      Array.from({ length: n }, (_, i) => `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i}`).join('\n') +
      '\n' +
      Array.from({ length: n }, (_, i) => `PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=${n - 1 - i}`).join('\n');
    const r = lint(text, { keepEvents: false });
    // A completion finds its request only among the oldest MAX_SEARCHED outstanding: the
    // newest n - MAX_SEARCHED stay unpaired (reported pending), the oldest pair.
    expect(counts(r)).toEqual({ 'oid-pending': n - MAX_SEARCHED });
  });

  it('5,000 requests, then their completions in order: every one pairs (the oldest compatible request)', () => {
    const text = 'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1\n'.repeat(5000) + 'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1\n'.repeat(5000);
    expect(lint(text, { keepEvents: false }).diagnostics).toEqual([]);
  });

  it('one stuck request in front of 5,000 that complete in order: they all pair', () => {
    const text =
      'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=0\n' +
      'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1\n'.repeat(5000) +
      'PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF vf=1\n'.repeat(5000);
    expect(found(lint(text, { keepEvents: false }))).toEqual(['1:18 oid-pending']);
  });
});

it('a 40 MB line streamed in 8 KiB chunks: its pieces are joined once, not re-searched per chunk', async () => {
  const line = 'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 note=' + 'x'.repeat(40_000_000);
  const text = `${line}\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2\n`;
  async function* chunks() {
    for (let i = 0; i < text.length; i += 8192) yield text.slice(i, i + 8192);
  }
  const r = await analyzeStream(chunks(), { fileName: 'x.oidtrace', keepEvents: false });
  expect([r.lines, r.eventCount, found(r)]).toEqual([3, 2, ['1:18 teardown-order']]);
}, 60_000);

describe('what an open episode keeps when events are not kept (the CLI, big files)', () => {
  function model(lines: string[]): TraceModel {
    const m = new TraceModel({ keepEvents: false, keepEpisodes: true, onEpisodeClosed: () => {} });
    const state = { adapter: 'default' };
    lines.forEach((text, i) => {
      const ev = m.prepare(parseCanonicalLine(text, i + 1, state)!.event!);
      m.apply(ev);
    });
    return m;
  }

  it('20,000 queries of one VF, with no documented step: nothing (memory does not grow with the trace)', () => {
    const lines = Array.from({ length: 10_000 }, () => [
      'VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=2 vport=3',
      'PF -> VSTACK COMPLETE OID_NIC_SWITCH_VF_PARAMETERS vf=2',
    ]).flat();
    const m = model(lines);
    expect(m.episodes).toHaveLength(1);
    expect(m.episodes[0]!.events).toHaveLength(0);
    expect(m.eventCount).toBe(20_000);
  });

  it('the steps among them: only those, which the order check and the checklist read', () => {
    const noise = Array.from({ length: 1000 }, () => 'VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=2');
    const m = model([...noise, 'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2', ...noise, 'VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2', ...noise]);
    expect(m.episodes[0]!.events.map((e) => e.step)).toEqual(['T3', 'T2']);
    m.finish();
    expect(m.episodes[0]!.order!.premature.map((p) => `${p.event.step} before ${p.shouldFollow.step}`)).toEqual(['T3 before T2']);
  });

  it('the checklist of a setup is the same as with every event kept: the switch created (and completed) before the episode began', () => {
    const text = [
      'NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0',
      'PF -> NDIS COMPLETE OID_NIC_SWITCH_CREATE_SWITCH switch=0',
      'VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=2',
      'VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2',
      'PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF vf=2',
      'VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3',
    ].join('\n');
    const steps = (keepEvents: boolean) => lint(text, { keepEvents }).episodes.map((e) => e.steps.map((s) => `${s.id}:${s.state}`).join(' '));
    expect(steps(false)).toEqual(steps(true));
    // I1's completion is in the switch's episode, gone when events are not kept: still completed, not pending.
    expect(steps(false).join('|')).toContain('I1:in-order I2:in-order I3:pending');
  });
});

describe('a canonical line of a million tokens is read a token at a time', () => {
  it('the key=value pairs after the eighth token are all read', () => {
    const r = lint('VSTACK -> PF SET OID_SRIOV_RESET_VF ' + 'a=1 '.repeat(1_000_000) + 'vf=2 b=3');
    expect(r.diagnostics).toEqual([]);
    expect(r.events[0]!.ids).toEqual({ vf: '2' });
    expect(r.events[0]!.attrs).toEqual({ a: '1', b: '3' });
  });

  it('and a bad one far along is a syntax error at its own column', () => {
    const pairs = 'k=v '.repeat(20);
    const r = lint(`10:41:07.1 VSTACK -> PF COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS ${pairs}oops vf=2`);
    const column = `10:41:07.1 VSTACK -> PF COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS ${pairs}`.length + 1;
    expect(found(r)).toEqual([`1:${column} syntax`]);
    expect(r.diagnostics[0]!.message).toBe("expected key=value, found 'oops'");
  });
});

describe("a Linux guest line whose kernel message is looked for after another program's prefix", () => {
  const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
  const guest = (text: string) => analyze(text, { fileName: 'dmesg.txt' }).events.map((e) => e.attrs.guest);
  // Each candidate start (a `[`, an hv_netvsc) is tried once, with an expression that reads only what follows it.
  it.each([
    ['300,000 brackets, each a stamp that does not come', '[ '.repeat(300_000) + `${NETVSC} VF slot 1 added`, ['slot-added']],
    ['300,000 delta stamps cut short', '[ +'.repeat(300_000) + ` ${NETVSC} VF slot 1 added`, ['slot-added']],
    ['100,000 dmesg -H minute stamps cut short', '[Nov 3 10:0'.repeat(100_000) + ' VF slot 1 added', []],
    ['300,000 sources that name no interface', ' hv_netvsc x'.repeat(300_000) + ' VF slot 1 added', []],
    ['2,000,000 quote marks', '>'.repeat(2_000_000) + ` ${NETVSC} VF slot 1 added`, ['slot-added']],
    ['a syslog host of 2,000,000 characters', 'Jul 23 16:18:53 ' + 'x'.repeat(2_000_000) + ' kernel: VF slot 1 added', ['slot-added']],
    ['2,000,000 spaces between a stamp and a host', '[    1.000000] x' + ' '.repeat(2_000_000) + `kernel: ${NETVSC} VF slot 1 added`, ['slot-added']],
  ])('%s', (_, line, expected) => {
    expect(guest(line)).toEqual(expected);
    expect(guest(`${line}\n`.repeat(3))).toHaveLength(expected.length * 3);
  });
});
