/**
 * The outstanding requests of one OID on one adapter, oldest first. A completion
 * pairs with the oldest compatible one (ids equal where both carry them).
 *
 * NDIS allows one pending OID per miniport, so a real trace holds a few; but a
 * log that never prints completions keeps every request it names outstanding,
 * and searching them all for each new line is quadratic. Two things keep it
 * linear: an index of the id values the queue holds (a value no request
 * carries, for a key every request carries, rules the search out at once), and
 * a bound: only the oldest MAX_SEARCHED requests are searched (a completion
 * whose request has more than that many older ones still outstanding stays
 * unpaired). Those are kept in a small array; the rest wait in a queue.
 *
 * The index only pays once a queue is long: it is built when a queue grows past
 * INDEX_FROM requests and dropped when the queue empties. A short queue is
 * searched directly (the index only ever rules a search out, never in, so the
 * answer is the same either way).
 */
import type { EventIds, TraceEvent } from '../types';
import { none } from './lists';

export const MAX_SEARCHED = 256;
/** A queue that grows past this keeps an index of its id values until it empties. */
export const INDEX_FROM = 16;

const KEYS = ['vf', 'vport', 'switch', 'filter', 'from', 'to'] as const;

export function compatibleIds(a: EventIds, b: EventIds): boolean {
  for (const key of KEYS) {
    const x = a[key];
    const y = b[key];
    if (x !== undefined && y !== undefined && x !== y) return false;
  }
  return true;
}

/** A queue made for each request of a trace that answers its requests: what it starts with is shared, never written. */
const NO_ENTRIES = none<never>();

export class PendingQueue<P extends { event: TraceEvent }> {
  /** The oldest requests, the ones searched. */
  private readonly front: P[] = [];
  /** The newer ones, in order from backHead (none most of the time: the shared empty array until then). */
  private back: P[] = NO_ENTRIES;
  private backHead = 0;
  /** Per id key: how many requests carry each value, and how many carry none (while indexed). */
  private values: Array<Map<string, number>> = NO_ENTRIES;
  private without: number[] = NO_ENTRIES;
  private indexed = false;

  get length(): number {
    return this.front.length + this.back.length - this.backHead;
  }

  *[Symbol.iterator](): Iterator<P> {
    yield* this.front;
    for (let i = this.backHead; i < this.back.length; i++) yield this.back[i]!;
  }

  /** Adds the newest request. */
  push(p: P): void {
    if (this.front.length < MAX_SEARCHED && this.backHead === this.back.length) this.front.push(p);
    else {
      if (this.back === NO_ENTRIES) this.back = [];
      this.back.push(p);
    }
    if (this.indexed) this.count(p, 1);
    else if (this.length > INDEX_FROM) {
      this.indexed = true;
      this.values = KEYS.map(() => new Map<string, number>());
      this.without = KEYS.map(() => 0);
      for (const q of this) this.count(q, 1);
    }
  }

  /** Index of the oldest compatible request among the oldest MAX_SEARCHED, or -1. */
  findCompatible(ids: EventIds): number {
    if (this.front.length === 0 || (this.indexed && this.ruledOut(ids))) return -1;
    for (let i = 0; i < this.front.length; i++) if (compatibleIds(this.front[i]!.event.ids, ids)) return i;
    return -1;
  }

  /** The request at an index findCompatible returned. */
  at(index: number): P {
    return this.front[index]!;
  }

  removeAt(index: number): P {
    const [p] = this.front.splice(index, 1);
    if (this.indexed) this.count(p!, -1);
    if (this.backHead < this.back.length) {
      this.front.push(this.back[this.backHead++]!);
      if (this.backHead === this.back.length) {
        this.back = NO_ENTRIES;
        this.backHead = 0;
      } else if (this.backHead >= 1024 && this.backHead * 2 >= this.back.length) {
        this.back = this.back.slice(this.backHead);
        this.backHead = 0;
      }
    }
    // Empty: every count is back to 0 (and its entry gone); a short queue searches directly again.
    if (this.indexed && this.length === 0) {
      this.indexed = false;
      this.values = NO_ENTRIES;
      this.without = NO_ENTRIES;
    }
    return p!;
  }

  /** True when some key of `ids` has a value no request carries, and every request carries that key. */
  private ruledOut(ids: EventIds): boolean {
    for (let k = 0; k < KEYS.length; k++) {
      const v = ids[KEYS[k]!];
      if (v !== undefined && this.without[k] === 0 && !this.values[k]!.has(v)) return true;
    }
    return false;
  }

  private count(p: P, delta: 1 | -1): void {
    const ids = p.event.ids;
    for (let k = 0; k < KEYS.length; k++) {
      const v = ids[KEYS[k]!];
      if (v === undefined) {
        this.without[k] = this.without[k]! + delta;
        continue;
      }
      const map = this.values[k]!;
      const n = (map.get(v) ?? 0) + delta;
      if (n === 0) map.delete(v);
      else map.set(v, n);
    }
  }
}
