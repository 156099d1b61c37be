/** How rules name things in their messages: the same words everywhere. */
import { shortOidName } from '../catalog/oids';
import { clip } from '../text/clip';
import type { TraceEvent } from '../types';

export function what(ev: TraceEvent): string {
  // An unknown OID name is as the trace wrote it: any length.
  return ev.oid === undefined ? ev.verb : clip(ev.oid);
}

/** "VF 2", "VPort 3 (VF 2)", or '' when the event names neither. */
export function subject(ev: TraceEvent): string {
  const parts: string[] = [];
  if (ev.ids.vport !== undefined) parts.push(`VPort ${ev.ids.vport}`);
  if (ev.ids.vf !== undefined) parts.push(parts.length ? `(VF ${ev.ids.vf})` : `VF ${ev.ids.vf}`);
  if (parts.length === 0 && ev.ids.filter !== undefined) parts.push(`filter ${ev.ids.filter}`);
  return parts.join(' ');
}

/** "OID_SRIOV_RESET_VF for VF 2 (line 12)". */
export function describe(ev: TraceEvent, withLine = true): string {
  const s = subject(ev);
  return `${what(ev)}${s ? ' for ' + s : ''}${withLine ? ` (line ${ev.line})` : ''}`;
}

/**
 * Where another event is, as seen from the event a finding is about: "line 6", or, in a
 * correlation of a host's and a guest's files, "line 6 of the guest's log" when it is in
 * the other one.
 */
export function lineRef(at: { line: number; source?: number }, from: { source?: number }): string {
  if (at.source === from.source) return `line ${at.line}`;
  return `line ${at.line} of the ${at.source === 1 ? "guest's log" : "host's trace"}`;
}

export function stepLabel(ev: TraceEvent): string {
  return ev.step ? `${ev.step} ${ev.oid ? shortOidName(ev.oid) : ev.verb}` : what(ev);
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

/** "T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF". */
export function orderText(steps: ReadonlyArray<{ id: string; oid?: string; verb?: string }>): string {
  return steps.map((s) => `${s.id} ${s.oid ? shortOidName(s.oid) : s.verb}`).join(' -> ');
}
