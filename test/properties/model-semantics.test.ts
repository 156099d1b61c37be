/**
 * The model's semantics over generated VF lifecycles (two VFs, interleaved,
 * steps dropped or swapped, some requests failing), each request followed by
 * its completion:
 * - a request whose ids arrive only on its completion gives the same findings
 *   and checklists as the same trace with the ids on the request too;
 * - a failed step followed by the same step succeeding gives the same order
 *   findings and checklists as the successful step alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult, type EventIds } from '../../src/engine';
import { SEED } from './arbitraries';

interface Op {
  oid: string;
  verb: 'SET' | 'METHOD';
  ids: EventIds;
  ok: boolean;
}

function opsOfVf(vf: number): Op[] {
  const v = String(vf);
  const vport = String(vf + 10);
  const filter = String(vf + 20);
  const op = (oid: string, verb: Op['verb'], ids: EventIds): Op => ({ oid, verb, ids: { ...ids, vf: v }, ok: true });
  return [
    op('OID_NIC_SWITCH_ALLOCATE_VF', 'METHOD', {}),
    op('OID_NIC_SWITCH_CREATE_VPORT', 'METHOD', { vport }),
    op('OID_RECEIVE_FILTER_SET_FILTER', 'METHOD', { filter, vport }),
    op('OID_RECEIVE_FILTER_MOVE_FILTER', 'SET', { filter: String(vf + 30), from: '0', to: vport }),
    op('OID_RECEIVE_FILTER_MOVE_FILTER', 'SET', { filter, from: vport, to: '0' }),
    op('OID_NIC_SWITCH_DELETE_VPORT', 'SET', { vport }),
    op('OID_SRIOV_RESET_VF', 'SET', {}),
    op('OID_NIC_SWITCH_FREE_VF', 'SET', {}),
  ];
}

/** One VF's story: a subsequence of its documented life, maybe with two neighbours swapped, some failing. */
const vfStory = (vf: number) =>
  fc
    .tuple(fc.subarray(opsOfVf(vf), { minLength: 2 }), fc.option(fc.nat(8), { nil: undefined }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
    .map(([ops, swap, fails]) => {
      const out = ops.map((o, i) => ({ ...o, ok: !(fails[i] && i % 3 === 2) }));
      if (swap !== undefined && swap + 1 < out.length) [out[swap], out[swap + 1]] = [out[swap + 1]!, out[swap]!];
      return out;
    });

/** Two stories interleaved. */
const lifecycle = fc.tuple(vfStory(1), vfStory(2), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 })).map(([a, b, picks]) => {
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && picks[k++ % 16]) ? a[i++]! : b[j++]!);
  return out;
});

/** The ids each request acts on, as the OID's parameters define them: what a driver may log only on the completion. */
const OPERANDS: Record<string, Array<keyof EventIds>> = {
  OID_NIC_SWITCH_ALLOCATE_VF: ['vf'],
  OID_NIC_SWITCH_CREATE_VPORT: ['vport'],
  OID_RECEIVE_FILTER_SET_FILTER: ['filter', 'vport'],
  OID_RECEIVE_FILTER_MOVE_FILTER: ['filter', 'to'],
  OID_NIC_SWITCH_DELETE_VPORT: ['vport'],
  OID_SRIOV_RESET_VF: ['vf'],
  OID_NIC_SWITCH_FREE_VF: ['vf'],
};

const KEYS: Array<keyof EventIds> = ['vf', 'vport', 'switch', 'filter', 'from', 'to'];

function idText(ids: EventIds, drop: ReadonlySet<string> = new Set()): string {
  return KEYS.filter((k) => ids[k] !== undefined && !drop.has(k))
    .map((k) => ` ${k}=${ids[k]}`)
    .join('');
}

/** The trace: the switch first, then each request and its completion. `operandsOnCompletionOnly` strips them from the requests. */
function text(ops: Op[], operandsOnCompletionOnly: boolean): string {
  const lines = ['NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0', 'PF -> NDIS COMPLETE OID_NIC_SWITCH_CREATE_SWITCH NDIS_STATUS_SUCCESS switch=0'];
  for (const op of ops) {
    const operands = new Set<string>(operandsOnCompletionOnly ? OPERANDS[op.oid] : []);
    lines.push(`VSTACK -> PF ${op.verb} ${op.oid}${idText(op.ids, operands)}`);
    lines.push(`PF -> VSTACK COMPLETE ${op.oid} ${op.ok ? 'NDIS_STATUS_SUCCESS' : 'NDIS_STATUS_FAILURE'}${idText(op.ids)}`);
  }
  return lines.join('\n') + '\n';
}

const lint = (t: string) => analyze(t, { fileName: 'generated.oidtrace' });

function findings(r: AnalysisResult): string[] {
  return r.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule} ${d.message} | ${d.related.map((x) => x.line).join(',')}`);
}

function checklists(r: AnalysisResult): string[] {
  return r.episodes.map((e) => `${e.title}: ${e.steps.map((s) => `${s.id}=${s.state}${s.status ? `(${s.status})` : ''}`).join(' ')}`);
}

describe('the model over generated lifecycles', () => {
  it('ids only on the completion give what ids on both give', () => {
    fc.assert(
      fc.property(lifecycle, (ops) => {
        const both = lint(text(ops, false));
        const completionOnly = lint(text(ops, true));
        expect(completionOnly.internalErrors).toEqual([]);
        expect(findings(completionOnly)).toEqual(findings(both));
        expect(checklists(completionOnly)).toEqual(checklists(both));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('the generated traces do exercise the rules (the property is not vacuous)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(lifecycle, (ops) => {
        for (const d of lint(text(ops, true)).diagnostics) seen.add(d.rule);
      }),
      { seed: SEED, numRuns: 300 },
    );
    for (const rule of ['filters-not-moved', 'vports-still-attached', 'vf-not-allocated', 'teardown-order', 'teardown-missing-step', 'setup-order', 'oid-failed']) {
      expect(seen).toContain(rule);
    }
  });

  const ORDER_RULES = new Set(['teardown-order', 'teardown-missing-step', 'setup-order']);
  /** Order findings by rule and the text of the line they are on (a failed attempt adds lines). */
  function orderFindings(t: string, r: AnalysisResult): string[] {
    const lines = t.split('\n');
    return [...new Set(r.diagnostics.filter((d) => ORDER_RULES.has(d.rule)).map((d) => `${d.rule} @ ${lines[d.span.line - 1]}`))].sort();
  }

  it('a failed step followed by the same step succeeding is the successful step alone', () => {
    fc.assert(
      fc.property(
        lifecycle.map((ops) => ops.map((o) => ({ ...o, ok: true }))),
        fc.nat(),
        (ops, at) => {
          const k = at % ops.length;
          const retried = [...ops.slice(0, k), { ...ops[k]!, ok: false }, ...ops.slice(k)];
          const alone = text(ops, false);
          const withRetry = text(retried, false);
          const a = lint(alone);
          const b = lint(withRetry);
          expect(orderFindings(withRetry, b)).toEqual(orderFindings(alone, a));
          expect(checklists(b)).toEqual(checklists(a));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
