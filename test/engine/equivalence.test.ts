/**
 * A WPP-style driver log that writes OIDs as hex codes finds the same problems
 * as its canonical equivalent (the "done when"). The canonical fixtures
 * are written line for line, so even the lines must agree.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/engine';
import { analyze } from '../../src/engine';
import { fixture, sample } from './helpers';

const OID_OR_ID = /OID_[A-Z_]+|VF \d+|VPort \d+|filter \d+/g;

function named(r: AnalysisResult): string[] {
  return r.diagnostics.map((d) => `${d.span.line} ${d.rule}: ${(d.message.match(OID_OR_ID) ?? []).join(', ')}`);
}

function pair(log: string, canonical: string): [AnalysisResult, AnalysisResult] {
  return [analyze(log, { fileName: 'trace.log' }), analyze(canonical, { fileName: 'trace.oidtrace' })];
}

describe('samples/host-servicing.log and its canonical equivalent', () => {
  const [wpp, canonical] = pair(sample('host-servicing.log'), fixture('host-servicing.oidtrace'));

  it('read in their own dialects', () => {
    expect(wpp.dialect).toBe('wpp');
    expect(canonical.dialect).toBe('oidtrace');
  });

  it('find the same rule ids at the same lines', () => {
    expect(wpp.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['7 teardown-order']);
    expect(canonical.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['7 teardown-order']);
  });

  it('name the same OIDs, VFs and VPorts in their messages', () => {
    expect(named(wpp)).toEqual(['7 teardown-order: OID_SRIOV_RESET_VF, VF 2, OID_NIC_SWITCH_DELETE_VPORT, VPort 3, VF 2']);
    expect(named(canonical)).toEqual(named(wpp));
    expect(canonical.diagnostics.map((d) => d.message)).toEqual(wpp.diagnostics.map((d) => d.message));
    expect(canonical.diagnostics.map((d) => d.related.map((r) => r.line))).toEqual([[10]]);
    expect(wpp.diagnostics.map((d) => d.related.map((r) => r.line))).toEqual([[10]]);
  });

  it('hold the same events and the same episode checklist', () => {
    const shape = (r: AnalysisResult) =>
      r.events.map((e) => ({ line: e.line, kind: e.kind, oid: e.oid, ids: e.ids, step: e.step, status: e.status?.name, time: e.time, adapter: e.adapter }));
    expect(shape(canonical)).toEqual(shape(wpp));
    const steps = (r: AnalysisResult) => r.episodes.map((e) => [e.title, e.steps.map((s) => `${s.id}=${s.state}`)]);
    expect(steps(wpp)).toEqual([
      ['mlx5 · VF 2 teardown', ['G1=not-seen', 'G2=not-seen', 'G3=not-seen', 'G4=not-seen', 'T1=in-order', 'T2=in-order', 'T3=out-of-order', 'T4=in-order']],
    ]);
    expect(steps(canonical)).toEqual(steps(wpp));
  });
});

describe('a log with many problems, OIDs as 0x-codes and bare codes, and its canonical equivalent', () => {
  const [wpp, canonical] = pair(fixture('hex-problems.log'), fixture('hex-problems.oidtrace'));

  it('find the same rule ids at the same lines', () => {
    const ids = (r: AnalysisResult) => r.diagnostics.map((d) => `${d.span.line} ${d.rule}`);
    expect(ids(wpp)).toEqual([
      '4 filters-not-moved',
      '8 vports-still-attached',
      '9 oid-failed',
      '10 teardown-order',
      '12 vf-not-allocated',
      '13 oid-failed',
      '14 oid-pending',
      '14 unknown-oid',
    ]);
    expect(ids(canonical)).toEqual(ids(wpp));
  });

  it('name the same OIDs and VFs, word for word', () => {
    expect(named(wpp)).toEqual([
      '4 filters-not-moved: OID_NIC_SWITCH_DELETE_VPORT, VPort 6, VF 3, filter 9, OID_RECEIVE_FILTER_MOVE_FILTER, OID_RECEIVE_FILTER_CLEAR_FILTER',
      '8 vports-still-attached: OID_NIC_SWITCH_FREE_VF, VF 5, VPort 4, OID_NIC_SWITCH_DELETE_VPORT',
      '9 oid-failed: OID_NIC_SWITCH_FREE_VF, VF 5',
      '10 teardown-order: OID_NIC_SWITCH_FREE_VF, VF 6, OID_SRIOV_RESET_VF, VF 6',
      '12 vf-not-allocated: OID_SRIOV_RESET_VF, VF 6, VF 6, OID_NIC_SWITCH_FREE_VF, OID_NIC_SWITCH_ALLOCATE_VF',
      '13 oid-failed: OID_SRIOV_RESET_VF, VF 6',
      '14 oid-pending: OID_NIC_SWITCH_DELETE_VPORT, VPort 9, VF 8',
      '14 unknown-oid: OID_NIC_SWITCH_FREE_VPORT, OID_NIC_SWITCH_DELETE_VPORT',
    ]);
    expect(canonical.diagnostics.map((d) => d.message)).toEqual(wpp.diagnostics.map((d) => d.message));
  });

  it('agree on severities and related lines', () => {
    const rest = (r: AnalysisResult) => r.diagnostics.map((d) => [d.severity, d.related.map((x) => x.line)]);
    expect(rest(canonical)).toEqual(rest(wpp));
  });
});
