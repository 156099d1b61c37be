/**
 * The queue of a kind of request still outstanding: a completion pairs with the
 * oldest compatible request among the oldest MAX_SEARCHED. Its index of id values
 * (built once a queue grows past INDEX_FROM, dropped when it empties) only ever
 * rules a search out; these tests hold the queue to a plain array searched in full.
 */
import { describe, expect, it } from 'vitest';
import { compatibleIds, INDEX_FROM, MAX_SEARCHED, PendingQueue } from '../../src/engine/model/pending';
import type { EventIds, TraceEvent } from '../../src/engine';

interface Req {
  event: TraceEvent;
}

const req = (index: number, ids: EventIds): Req => ({ event: { index, ids } as TraceEvent });

function model(): { push(r: Req): void; find(ids: EventIds): number; removeAt(i: number): Req; length(): number } {
  const all: Req[] = [];
  return {
    push: (r) => all.push(r),
    find: (ids) => all.slice(0, MAX_SEARCHED).findIndex((r) => compatibleIds(r.event.ids, ids)),
    removeAt: (i) => all.splice(i, 1)[0]!,
    length: () => all.length,
  };
}

describe('PendingQueue', () => {
  it('pairs as a full search would, through growing past INDEX_FROM, past MAX_SEARCHED, and emptying again', () => {
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    // In even phases every request names its VF: the index can rule a search out.
    let phase = 0;
    const randomIds = (): EventIds => {
      const ids: EventIds = {};
      if (phase % 2 === 0 || next(4) > 0) ids.vf = String(next(phase % 2 === 0 ? 40 : 6));
      if (next(3) === 0) ids.vport = String(next(4));
      if (next(5) === 0) ids.filter = String(next(3));
      return ids;
    };
    const queue = new PendingQueue<Req>();
    const reference = model();
    let index = 0;
    const lengths = new Set<string>();
    for (; phase < 12; phase++) {
      // Grow to a size of this phase's (a few, past INDEX_FROM, past MAX_SEARCHED), then drain.
      const target = [3, INDEX_FROM + 5, MAX_SEARCHED + 40][Math.floor(phase / 2) % 3]!;
      while (reference.length() < target) {
        const r = req(index++, randomIds());
        queue.push(r);
        reference.push(r);
      }
      lengths.add(`${Math.floor(phase / 2) % 3}:${queue.length}`);
      while (reference.length() > 0) {
        const ids = randomIds();
        const at = queue.findCompatible(ids);
        expect(at).toBe(reference.find(ids));
        // Drain: the found one, or the oldest when none is compatible.
        const take = at >= 0 ? at : 0;
        expect(queue.removeAt(take).event.index).toBe(reference.removeAt(take).event.index);
        expect(queue.length).toBe(reference.length());
      }
    }
    expect([...lengths].sort()).toEqual(['0:3', `1:${INDEX_FROM + 5}`, `2:${MAX_SEARCHED + 40}`]);
  });

  it('pairs as a full search would while requests come and go around INDEX_FROM', () => {
    let seed = 5;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const randomIds = (): EventIds => {
      const ids: EventIds = {};
      if (next(5) > 0) ids.vf = String(next(3));
      if (next(2) === 0) ids.vport = String(next(12));
      return ids;
    };
    const queue = new PendingQueue<Req>();
    const reference = model();
    let index = 0;
    let checked = 0;
    for (let step = 0; step < 20_000; step++) {
      // A walk that keeps crossing INDEX_FROM: more pushes below 20 requests, more removals above.
      const grow = reference.length() === 0 || next(100) < (reference.length() < 20 ? 55 : 45);
      if (grow) {
        const r = req(index++, randomIds());
        queue.push(r);
        reference.push(r);
        continue;
      }
      const ids = randomIds();
      const at = queue.findCompatible(ids);
      expect(at).toBe(reference.find(ids));
      checked++;
      const take = at >= 0 ? at : next(reference.length());
      expect(queue.removeAt(take).event.index).toBe(reference.removeAt(take).event.index);
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('once past INDEX_FROM, a value no request carries (for a key every request carries) is ruled out without reading any request', () => {
    let reads = 0;
    const counted = (ids: EventIds): EventIds => new Proxy(ids, { get: (target, key) => (reads++, target[key as keyof EventIds]) });
    const queue = new PendingQueue<Req>();
    for (let i = 0; i <= INDEX_FROM; i++) queue.push(req(i, counted({ vf: String(i % 3) })));
    reads = 0;
    expect(queue.findCompatible({ vf: '7' })).toBe(-1);
    expect(reads).toBe(0);
    expect(queue.findCompatible({ vf: '2' })).toBe(2);
    expect(reads).toBeGreaterThan(0);
    // A short queue has no index: it searches.
    const short = new PendingQueue<Req>();
    for (let i = 0; i < INDEX_FROM; i++) short.push(req(i, counted({ vf: String(i % 3) })));
    reads = 0;
    expect(short.findCompatible({ vf: '7' })).toBe(-1);
    expect(reads).toBeGreaterThan(0);
  });
});
