/**
 * The sequence model: the one place where the trace's state changes. Events go
 * through in trace order, each in three steps the analyzer drives:
 *
 * 1. `prepare`: pair a completion with its request (`pairing.ts`), classify the
 *    documented step (`steps.ts`), place the event in its episode (`episodes.ts`).
 * 2. `actions` / `act`: the requests that take effect now, each checked by the
 *    rules against the state before it, then applied (`effects.ts`).
 * 3. `apply`: what the event itself changes (a failed completion undoes its
 *    request's effect; a guest's data path moves).
 *
 * When a request takes effect: at the request, when it carries the ids its OID
 * acts on (the catalog's `operands`); otherwise at its completion, which may
 * name them (ALLOCATE_VF returns the VF id). On an adapter whose trace prints no
 * completions, such a request takes effect with the ids it has as soon as the
 * trace moves on. A failed completion undoes the effect, or prevents it.
 *
 * Rules read the model through `ModelView`: lookups that never create state.
 */
import type { RawEvent } from '../dialects/parsed-line';
import type { EventIds, TraceEvent } from '../types';
import { applyEffect, hasOperands, noteVPortUse, preventEffect } from './effects';
import type { EpisodeRecord } from './episode-record';
import { Episodes, type EpisodeOptions } from './episodes';
import { Pairing, pendingRequest, type DroppedRequests, type PendingRequest } from './pairing';
import { classifyStep, failedSwitch, isPfHalt } from './steps';
import { filtersOn, placeOf, TraceState, vfOf, vportsOfVf, type AdapterState, type AdapterView, type FilterState, type VfState, type VPortState } from './state';
import { guestStep } from '../dialects/linux-guest';
import { applyGuestStep } from './guest-vf';
import { append, none } from './lists';

export type { EpisodeRecord } from './episode-record';
export { MAX_USES_BEFORE_SWITCH, placeOf, type Place } from './state';
export { MAX_OUTSTANDING, RECENT, type DroppedRequests } from './pairing';

export type ModelOptions = EpisodeOptions & {
  /** How many requests may be outstanding at once (MAX_OUTSTANDING unless a test says otherwise). */
  maxOutstanding?: number;
};

/** The model as rules see it: read only; a lookup never creates state. */
export interface ModelView {
  adapter(name: string): AdapterView | undefined;
  /** The VF an event is about: named, or through its VPort or filter. */
  vfOf(adapter: string, ids: EventIds): string | undefined;
  /** The live non-default VPorts attached to a VF. */
  vportsOfVf(adapter: string, vf: string): ReadonlyArray<Readonly<VPortState>>;
  filtersOn(adapter: string, vport: string): ReadonlyArray<Readonly<FilterState>>;
  /** How many filters requests moved off a VPort without naming which. */
  unnamedMovesOff(adapter: string, vport: string): number;
  eventAt(index: number): TraceEvent | undefined;
  /** Requests still outstanding, in trace order. */
  outstanding(): TraceEvent[];
  /** Outstanding requests the model stopped following, the oldest first, when too many were outstanding at once. */
  droppedRequests(): Readonly<DroppedRequests>;
  /** A Linux guest's VFs whose slot was added and whose VF has not registered since, in the order the slots were added. */
  vfsAwaitingRegistration(): ReadonlyArray<Readonly<VfState>>;
}

/** A request taking effect with the event being processed. */
interface Action {
  pending: PendingRequest;
  /** Its completion failed: it is checked, but makes nothing. */
  failed: boolean;
}

export class TraceModel implements ModelView {
  private readonly state = new TraceState();
  private readonly pairing: Pairing;
  private readonly book: Episodes;
  readonly events: TraceEvent[] = [];
  private count = 0;
  /** The requests taking effect with the event being processed, in trace order (with most events: none). */
  private acting: Action[] = none();
  /** The request a final completion answered, when it took effect before. */
  private answered: PendingRequest | undefined;
  /** The event is a second line about a request already outstanding. */
  private duplicate = false;
  /** Per adapter that has shown no completion: requests waiting for ids that no completion will bring. */
  private readonly waiting = new Map<string, PendingRequest[]>();

  constructor(private readonly options: ModelOptions) {
    this.pairing = new Pairing(options.keepEvents ? this.events : undefined, (name) => this.state.find(name)?.hasCompletions === true, options.maxOutstanding);
    this.book = new Episodes(this.state, options, (i) => this.pairing.eventAt(i));
  }

  get eventCount(): number {
    return this.count;
  }

  get episodeCount(): number {
    return this.book.count;
  }

  /** Every episode, when episodes are kept. */
  get episodes(): readonly EpisodeRecord[] {
    return this.book.all;
  }

  get adapterNames(): Iterable<string> {
    return this.state.adapters.keys();
  }

  // ModelView

  adapter(name: string): AdapterView | undefined {
    return this.state.find(name);
  }

  vfOf(adapter: string, ids: EventIds): string | undefined {
    return vfOf(this.state.find(adapter), ids);
  }

  vportsOfVf(adapter: string, vf: string): VPortState[] {
    return vportsOfVf(this.state.find(adapter), vf);
  }

  filtersOn(adapter: string, vport: string): FilterState[] {
    return filtersOn(this.state.find(adapter), vport);
  }

  unnamedMovesOff(adapter: string, vport: string): number {
    return this.state.find(adapter)?.unnamedMovesOff.get(vport) ?? 0;
  }

  eventAt(index: number): TraceEvent | undefined {
    return this.pairing.eventAt(index);
  }

  outstanding(): TraceEvent[] {
    return this.pairing.outstanding();
  }

  droppedRequests(): Readonly<DroppedRequests> {
    return this.pairing.dropped;
  }

  vfsAwaitingRegistration(): VfState[] {
    return [...this.state.awaitingVf];
  }

  // The three steps

  /** Step 1: pair, link, classify and place the event. */
  prepare(raw: RawEvent): TraceEvent {
    const ev = raw as TraceEvent;
    ev.index = this.count++;
    if (this.options.keepEvents) this.events.push(ev);
    const adapter = this.state.adapter(ev.adapter);
    // The adapter's own string: the event's is a copy of it per line.
    ev.adapter = adapter.name;
    this.acting = none();
    this.answered = undefined;
    this.duplicate = false;

    if (ev.kind === 'completion') {
      if (!adapter.hasCompletions) {
        adapter.hasCompletions = true;
        // From now on a request waits for its own completion.
        this.waiting.delete(adapter.name);
      }
      const answered = this.pairing.pair(ev);
      if (answered?.acted) this.answered = answered;
      else if (answered) this.startActing(answered, ev.status !== undefined && !ev.status.ok);
    } else {
      // The trace moved on without a completion: what waited takes effect with the ids it has.
      this.settle(adapter);
      if (ev.kind === 'request') this.enqueue(adapter, ev);
    }

    this.placeActing(ev);

    if (ev.kind === 'completion') {
      // What a completion names is its request's: the links it shows are made at the request's line.
      const request = ev.pair !== undefined ? this.pairing.eventAt(ev.pair) : undefined;
      this.link(adapter, request ?? ev);
      ev.step = request?.step;
    } else {
      this.link(adapter, ev);
      ev.step = this.classify(adapter, ev);
    }
    // A request whose VF only its completion can tell is placed then.
    if (!(ev.kind === 'request' && this.isWaitingUnplaced(adapter, ev))) this.book.place(adapter, ev);
    return ev;
  }

  /** Step 2: the requests that take effect now, oldest first; each is checked by the rules, then `act`ed. */
  actions(): TraceEvent[] {
    return this.acting.length === 0 ? none() : this.acting.map((a) => a.pending.event);
  }

  /** The effect of one of `actions()`. */
  act(request: TraceEvent): void {
    const a = this.actionOf(request);
    if (!a || a.pending.acted) return;
    a.pending.acted = true;
    const adapter = this.state.adapter(request.adapter);
    noteVPortUse(this.state, adapter, request);
    if (a.failed) preventEffect(this.state, adapter, request);
    else a.pending.undo = applyEffect(this.state, adapter, request);
  }

  /** Step 3: the event's own effect on the state. */
  apply(ev: TraceEvent): void {
    const adapter = this.state.adapter(ev.adapter);
    if (ev.kind === 'lifecycle') return this.applyLifecycle(adapter, ev);
    if (ev.kind === 'completion' && this.answered && ev.status && !ev.status.ok) this.answered.undo?.();
  }

  /**
   * The end of the trace: requests still waiting on adapters without completions
   * take effect (each is checked and `act`ed like `actions()`), then every open
   * episode closes.
   */
  settleAll(): TraceEvent[] {
    this.acting = none();
    for (const name of [...this.waiting.keys()]) {
      const adapter = this.state.adapter(name);
      this.settle(adapter);
      this.placeActing(undefined);
    }
    return this.actions();
  }

  finish(): void {
    this.book.finish();
  }

  /** The episodes so far, for a snapshot. */
  episodesSoFar() {
    return this.book.soFar();
  }

  private enqueue(adapter: AdapterState, ev: TraceEvent): void {
    if (ev.oid === undefined) return;
    if (ev.method === 'handled' && this.pairing.isOutstanding(ev)) {
      // A second line about a request already seen: part of it, not a new request.
      ev.pair = undefined;
      this.duplicate = true;
      return;
    }
    const pending = pendingRequest(ev);
    this.pairing.add(pending);
    if (hasOperands(ev)) this.startActing(pending, false);
    else if (!adapter.hasCompletions) {
      const list = this.waiting.get(adapter.name);
      if (list) list.push(pending);
      else this.waiting.set(adapter.name, [pending]);
    }
  }

  private settle(adapter: AdapterState): void {
    const list = this.waiting.get(adapter.name);
    if (!list) return;
    this.waiting.delete(adapter.name);
    for (const pending of list) {
      if (pending.acted || pending.event.pair !== undefined) continue;
      this.startActing(pending, false);
    }
  }

  private actionOf(request: TraceEvent): Action | undefined {
    for (const a of this.acting) if (a.pending.event === request) return a;
    return undefined;
  }

  private startActing(pending: PendingRequest, failed: boolean): void {
    this.acting = append(this.acting, { pending, failed });
  }

  /**
   * A request that takes effect later and names no VF yet: its completion may
   * name it (ALLOCATE_VF returns the VF id), so it is placed when it takes effect.
   */
  private isWaitingUnplaced(adapter: AdapterState, ev: TraceEvent): boolean {
    if (this.duplicate || hasOperands(ev) || this.actionOf(ev) !== undefined) return false;
    return vfOf(adapter, ev.ids) === undefined;
  }

  /** Requests taking effect now that were not placed yet: placed with the ids they have now (before `current`). */
  private placeActing(current: TraceEvent | undefined): void {
    for (const { pending } of this.acting) {
      const req = pending.event;
      if (req === current || req.episode !== undefined) continue;
      const a = this.state.adapter(req.adapter);
      this.link(a, req);
      req.step = this.classify(a, req);
      this.book.place(a, req);
    }
  }

  private classify(adapter: AdapterState, ev: TraceEvent): string | undefined {
    const vfId = vfOf(adapter, ev.ids);
    return classifyStep(ev, vfId !== undefined, this.book.openSequenceOf(vfId === undefined ? undefined : adapter.vfs.get(vfId)));
  }

  /** VPort-to-VF links come from CREATE_VPORT or from any event with both ids. */
  private link(adapter: AdapterState, ev: TraceEvent): void {
    const { vf, vport } = ev.ids;
    if (vf === undefined) return;
    this.attach(adapter, ev, vport, vf);
    if (ev.oid === 'OID_RECEIVE_FILTER_MOVE_FILTER') {
      this.attach(adapter, ev, ev.ids.from, vf);
      this.attach(adapter, ev, ev.ids.to, vf);
    }
  }

  /** A VPort the event names, linked to the VF it names, unless the VPort is linked already. */
  private attach(adapter: AdapterState, ev: TraceEvent, id: string | undefined, vf: string): void {
    if (id === undefined || id === '0') return;
    const p = this.state.vport(adapter, id);
    if (p.vf === undefined) {
      this.state.attachVPort(adapter, p, vf);
      p.seenBy ??= placeOf(ev);
    }
  }

  private applyLifecycle(adapter: AdapterState, ev: TraceEvent): void {
    if (isPfHalt(ev)) {
      adapter.pfHalt = ev;
      return;
    }
    const vfId = vfOf(adapter, ev.ids);
    const v = vfId === undefined ? undefined : this.state.vf(adapter, vfId);
    const guest = guestStep(ev);
    if (guest !== undefined) applyGuestStep(this.state, adapter, v, guest, ev);
    if (!v) return;
    // A Linux guest says where its data path is ("Data path switched"): unregistering
    // the VF does not move it, and a slot removed leaves only the synthetic path. A
    // failed switch leaves it where it was, which the attempt tells: NetVSC only
    // switches from the path it is on.
    const path = failedSwitch(ev)
      ? ev.attrs.path === 'vf'
        ? 'synthetic'
        : ev.attrs.path === 'synthetic'
          ? 'vf'
          : undefined
      : ev.verb === 'DATAPATH'
        ? ev.attrs.path === 'vf'
          ? 'vf'
          : ev.attrs.path === 'synthetic'
            ? 'synthetic'
            : undefined
        : guest === 'slot-removed'
          ? 'synthetic'
          : guest !== undefined
            ? undefined
            : ev.verb === 'BIND'
              ? 'vf'
              : ev.verb === 'UNBIND' || ev.verb === 'HALT' || ev.verb === 'SURPRISE_REMOVE'
                ? 'synthetic'
                : undefined;
    if (path) {
      v.guestPath = path;
      v.guestPathBy = ev;
    }
  }
}
