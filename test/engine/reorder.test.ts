/**
 * Lines from several CPUs are printed slightly out of time order: events are
 * ordered by their timestamps (ties keep line order), else by line, and a
 * clock that jumps back is a new clock, not a reason to reorder.
 */
import { describe, expect, it } from 'vitest';
import type { RawEvent } from '../../src/engine/dialects/parsed-line';
import { REORDER_WINDOW_MS, ReorderBuffer } from '../../src/engine/model/reorder';
import { lint, lintLog, trace, where } from './helpers';

/** The order the model saw the events in, as line numbers. */
const seen = (r: { events: Array<{ line: number }> }) => r.events.map((e) => e.line);

describe('two CPUs slightly out of time order', () => {
  const log = trace`
    [1]0A3C.0F10::11/21/2026-10:41:07.110000 [mlx5]MlxSetInformation: Unknown OID 0x00010230 FilterId=7 SourceVPortId=3 DestVPortId=0 VFId=2 -->
    [0]0A3C.0F10::11/21/2026-10:41:07.111000 [mlx5]MlxSetInformation: Unknown OID 0x00010244 VPortId 3 VFId=2 -->
    [1]0A3C.0F10::11/21/2026-10:41:07.110400 [mlx5]MlxOidComplete: Oid 0x00010230 completed, Status 0x00000000, FilterId=7
    [1]0A3C.0F10::11/21/2026-10:41:07.112000 [mlx5]MlxSetInformation: Unknown OID 00010255 VfId: 2 -->
    [0]0A3C.0F10::11/21/2026-10:41:07.111300 [mlx5]MlxOidComplete: Oid 0x00010244 completed, Status 0x00000000, VPortId 3
    [0]0A3C.0F10::11/21/2026-10:41:07.153000 [mlx5]MlxSetInformation: Unknown OID 00010246 VF 2 -->
    [1]0A3C.0F10::11/21/2026-10:41:07.152000 [mlx5]MlxOidComplete: Oid 00010255 completed, Status 0x00000000, VfId: 2
    [0]0A3C.0F10::11/21/2026-10:41:07.153200 [mlx5]MlxOidComplete: Oid 00010246 completed, Status 0x00000000, VF 2
  `;

  it('produce no order violation and no other diagnostic', () => {
    const r = lintLog(log);
    expect(r.diagnostics.map(where)).toEqual([]);
  });

  it('are seen in time order', () => {
    expect(seen(lintLog(log))).toEqual([1, 3, 2, 5, 4, 7, 6, 8]);
  });

  it('every completion pairs with its own request', () => {
    const r = lintLog(log);
    const pairs = r.events.filter((e) => e.kind === 'completion').map((c) => `${c.line}->${r.events[c.pair!]!.line}`);
    expect(pairs).toEqual(['3->1', '5->2', '7->4', '8->6']);
  });

  it('the same lines without their timestamps are read in line order (and then they are out of order)', () => {
    const bare = log.replace(/^\[\d\][0-9A-F.]+::\S+ \[mlx5\]/gm, '');
    const r = lintLog(bare);
    expect(seen(r)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The FREE_VF (line 6) comes after the RESET_VF (line 4) either way; the
    // completions printed late simply pair later. No step is out of order.
    expect(r.diagnostics.map(where)).toEqual([]);
  });

  it('in a canonical file too: a DELETE_VPORT printed before the MOVE_FILTER it follows', () => {
    const text = trace`
      10:41:07.111000 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      10:41:07.110000 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
      10:41:07.112000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
    `;
    const r = lint(text);
    expect(seen(r)).toEqual([2, 1, 3]);
    expect(r.diagnostics).toEqual([]);
    // Printed the same way with no timestamps, the order is the line order: a violation.
    expect(lint(text.replace(/^\S+ /gm, '')).diagnostics.map(where)).toEqual(['1:18-45 teardown-order']);
  });
});

describe('ties and lines without timestamps', () => {
  it('equal timestamps keep line order', () => {
    const text = trace`
      10:00:00.000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      10:00:00.000 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      10:00:00.000 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `;
    const r = lint(text);
    expect(seen(r)).toEqual([1, 2, 3]);
    expect(r.diagnostics.map(where)).toEqual(['1:31-49 teardown-order']);
  });

  it('lines without timestamps keep line order', () => {
    const r = lint(trace`
      VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
    `);
    expect(seen(r)).toEqual([1, 2]);
    expect(r.diagnostics.map(where)).toEqual(['1:18-36 teardown-order']);
  });

  it('a line without a timestamp stays after the line before it', () => {
    const r = lint(trace`
      10:00:00.500 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
      VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      10:00:00.600 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
    `);
    expect(seen(r)).toEqual([1, 2, 3]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('a clock that jumps back', () => {
  it('by hours, before anything was emitted: no reordering across the jump', () => {
    const r = lint(trace`
      10:00:00.000 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
      10:00:00.100 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      07:00:00.000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      07:00:00.100 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `);
    expect(seen(r)).toEqual([1, 2, 3, 4]);
    expect(r.diagnostics).toEqual([]);
  });

  it('by hours, after a gap: no reordering across the jump', () => {
    const r = lint(trace`
      10:00:00.000 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
      10:00:05.100 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      07:00:00.000 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      07:00:00.100 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `);
    expect(seen(r)).toEqual([1, 2, 3, 4]);
    expect(r.diagnostics).toEqual([]);
  });

  it('at midnight (time of day wraps)', () => {
    const r = lint(trace`
      23:59:59.900 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
      23:59:59.950 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      00:00:00.010 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      00:00:00.020 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `);
    expect(seen(r)).toEqual([1, 2, 3, 4]);
    expect(r.diagnostics).toEqual([]);
  });

  it('after the jump, slight disorder on the new clock is still sorted', () => {
    const r = lint(trace`
      10:00:00.000 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2
      07:00:00.200 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      07:00:00.100 VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      07:00:00.300 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2
    `);
    expect(seen(r)).toEqual([1, 3, 2, 4]);
    expect(r.diagnostics).toEqual([]);
  });

  it('back and forth many times does not hang and keeps line order', { timeout: 5000 }, () => {
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const hour = i % 2 === 0 ? 10 : 7;
      const ms = String(Math.floor(i / 2) % 1000).padStart(3, '0');
      lines.push(`${hour}:00:00.${ms} VSTACK -> PF QUERY OID_SRIOV_PF_LUID`);
    }
    const r = lint(lines.join('\n'));
    expect(r.eventCount).toBe(20000);
    const order = seen(r);
    expect(order.every((line, i) => line === i + 1)).toBe(true);
  });
});

describe('ReorderBuffer', () => {
  const ev = (line: number, time?: number) => ({ line, time }) as RawEvent;
  const run = (events: RawEvent[]) => {
    const out: number[] = [];
    const buf = new ReorderBuffer((e) => out.push(e.line));
    for (const e of events) buf.push(e);
    buf.flush();
    return out;
  };

  it('sorts within the window; ties keep line order; an untimed event stays after the one before it', () => {
    expect(run([ev(1, 100), ev(2, 50), ev(3, 50), ev(4), ev(5, 75)])).toEqual([2, 3, 4, 5, 1]);
  });

  it('emits what fell out of the window before it sees what comes later', () => {
    const out: number[] = [];
    const buf = new ReorderBuffer((e) => out.push(e.line));
    buf.push(ev(1, 0));
    buf.push(ev(2, REORDER_WINDOW_MS + 1));
    expect(out).toEqual([1]);
  });

  it('a jump back further than the window flushes and starts a new clock', () => {
    expect(run([ev(1, 10_000), ev(2, 10_100), ev(3, 1_000), ev(4, 900)])).toEqual([1, 2, 4, 3]);
  });
});
