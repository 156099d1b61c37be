/**
 * The teardown order rules against the documented order T1 < T2 < T3 < T4:
 * - any permutation of the clean VF teardown that keeps T1 < T2 < T3 < T4 (and
 *   each completion after its request) gives no order diagnostic;
 * - any single adjacent swap of two teardown steps of one VF (T1/T2, T2/T3,
 *   T3/T4) gives exactly one teardown-order diagnostic, at the premature
 *   request's OID, pointing at the step it should follow.
 * Whatever the VF, VPort and filter ids, the line ends, timestamps or none,
 * comments and a second VF's clean teardown interleaved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, formatTime, type AnalysisResult } from '../../src/engine';
import { sample } from '../engine/helpers';
import { SEED } from './arbitraries';

/** The clean teardown's event lines, without their timestamps. */
const CLEAN = sample('teardown-clean.oidtrace')
  .split('\n')
  .filter((l) => /^\d/.test(l))
  .map((l) => l.replace(/^\S+\s+/, ''));
const LIFECYCLE = CLEAN.filter((l) => !/ (SET|COMPLETE) /.test(l));
const REQUESTS = CLEAN.filter((l) => / SET /.test(l));
const COMPLETIONS = CLEAN.filter((l) => / COMPLETE /.test(l));

it('the clean teardown sample has five guest events and four steps, each completed', () => {
  expect([LIFECYCLE.length, REQUESTS.length, COMPLETIONS.length]).toEqual([5, 4, 4]);
  expect(REQUESTS.map((l) => /OID_\w+/.exec(l)![0])).toEqual([
    'OID_RECEIVE_FILTER_MOVE_FILTER',
    'OID_NIC_SWITCH_DELETE_VPORT',
    'OID_SRIOV_RESET_VF',
    'OID_NIC_SWITCH_FREE_VF',
  ]);
});

interface Ids {
  vf: bigint;
  vport: number;
  filter: number;
}

/** The sample's VF 2 / VPort 3 / filter 7, renamed. */
function withIds(line: string, ids: Ids): string {
  return line
    .replace(/\bvf=2\b/, `vf=${ids.vf}`)
    .replace(/\bvport=3\b/, `vport=${ids.vport}`)
    .replace(/\bfrom=3\b/, `from=${ids.vport}`)
    .replace(/\bfilter=7\b/, `filter=${ids.filter}`);
}

/** Two VFs with nothing in common, ids beyond 2^53 included. */
const twoVfs = fc
  .tuple(fc.oneof(fc.bigInt({ min: 0n, max: 63n }), fc.constantFrom(2n ** 53n + 1n, 2n ** 64n)), fc.integer({ min: 1, max: 200 }), fc.nat({ max: 1000 }))
  .map(([vf, vport, filter]): [Ids, Ids] => [
    { vf, vport, filter },
    { vf: vf + 1n, vport: vport + 1000, filter: filter + 2000 },
  ]);

interface Layout {
  eol: '\n' | '\r\n';
  timestamps: boolean;
  comments: number[];
  other: boolean;
  mergeSeed: boolean[];
}

const layout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  timestamps: fc.boolean(),
  comments: fc.array(fc.nat(), { maxLength: 4 }),
  other: fc.boolean(),
  mergeSeed: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
});

interface Line {
  text: string;
  /** A key to find the line again after the layout. */
  tag?: string;
}

/** Merges a second VF's lines (order kept), adds comments, timestamps, the line end. */
function lay(main: Line[], other: Line[], l: Layout): { text: string; lineOf: (tag: string) => number; lines: string[] } {
  let out: Line[] = [];
  if (l.other) {
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < main.length || j < other.length) {
      const takeMain = j >= other.length || (i < main.length && l.mergeSeed[k++ % l.mergeSeed.length]);
      out.push(takeMain ? main[i++]! : other[j++]!);
    }
  } else {
    out = [...main];
  }
  for (const c of l.comments) out.splice(c % (out.length + 1), 0, c % 2 ? { text: '# a comment -- OID_SRIOV_RESET_VF vf=2' } : { text: '' });
  const header = ['# generated', '@adapter pf0 "Contoso X9 100GbE"'];
  const lines = [...header, ...out.map((x, n) => (l.timestamps && x.text !== '' && !x.text.startsWith('#') ? `${formatTime(36_000_000 + n * 0.25)} ${x.text}` : x.text))];
  return {
    text: lines.join(l.eol) + l.eol,
    lines,
    lineOf: (tag) => header.length + 1 + out.findIndex((x) => x.tag === tag),
  };
}

const orderRules = (r: AnalysisResult) => r.diagnostics.filter((d) => d.rule === 'teardown-order' || d.rule === 'teardown-missing-step');

/** The other VF's clean teardown, in the documented order. */
const cleanLines = (ids: Ids): Line[] => CLEAN.map((text) => ({ text: withIds(text, ids) }));

describe('a permutation of the clean teardown that keeps T1 < T2 < T3 < T4', () => {
  /**
   * Built by insertion: the four requests in order; each completion inserted
   * anywhere after its request; each guest event anywhere.
   */
  const permutation = fc.record({
    completionAt: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    lifecycleAt: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  });

  it('gives no teardown-order and no teardown-missing-step', () => {
    fc.assert(
      fc.property(permutation, twoVfs, layout, ({ completionAt, lifecycleAt }, [a, b], l) => {
        const seq: Line[] = REQUESTS.map((text, k) => ({ text: withIds(text, a), tag: `T${k + 1}` }));
        COMPLETIONS.forEach((text, k) => {
          const after = seq.findIndex((x) => x.tag === `T${k + 1}`);
          const at = after + 1 + (completionAt[k]! % (seq.length - after));
          seq.splice(at, 0, { text: withIds(text, a) });
        });
        LIFECYCLE.forEach((text, k) => seq.splice(lifecycleAt[k]! % (seq.length + 1), 0, { text: withIds(text, a) }));
        const { text } = lay(seq, cleanLines(b), l);
        const r = analyze(text, { fileName: 'perm.oidtrace' });
        expect(r.internalErrors).toEqual([]);
        expect(r.diagnostics.filter((d) => d.rule === 'syntax')).toEqual([]);
        expect(orderRules(r)).toEqual([]);
        // Every request is paired with its completion: none pending, none failed.
        expect(r.diagnostics.filter((d) => d.rule === 'oid-pending' || d.rule === 'oid-failed')).toEqual([]);
        const teardown = r.episodes.find((e) => e.kind === 'vf-teardown' && e.vf === String(a.vf))!;
        expect(teardown.steps.filter((s) => s.id.startsWith('T')).map((s) => `${s.id} ${s.state}`)).toEqual(['T1 in-order', 'T2 in-order', 'T3 in-order', 'T4 in-order']);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

describe('one adjacent swap of two teardown steps of one VF', () => {
  const swap = fc.record({
    k: fc.integer({ min: 0, max: 2 }),
    completions: fc.boolean(),
    guest: fc.subarray([0, 1, 2, 3, 4]),
  });

  it('gives exactly one teardown-order, at the premature request, related to the step it should follow', () => {
    fc.assert(
      fc.property(swap, twoVfs, layout, ({ k, completions, guest }, [a, b], l) => {
        const blocks: Line[][] = REQUESTS.map((text, n) => [
          { text: withIds(text, a), tag: `T${n + 1}` },
          ...(completions ? [{ text: withIds(COMPLETIONS[n]!, a) }] : []),
        ]);
        [blocks[k], blocks[k + 1]] = [blocks[k + 1]!, blocks[k]!];
        const seq = [...guest.map((g) => ({ text: withIds(LIFECYCLE[g]!, a) })), ...blocks.flat()];
        const { text, lineOf, lines } = lay(seq, cleanLines(b), l);
        const r = analyze(text, { fileName: 'swap.oidtrace' });
        expect(r.internalErrors).toEqual([]);
        const premature = lineOf(`T${k + 2}`);
        const follows = lineOf(`T${k + 1}`);
        const column = lines[premature - 1]!.indexOf('OID_') + 1;
        const got = orderRules(r).map((d) => ({ rule: d.rule, line: d.span.line, column: d.span.column, related: d.related.map((x) => x.line) }));
        expect(got).toEqual([{ rule: 'teardown-order', line: premature, column, related: [follows] }]);
        const d = orderRules(r)[0]!;
        expect(d.severity).toBe('error');
        expect(d.message).toContain(`T${k + 2} `);
        expect(d.message).toContain(`before T${k + 1} `);
        expect(d.message).toContain(`VF ${a.vf}`);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
