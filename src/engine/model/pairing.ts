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
  undo?: Undo;
  /** Whether the request has taken effect (and been checked by the rules). */
  acted: boolean;
}

/** How many answered requests stay reachable by index when events are not kept. */
export const RECENT = 4096;

export class Pairing {
  /** Adapter -> OID -> its outstanding requests, oldest first. */
  private readonly queues = new Map<string, Map<string, PendingQueue<PendingRequest>>>();
  private readonly byIndex = new Map<number, PendingRequest>();
  /** Without kept events, the last RECENT requests that completions answered stay reachable. */
  private readonly recent = new Map<number, TraceEvent>();
  /**
   * Their indexes in the order remembered, a ring: the oldest goes when a new one
   * comes. (Not the Map's own first key: finding it walks past every entry
   * deleted since the Map last rehashed, thousands of them.)
   */
  private readonly recentOrder: number[] = [];
  private recentNext = 0;

  constructor(private readonly events: TraceEvent[] | undefined) {}

  eventAt(index: number): TraceEvent | undefined {
    return this.events ? this.events[index] : this.byIndex.get(index)?.event ?? this.recent.get(index);
  }

  pendingAt(index: number): PendingRequest | undefined {
    return this.byIndex.get(index);
  }

  add(p: PendingRequest): void {
    const ev = p.event;
    let byOid = this.queues.get(ev.adapter);
    if (!byOid) this.queues.set(ev.adapter, (byOid = new Map<string, PendingQueue<PendingRequest>>()));
    let queue = byOid.get(ev.oid!);
    if (!queue) byOid.set(ev.oid!, (queue = new PendingQueue()));
    queue.push(p);
    this.byIndex.set(ev.index, p);
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
    queue.removeAt(at);
    this.byIndex.delete(request.index);
    request.pair = ev.index;
    this.remember(request);
    shareIds(request.ids, ev.ids);
    return p;
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
