/**
 * Lines from several CPUs can be printed slightly out of time order. Events are
 * ordered by their timestamps where lines carry them (ties keep line order),
 * else by line, within a bounded window: a clock that jumps back by more than
 * the window is taken as a new clock, and line order is kept across the jump.
 * Linear in the number of events, bounded memory.
 */
import type { RawEvent } from '../dialects/parsed-line';

export const REORDER_WINDOW_MS = 1000;
export const REORDER_MAX_EVENTS = 512;

interface Slot {
  event: RawEvent;
  t: number;
}

export class ReorderBuffer {
  /** Pending events in time order: the live ones are slots[head..]; in-order input only appends. */
  private readonly slots: Slot[] = [];
  private head = 0;
  private lastT = -Infinity;
  private emittedT = -Infinity;
  private newestT = -Infinity;

  constructor(private readonly emit: (event: RawEvent) => void) {}

  push(event: RawEvent): void {
    if (event.time !== undefined && event.time < this.newestT - REORDER_WINDOW_MS) {
      // The clock jumped back further than the window: a new clock. Nothing
      // crosses the jump: what came before it goes first, in its own order.
      this.flush();
      this.lastT = this.emittedT = this.newestT = -Infinity;
    }
    let t = event.time ?? this.lastT;
    // Further back than anything we can still reorder: keep line order.
    if (t < this.emittedT) t = this.emittedT;
    this.lastT = t;
    if (t > this.newestT) this.newestT = t;
    // Insert after every slot with t' <= t (stable: ties keep line order).
    let lo = this.head;
    let hi = this.slots.length;
    if (hi === lo || this.slots[hi - 1]!.t <= t) {
      lo = hi;
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.slots[mid]!.t <= t) lo = mid + 1;
        else hi = mid;
      }
    }
    if (lo === this.slots.length) this.slots.push({ event, t });
    else this.slots.splice(lo, 0, { event, t });
    while (this.slots.length - this.head > REORDER_MAX_EVENTS || (this.slots.length > this.head && this.slots[this.head]!.t < this.newestT - REORDER_WINDOW_MS)) {
      this.shift();
    }
  }

  flush(): void {
    while (this.slots.length > this.head) this.shift();
    this.slots.length = 0;
    this.head = 0;
  }

  private shift(): void {
    const slot = this.slots[this.head++]!;
    if (this.head >= 1024 && this.head * 2 >= this.slots.length) {
      this.slots.splice(0, this.head);
      this.head = 0;
    }
    if (slot.t > this.emittedT) this.emittedT = slot.t;
    this.emit(slot.event);
  }
}
