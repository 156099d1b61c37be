/**
 * Without kept events (the CLI, big files), a completion finds its request among
 * the requests still pending or the last RECENT answered ones, which the model
 * keeps in a ring. Two checks: the model's lookup itself after the ring has
 * wrapped, and, end to end, the findings that read a request through its
 * completion (oid-failed, step-slow) agreeing with an analysis that keeps every event.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult, type TraceEvent } from '../../src/engine';
import { MAX_EMPTY_QUEUES } from '../../src/engine/model/pairing';
import { RECENT } from '../../src/engine/model/trace-model';
import { leanModel } from './helpers';

function trace(answered: number): string {
  const lines = ['@adapter pf0'];
  const at = (ms: number) => {
    const s = Math.floor(ms / 1000);
    return `10:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}000`;
  };
  let t = 0;
  for (let i = 0; i < answered; i++) {
    const vf = i % 64;
    lines.push(`${at(t)} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${vf}`, `${at(t + 1)} PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=${vf}`);
    t += 2;
  }
  // The last two: a reset that fails (found at its completion), and one that takes 8 s (found at its request).
  lines.push(`${at(t)} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1`, `${at(t + 1)} PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF 0xC0000001 vf=1`);
  lines.push(`${at(t + 2)} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2`, `${at(t + 8002)} PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2`);
  return lines.join('\n') + '\n';
}

const findings = (r: AnalysisResult) => r.diagnostics.map((d) => `${d.span.line} ${d.rule}`);

describe('pairing without kept events', () => {
  const text = trace(10_000);
  const lean = analyze(text, { fileName: 'long.oidtrace', keepEvents: false });
  const full = analyze(text, { fileName: 'long.oidtrace', keepEvents: true });

  it('finds the failed and the slow reset after 10,000 answered ones', () => {
    expect(lean.eventCount).toBe(20_004);
    expect(findings(lean)).toEqual(['20003 oid-failed', '20004 step-slow']);
  });

  it('finds what the analysis with every event kept finds', () => {
    expect(findings(lean)).toEqual(findings(full));
    expect(lean.diagnostics.map((d) => d.message)).toEqual(full.diagnostics.map((d) => d.message));
  });
});

/** A model without kept events, and a function that feeds it one canonical line and returns its event. */
describe('the answered requests the model keeps reachable', () => {
  it('are the last RECENT: after RECENT + 10 answered requests, the 11th is found, the 10th is not', () => {
    const { model, feed } = leanModel();
    const requests: TraceEvent[] = [];
    for (let i = 0; i < RECENT + 10; i++) {
      requests.push(feed(`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i % 64}`));
      const completion = feed(`PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=${i % 64}`);
      expect(completion.pair).toBe(requests[i]!.index);
    }
    expect(model.eventAt(requests[RECENT + 9]!.index)).toBe(requests[RECENT + 9]);
    expect(model.eventAt(requests[10]!.index)).toBe(requests[10]);
    expect(model.eventAt(requests[9]!.index)).toBeUndefined();
    expect(model.eventAt(requests[0]!.index)).toBeUndefined();
    // A request still pending is found however old.
    const open = feed('VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=1');
    for (let i = 0; i < RECENT + 1; i++) {
      feed(`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i % 64}`);
      feed(`PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=${i % 64}`);
    }
    expect(model.eventAt(open.index)).toBe(open);
  });
});

describe('the queues of answered requests', () => {
  /** Requests and completions fed to a model without kept events, one adapter name each unless `adapters` is smaller. */
  function feedPairs(pairs: number, adapters: number) {
    const { model, feed } = leanModel();
    let paired = 0;
    for (let i = 0; i < pairs; i++) {
      const adapter = `nic${i % adapters}`;
      const request = feed(`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1 adapter=${adapter}`);
      if (feed(`PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1 adapter=${adapter}`).pair === request.index) paired++;
    }
    const queues = (model as unknown as { pairing: { queues: Map<string, Map<string, unknown>> } }).pairing.queues;
    return { paired, adapters: queues.size, queues: [...queues.values()].reduce((n, byOid) => n + byOid.size, 0) };
  }

  it('an adapter asking the same OID again and again keeps its queue, answered or not', () => {
    expect(feedPairs(1000, 1)).toEqual({ paired: 1000, adapters: 1, queues: 1 });
  });

  it('a trace naming each of many adapters once keeps at most MAX_EMPTY_QUEUES empty ones', () => {
    const r = feedPairs(20_000, 20_000);
    expect(r.paired).toBe(20_000);
    expect(r.queues).toBeLessThanOrEqual(MAX_EMPTY_QUEUES + 1);
    expect(r.adapters).toBe(r.queues);
  });
});
