/**
 * An open episode keeps what its steps' completions said (index, time, status),
 * not the completions' events: the checklist and the order check read that, so
 * an analysis without kept events agrees with one that keeps them even when a
 * step's completion is long out of the model's reach.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine';
import { RECENT } from '../../../src/engine/model/trace-model';
import { leanModel } from '../helpers';

const at = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `10:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}000`;
};

describe('a step completion in an open episode', () => {
  it('is held as its outcome: the record keeps the request event and the completion index, time and status', () => {
    const { model, feed } = leanModel({ keepEpisodes: true, adapter: 'pf0' });
    const request = feed(`${at(0)} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2`);
    const completion = feed(`${at(7)} PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF 0xC0000001 vf=2`);
    const [rec] = model.episodes;
    expect(rec!.closed).toBe(false);
    expect(rec!.events).toEqual([request]);
    expect(rec!.outcomes).toEqual([{ index: completion.index, request: request.index, time: completion.time, status: completion.status }]);
    expect(rec!.outcomes[0]).not.toBe(completion);
  });

  it('gives the checklist its status and latency after more than RECENT other answered requests', () => {
    const lines = [`${at(0)} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2`, `${at(7)} PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF 0xC0000001 vf=2`];
    for (let i = 0; i < RECENT + 10; i++) {
      lines.push(`${at(10 + i)} VSTACK -> PF QUERY OID_NIC_SWITCH_VF_PARAMETERS vf=${3 + (i % 8)}`);
      lines.push(`${at(10 + i)} PF -> VSTACK COMPLETE OID_NIC_SWITCH_VF_PARAMETERS NDIS_STATUS_SUCCESS vf=${3 + (i % 8)}`);
    }
    lines.push(`${at(9000)} VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2`, `${at(9001)} PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=2`);
    const text = lines.join('\n') + '\n';
    const lean = analyze(text, { fileName: 'x.oidtrace', keepEvents: false });
    const full = analyze(text, { fileName: 'x.oidtrace' });
    const teardown = (r: typeof lean) => r.episodes.find((e) => e.vf === '2' && e.kind === 'vf-teardown')!;
    const reset = teardown(lean).steps.find((s) => s.id === 'T3')!;
    expect(reset).toMatchObject({ state: 'failed', status: 'NDIS_STATUS_FAILURE', event: 0, completion: 1, latencyMs: 7 });
    expect(teardown(lean).steps).toEqual(teardown(full).steps);
    expect(lean.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(full.diagnostics.map((d) => `${d.span.line} ${d.rule}`));
  });
});
