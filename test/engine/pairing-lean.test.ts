/**
 * Without kept events (the CLI, big files), a completion finds its request among
 * the requests still pending or the last answered ones, which the model keeps in
 * a bounded ring. After thousands of answered requests the ring has wrapped many
 * times: the findings that read a request through its completion must not change.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine';

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
