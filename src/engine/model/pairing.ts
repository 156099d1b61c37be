/**
 * Requests and their completions. A completion pairs with the oldest
 * outstanding request of its OID on its adapter whose ids agree with its own.
 *
 * This is the one place where information flows back in the trace: once paired,
 * each side learns the ids the other carries (ALLOCATE_VF returns the VF id on
 * its completion; a driver may log the filter it moved only there). The
 * request's effect then uses those ids (see `TraceModel`).
 */
import type { EventIds, TraceEvent } from '../types';
import { PendingQueue } from './pending';
import type { Undo } from './effects';

export interface PendingRequest {
  event: TraceEvent;
  /** Set once the request has taken effect: what a failed completion runs. */
  undo: Undo | undefined;
  /** Whether the request has taken effect (and been checked by the rules). */
  acted: boolean;
  /** No longer outstanding: answered by its final completion, or dropped (see MAX_OUTSTANDING). */
  closed: boolean;
}

export function pendingRequest(event: TraceEvent): PendingRequest {
  return { event, undo: undefined, acted: false, closed: false };
}

/** How many answered requests stay reachable by index when events are not kept. */
export const RECENT = 4096;

/**
 * Empty queues are kept for the next request of their adapter and OID (a driver
 * asks the same few OIDs again and again), up to this many; past it, and once
 * they are half of all queues, every empty one goes (a trace may name each of a
 * million adapters once).
 */
export const MAX_EMPTY_QUEUES = 4096;

/**
 * How many requests may be outstanding at once. A real trace has a few (NDIS
 * allows one pending OID per miniport), but a log that never completes what it
 * issues, or one cut from a hung host, can have any number: past this many the
 * oldest is dropped (no longer paired, not reported as never completed), and the
 * model counts what it dropped, which `oid-pending` reports once.
 */
export const MAX_OUTSTANDING = 1_000_000;

/** What the bound on outstanding requests dropped. */
export interface DroppedRequests {
  /** The bound. */
  limit: number;
  count: number;
  /** The first one dropped on an adapter whose trace prints completions (its absence is evidence there). */
  first?: TraceEvent;
  /** How many of them were on such adapters. */
  onAdaptersWithCompletions: number;
}

export class Pairing {
  /** Adapter -> OID -> its outstanding requests, oldest first. */
  private readonly queues = new Map<string, Map<string, PendingQueue<PendingRequest>>>();
  /** How many queues there are, and how many of them are empty. */
  private queueCount = 0;
  private emptyQueues = 0;
  /**
   * Every outstanding request in the order issued (so by index: found by a
   * binary search), and answered ones not yet swept out; the oldest go first
   * past the bound.
   */
  private order: PendingRequest[] = [];
  private orderHead = 0;
  private open = 0;
  readonly dropped: DroppedRequests;
  /** Without kept events, the last RECENT requests that completions answered stay reachable. */
  private readonly recent = new Map<number, TraceEvent>();
  /**
   * Their indexes in the order remembered, a ring: the oldest goes when a new one
   * comes. (Not the Map's own first key: finding it walks past every entry
   * deleted since the Map last rehashed, thousands of them.)
   */
  private readonly recentOrder: number[] = [];
  private recentNext = 0;

  constructor(
    private readonly events: TraceEvent[] | undefined,
    /** Whether an adapter's trace prints completions (for what a dropped request means). */
    private readonly printsCompletions: (adapter: string) => boolean,
    private readonly maxOutstanding = MAX_OUTSTANDING,
  ) {
    this.dropped = { limit: maxOutstanding, count: 0, onAdaptersWithCompletions: 0 };
  }

  /** How many requests are outstanding. */
  get outstandingCount(): number {
    return this.open;
  }

  eventAt(index: number): TraceEvent | undefined {
    return this.events ? this.events[index] : (this.openAt(index)?.event ?? this.recent.get(index));
  }

  /** The outstanding request with this index, if there is one. */
  private openAt(index: number): PendingRequest | undefined {
    let lo = this.orderHead;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.event.index < index) lo = mid + 1;
      else hi = mid;
    }
    const p = this.order[lo];
    return p && !p.closed && p.event.index === index ? p : undefined;
  }

  add(p: PendingRequest): void {
    const ev = p.event;
    let byOid = this.queues.get(ev.adapter);
    if (!byOid) this.queues.set(ev.adapter, (byOid = new Map<string, PendingQueue<PendingRequest>>()));
    let queue = byOid.get(ev.oid!);
    if (!queue) {
      byOid.set(ev.oid!, (queue = new PendingQueue()));
      this.queueCount++;
    } else if (queue.length === 0) this.emptyQueues--;
    queue.push(p);
    this.order.push(p);
    this.open++;
    if (this.open > this.maxOutstanding) this.dropOldest();
    else if (this.order.length - this.orderHead > 2 * this.open + 1024) this.sweep();
  }

  /** A line about a request already outstanding (a driver's "handled" line): part of it, not a new one. */
  isOutstanding(ev: TraceEvent): boolean {
    const queue = ev.oid === undefined ? undefined : this.queues.get(ev.adapter)?.get(ev.oid);
    return queue !== undefined && queue.findCompatible(ev.ids) >= 0;
  }

  /**
   * Pairs a completion with its request. Returns the request when the completion
   * is final (not NDIS_STATUS_PENDING, after which a later completion finishes
   * it); the request then leaves the outstanding ones.
   */
  pair(ev: TraceEvent): PendingRequest | undefined {
    const queue = ev.oid === undefined ? undefined : this.queues.get(ev.adapter)?.get(ev.oid);
    if (!queue) return undefined;
    const at = queue.findCompatible(ev.ids);
    if (at < 0) return undefined;
    const p = queue.at(at);
    const request = p.event;
    ev.pair = request.index;
    if (ev.status?.pending) return undefined;
    this.close(queue, at);
    request.pair = ev.index;
    this.remember(request);
    shareIds(request.ids, ev.ids);
    return p;
  }

  /** Takes a request out of the outstanding ones: its queue's entry `at`. */
  private close(queue: PendingQueue<PendingRequest>, at: number): void {
    const p = queue.removeAt(at);
    p.closed = true;
    this.open--;
    if (queue.length === 0 && ++this.emptyQueues > MAX_EMPTY_QUEUES && this.emptyQueues * 2 > this.queueCount) this.dropEmptyQueues();
  }

  /** Every empty queue goes (at least half of them all: amortised, a constant per request). */
  private dropEmptyQueues(): void {
    for (const [adapter, byOid] of this.queues) {
      for (const [oid, queue] of byOid) if (queue.length === 0) byOid.delete(oid);
      if (byOid.size === 0) this.queues.delete(adapter);
    }
    this.queueCount -= this.emptyQueues;
    this.emptyQueues = 0;
  }

  /** Past the bound: the oldest outstanding request is no longer followed. */
  private dropOldest(): void {
    let p = this.order[this.orderHead++]!;
    while (p.closed) p = this.order[this.orderHead++]!;
    const request = p.event;
    // The oldest outstanding request is the oldest of its queue.
    const queue = this.queues.get(request.adapter)!.get(request.oid!)!;
    this.close(queue, 0);
    this.dropped.count++;
    if (request.method !== 'handled' && this.printsCompletions(request.adapter)) {
      this.dropped.onAdaptersWithCompletions++;
      this.dropped.first ??= request;
    }
    if (this.orderHead >= 1024 && this.orderHead * 2 >= this.order.length) {
      this.order = this.order.slice(this.orderHead);
      this.orderHead = 0;
    }
  }

  /** Answered requests leave the issue order from time to time, so that it grows with the outstanding ones only. */
  private sweep(): void {
    const kept: PendingRequest[] = [];
    for (let i = this.orderHead; i < this.order.length; i++) if (!this.order[i]!.closed) kept.push(this.order[i]!);
    this.order = kept;
    this.orderHead = 0;
  }

  /** Requests still outstanding, in trace order. */
  outstanding(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (const byOid of this.queues.values()) for (const q of byOid.values()) for (const p of q) out.push(p.event);
    return out.sort((x, y) => x.index - y.index);
  }

  private remember(ev: TraceEvent): void {
    if (this.events) return;
    if (this.recentOrder.length < RECENT) {
      this.recentOrder.push(ev.index);
    } else {
      this.recent.delete(this.recentOrder[this.recentNext]!);
      this.recentOrder[this.recentNext] = ev.index;
      this.recentNext = (this.recentNext + 1) % RECENT;
    }
    this.recent.set(ev.index, ev);
  }
}

/** Each side of a pair learns the ids the other carries (they agree where both carry one). */
function shareIds(request: EventIds, completion: EventIds): void {
  for (const key of Object.keys(request) as Array<keyof EventIds>) {
    if (completion[key] === undefined) completion[key] = request[key];
  }
  for (const key of Object.keys(completion) as Array<keyof EventIds>) {
    if (request[key] === undefined) request[key] = completion[key];
  }
}
