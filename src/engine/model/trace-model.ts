/**
 * The sequence model: what the trace has shown so far about each adapter's
 * switch, VFs, VPorts, filters, the guest's data path and outstanding requests.
 *
 * Events go through in trace order. `prepare` pairs a completion with its
 * request, classifies the documented step and places the event in an episode;
 * the rules then see the event against the state *before* it; `apply` makes
 * its effect. Only evidence in the trace counts: what happened before the trace
 * began is unknown (undefined), never assumed.
 */
import { SWITCH_LIFECYCLE, VF_SETUP, VF_TEARDOWN, type DocumentedSequence } from '../catalog/sequences';
import { guestStep } from '../dialects/linux-guest';
import type { RawEvent } from '../dialects/parsed-line';
import type { Episode, EpisodeKind, EpisodeStep, EventIds, TraceEvent } from '../types';
import { elapsedMs } from '../dialects/time';
import { checkOrder, type OrderFindings } from './order-check';
import { PendingQueue } from './pending';

export interface VfState {
  adapter: string;
  vf: string;
  /** true: allocated; false: freed or allocation failed; undefined: unknown. */
  allocated?: boolean;
  /** The event that made `allocated` what it is. */
  allocatedBy?: TraceEvent;
  guestPath?: 'vf' | 'synthetic';
  guestPathBy?: TraceEvent;
  episode?: EpisodeRecord;
}

/**
 * Where an event is written, for related locations. Long-lived state (every
 * VPort and filter a trace ever names) keeps this, not the event: memory per
 * remembered object stays a few dozen bytes.
 */
export interface Place {
  line: number;
  column: number;
  endColumn: number;
}

export function placeOf(ev: TraceEvent): Place {
  return { line: ev.line, column: ev.span.column, endColumn: ev.span.endColumn };
}

/** ALLOCATE_VF / CREATE_VPORT uses before any known switch that are remembered (the rest are counted). */
export const MAX_USES_BEFORE_SWITCH = 256;

export interface VPortState {
  id: string;
  vf?: string;
  alive?: boolean;
  /** Where it was created or first linked to its VF. */
  seenBy?: Place;
  /** A use before any CREATE_VPORT (R3 evidence, when a CREATE_VPORT follows). */
  usedBeforeCreate?: TraceEvent;
}

export interface FilterState {
  id: string;
  vport: string;
  placedBy: Place;
}

interface PendingRequest {
  event: TraceEvent;
  undo?: () => void;
  /** A creation whose id only the completion names (ALLOCATE_VF, CREATE_VPORT). */
  deferred?: boolean;
}

export interface AdapterState {
  name: string;
  vfs: Map<string, VfState>;
  vports: Map<string, VPortState>;
  /** Read only: change filters through TraceModel.setFilter / deleteFilter, which keep the index. */
  filters: Map<string, FilterState>;
  /** Indexes, so that no rule scans every VPort or filter: VF -> its VPort ids, VPort -> its filter ids. */
  vportsByVf: Map<string, Set<string>>;
  filtersByVport: Map<string, Set<string>>;
  switchCreated?: boolean;
  createSwitch?: TraceEvent;
  deleteSwitch?: TraceEvent;
  /** ALLOCATE_VF / CREATE_VPORT seen while no switch was known to exist since the last delete. */
  usesBeforeSwitch: TraceEvent[];
  /** Uses before any known switch beyond MAX_USES_BEFORE_SWITCH, only counted. */
  usesBeforeSwitchOmitted: number;
  pending: Map<string, PendingQueue<PendingRequest>>;
  /** The trace prints completions for this adapter: a request without one is evidence. */
  hasCompletions: boolean;
  pfHalt?: TraceEvent;
  switchEpisode?: EpisodeRecord;
  /** A Linux guest's lines before the host gave its VF a slot (a VF faster than its association). */
  guestWithoutSlot?: EpisodeRecord;
}

export interface EpisodeRecord {
  episode: Episode;
  sequence?: DocumentedSequence;
  /**
   * The episode's events while it is open (and after, when events are kept).
   * Without kept events, only those with a documented step: all that the
   * order check and the checklist read (memory grows with the steps, not the trace).
   */
  events: TraceEvent[];
  /** Index of the episode's first event. */
  firstIndex?: number;
  order?: OrderFindings;
  closed: boolean;
  /** Opened by a Linux guest's line: the VF id is the guest's slot. */
  guest?: boolean;
  /**
   * A guest's switches from the VF at the end of a setup episode, and the
   * episode's last line before them: a boot-time flap if the guest switches
   * back, the start of the VF's removal if a teardown step follows (they move to it).
   */
  tail?: { events: TraceEvent[]; lastLine: number };
}

export interface ModelOptions {
  keepEvents: boolean;
  /** Closed episodes stay in `episodes`; off, only the open ones are held. */
  keepEpisodes: boolean;
  onEpisodeClosed: (record: EpisodeRecord) => void;
}

/** How many answered requests stay reachable by index when events are not kept. */
export const RECENT = 4096;

/** OIDs that need their VPort to exist (R3). */
const VPORT_USERS = new Set([
  'OID_RECEIVE_FILTER_SET_FILTER',
  'OID_RECEIVE_FILTER_MOVE_FILTER',
  'OID_NIC_SWITCH_VPORT_PARAMETERS',
  'OID_NIC_SWITCH_DELETE_VPORT',
]);
const TEARDOWN_VERBS = new Set(['NOTIFY', 'REMOVE_VF', 'SURPRISE_REMOVE', 'UNBIND', 'HALT']);
const SETUP_VERBS = new Set(['ADD_VF', 'INIT', 'BIND']);
/** Guest steps that happen once per VF arrival: a second one in a setup episode is the VF arriving again. */
const GUEST_ARRIVAL = new Set(['slot-added', 'pci-probe', 'registering', 'joined']);

/** A data path switch that did not happen (`err=`: "Data path failed to switch"). */
function failedSwitch(ev: TraceEvent): boolean {
  return ev.verb === 'DATAPATH' && ev.attrs.err !== undefined;
}

export class TraceModel {
  readonly adapters = new Map<string, AdapterState>();
  /** Every episode, when episodes are kept. */
  readonly episodes: EpisodeRecord[] = [];
  /** The open episodes, by index, oldest first. */
  private readonly openEpisodes = new Map<number, EpisodeRecord>();
  episodeCount = 0;
  readonly events: TraceEvent[] = [];
  private count = 0;

  constructor(private readonly options: ModelOptions) {}

  get eventCount(): number {
    return this.count;
  }

  /** The adapter looked up last: most events are about the same one as the event before. */
  private lastAdapter: AdapterState | undefined;

  adapter(name: string): AdapterState {
    if (this.lastAdapter?.name === name) return this.lastAdapter;
    let a = this.adapters.get(name);
    if (!a) {
      a = {
        name, vfs: new Map(), vports: new Map(), filters: new Map(), vportsByVf: new Map(), filtersByVport: new Map(),
        usesBeforeSwitch: [], usesBeforeSwitchOmitted: 0, pending: new Map(), hasCompletions: false,
      };
      this.adapters.set(name, a);
    }
    this.lastAdapter = a;
    return a;
  }

  vf(adapter: AdapterState, id: string): VfState {
    let v = adapter.vfs.get(id);
    if (!v) {
      v = { adapter: adapter.name, vf: id };
      adapter.vfs.set(id, v);
    }
    return v;
  }

  vport(adapter: AdapterState, id: string): VPortState {
    let p = adapter.vports.get(id);
    if (!p) {
      p = { id };
      adapter.vports.set(id, p);
    }
    return p;
  }

  /** The VF an event is about: named, or through its VPort or filter. */
  vfOf(adapter: AdapterState, ids: EventIds): string | undefined {
    if (ids.vf !== undefined) return ids.vf;
    for (const v of [ids.vport, ids.from, ids.to]) {
      if (v !== undefined && v !== '0') {
        const linked = adapter.vports.get(v)?.vf;
        if (linked !== undefined) return linked;
      }
    }
    if (ids.filter !== undefined) {
      const f = adapter.filters.get(ids.filter);
      if (f) return adapter.vports.get(f.vport)?.vf;
    }
    return undefined;
  }

  /** The live non-default VPorts attached to a VF. */
  vportsOfVf(adapter: AdapterState, vf: string): VPortState[] {
    const out: VPortState[] = [];
    const ids = adapter.vportsByVf.get(vf);
    if (!ids) return out;
    for (const id of ids) {
      const p = adapter.vports.get(id)!;
      if (p.alive === true && p.id !== '0') out.push(p);
      // A deleted VPort leaves the index (its undo puts it back): no scan grows with history.
      else if (p.alive === false) ids.delete(id);
    }
    return out;
  }

  filtersOn(adapter: AdapterState, vport: string): FilterState[] {
    const out: FilterState[] = [];
    for (const id of adapter.filtersByVport.get(vport) ?? []) out.push(adapter.filters.get(id)!);
    return out;
  }

  private attachVPort(adapter: AdapterState, p: VPortState, vf: string): void {
    if (p.vf === vf) return;
    if (p.vf !== undefined) adapter.vportsByVf.get(p.vf)?.delete(p.id);
    p.vf = vf;
    let set = adapter.vportsByVf.get(vf);
    if (!set) adapter.vportsByVf.set(vf, (set = new Set()));
    set.add(p.id);
  }

  private setFilter(adapter: AdapterState, f: FilterState): void {
    this.deleteFilter(adapter, f.id);
    adapter.filters.set(f.id, f);
    let set = adapter.filtersByVport.get(f.vport);
    if (!set) adapter.filtersByVport.set(f.vport, (set = new Set()));
    set.add(f.id);
  }

  private deleteFilter(adapter: AdapterState, id: string): void {
    const old = adapter.filters.get(id);
    if (!old) return;
    adapter.filters.delete(id);
    const set = adapter.filtersByVport.get(old.vport);
    set?.delete(id);
    if (set?.size === 0) adapter.filtersByVport.delete(old.vport);
  }

  /** Step 1: pair, link, classify and place the event. */
  prepare(raw: RawEvent): TraceEvent {
    const ev = raw as TraceEvent;
    ev.index = this.count++;
    if (this.options.keepEvents) this.events.push(ev);
    const adapter = this.adapter(ev.adapter);

    if (ev.kind === 'completion') this.pairCompletion(adapter, ev);
    else if (ev.kind === 'request' && ev.method === 'handled' && this.mergeHandled(adapter, ev)) {
      // A second line about a request already seen: part of it, not a new request.
      ev.pair = undefined;
    }

    this.link(adapter, ev);
    if (ev.kind === 'completion') {
      if (ev.pair !== undefined) ev.step = this.eventAt(ev.pair)?.step;
    } else {
      ev.step = this.classify(adapter, ev);
    }
    this.place(adapter, ev);
    return ev;
  }

  private pendingRequests = new Map<number, PendingRequest>();

  eventAt(index: number): TraceEvent | undefined {
    return this.options.keepEvents ? this.events[index] : this.pendingRequests.get(index)?.event ?? this.recent.get(index);
  }

  /** Without kept events, the last RECENT requests that completions answered stay reachable. */
  private recent = new Map<number, TraceEvent>();
  /**
   * Their indexes in the order remembered, a ring: the oldest goes when a new one
   * comes. (Not the Map's own first key: finding it walks past every entry
   * deleted since the Map last rehashed, thousands of them.)
   */
  private readonly recentOrder: number[] = [];
  private recentNext = 0;

  private remember(ev: TraceEvent): void {
    if (this.options.keepEvents) return;
    if (this.recentOrder.length < RECENT) {
      this.recentOrder.push(ev.index);
    } else {
      this.recent.delete(this.recentOrder[this.recentNext]!);
      this.recentOrder[this.recentNext] = ev.index;
      this.recentNext = (this.recentNext + 1) % RECENT;
    }
    this.recent.set(ev.index, ev);
  }

  private pairCompletion(adapter: AdapterState, ev: TraceEvent): void {
    adapter.hasCompletions = true;
    const queue = ev.oid === undefined ? undefined : adapter.pending.get(ev.oid);
    if (!queue) return;
    const at = queue.findCompatible(ev.ids);
    if (at < 0) return;
    const req = queue.at(at);
    const request = req.event;
    ev.pair = request.index;
    // NDIS_STATUS_PENDING: the request goes on; a later completion finishes it.
    if (ev.status?.pending) return;
    queue.removeAt(at);
    this.pendingRequests.delete(request.index);
    request.pair = ev.index;
    this.remember(request);
    // Each side learns the ids the other carries (ALLOCATE_VF returns the VF id).
    for (const key of Object.keys(request.ids) as Array<keyof EventIds>) {
      if (ev.ids[key] === undefined) ev.ids[key] = request.ids[key];
    }
    for (const key of Object.keys(ev.ids) as Array<keyof EventIds>) {
      if (request.ids[key] === undefined) request.ids[key] = ev.ids[key];
    }
    if (ev.status && !ev.status.ok) {
      req.undo?.();
    } else if (req.deferred) {
      this.create(adapter, request);
      if (request.episode === undefined) {
        request.step = this.classify(adapter, request);
        this.place(adapter, request);
      }
    }
  }

  private mergeHandled(adapter: AdapterState, ev: TraceEvent): boolean {
    const queue = ev.oid === undefined ? undefined : adapter.pending.get(ev.oid);
    return queue !== undefined && queue.findCompatible(ev.ids) >= 0;
  }

  /** VPort-to-VF links come from CREATE_VPORT or from any event with both ids. */
  private link(adapter: AdapterState, ev: TraceEvent): void {
    const { vf, vport, from, to } = ev.ids;
    if (vf === undefined) return;
    const attach = (id: string | undefined) => {
      if (id === undefined || id === '0') return;
      const p = this.vport(adapter, id);
      if (p.vf === undefined) {
        this.attachVPort(adapter, p, vf);
        p.seenBy ??= placeOf(ev);
      }
    };
    attach(vport);
    if (ev.oid === 'OID_RECEIVE_FILTER_MOVE_FILTER') {
      attach(from);
      attach(to);
    }
  }

  private classify(adapter: AdapterState, ev: TraceEvent): string | undefined {
    if (ev.kind === 'lifecycle') {
      switch (ev.verb) {
        // An extension's REMOVE_VF indication starts the failover: before G1, no step of its own.
        case 'NOTIFY': return ev.attrs.indication === undefined ? 'G1' : undefined;
        case 'REMOVE_VF':
        case 'SURPRISE_REMOVE': return 'G2';
        case 'UNBIND': return 'G3';
        case 'HALT': return ev.actor === 'PF' && ev.ids.vf === undefined ? undefined : 'G3';
        case 'DATAPATH':
          if (failedSwitch(ev)) return undefined;
          return ev.attrs.path === 'vf' ? 'I6' : ev.attrs.path === 'synthetic' ? 'G4' : undefined;
        case 'ADD_VF':
        case 'INIT': return 'I5';
        case 'BIND': return 'I6';
        default: return undefined;
      }
    }
    const vf = this.vfOf(adapter, ev.ids);
    switch (ev.oid) {
      case 'OID_NIC_SWITCH_CREATE_SWITCH': return 'S1';
      case 'OID_NIC_SWITCH_DELETE_SWITCH': return 'S2';
      case 'OID_NIC_SWITCH_ALLOCATE_VF': return 'I2';
      case 'OID_NIC_SWITCH_CREATE_VPORT': return vf !== undefined ? 'I3' : undefined;
      case 'OID_RECEIVE_FILTER_SET_FILTER': return vf !== undefined ? 'I4b' : undefined;
      case 'OID_NIC_SWITCH_DELETE_VPORT': return vf !== undefined ? 'T2' : undefined;
      case 'OID_SRIOV_RESET_VF': return 'T3';
      case 'OID_NIC_SWITCH_FREE_VF': return 'T4';
      case 'OID_RECEIVE_FILTER_MOVE_FILTER': {
        if (vf === undefined) return undefined;
        const { from, to } = ev.ids;
        if (from !== undefined && from !== '0') return 'T1';
        if (to !== undefined && to !== '0') return 'I4';
        if (from === '0') return 'I4';
        if (to === '0') return 'T1';
        return adapter.vfs.get(vf)?.episode?.episode.kind === 'vf-teardown' ? 'T1' : 'I4';
      }
      default: return undefined;
    }
  }

  private phase(ev: TraceEvent): 'teardown' | 'setup' | undefined {
    if (ev.kind === 'lifecycle') {
      if (failedSwitch(ev)) return undefined;
      if (TEARDOWN_VERBS.has(ev.verb) || (ev.verb === 'DATAPATH' && ev.attrs.path === 'synthetic')) return 'teardown';
      if (SETUP_VERBS.has(ev.verb) || (ev.verb === 'DATAPATH' && ev.attrs.path === 'vf')) return 'setup';
      return undefined;
    }
    const s = ev.step;
    if (s === undefined || ev.kind === 'completion') return undefined;
    if (s[0] === 'T') return 'teardown';
    if (s[0] === 'I') return 'setup';
    return undefined;
  }

  /** Put the event in its episode, opening or closing episodes as the story moves on. */
  private place(adapter: AdapterState, ev: TraceEvent): void {
    if (ev.kind === 'completion' && ev.pair !== undefined) {
      const req = this.eventAt(ev.pair);
      if (req?.episode !== undefined) {
        const rec = this.openEpisodes.get(req.episode);
        if (rec) return this.add(rec, ev);
      }
    }
    // ALLOCATE_VF without a VF id: its completion tells which VF it made.
    if (ev.kind === 'request' && ev.oid === 'OID_NIC_SWITCH_ALLOCATE_VF' && ev.ids.vf === undefined) return;
    const vfId = ev.kind === 'lifecycle' && ev.actor === 'PF' && ev.verb === 'HALT' && ev.ids.vf === undefined
      ? undefined
      : this.vfOf(adapter, ev.ids);
    const guest = guestStep(ev);
    if (vfId === undefined && guest !== undefined) return this.placeWithoutSlot(adapter, ev);
    if (vfId === undefined || ev.oid === 'OID_NIC_SWITCH_CREATE_SWITCH' || ev.oid === 'OID_NIC_SWITCH_DELETE_SWITCH') {
      return this.placeInSwitchEpisode(adapter, ev);
    }
    const vf = this.vf(adapter, vfId);
    if (guest !== undefined && adapter.guestWithoutSlot) this.adoptWithoutSlot(adapter, vf);
    const cur = vf.episode && !vf.episode.closed ? vf.episode : undefined;
    const phase = this.phase(ev);
    let target = cur;
    if (phase === 'teardown') {
      if (guest === 'switched-from-vf' && cur?.episode.kind === 'vf-setup') {
        // Flap or removal: the next events tell. Until then it stays in the setup.
        cur.tail ??= { events: [], lastLine: cur.episode.lastLine };
        this.add(cur, ev);
        cur.tail.events.push(ev);
        return;
      }
      if (!cur || cur.episode.kind === 'vf-setup') target = this.open(adapter, 'vf-teardown', vfId, ev);
      else if (cur.episode.kind === 'vf') this.retitle(cur, 'vf-teardown');
    } else if (phase === 'setup') {
      const restart =
        (ev.step === 'I2' && cur?.events.some((e) => e.step === 'I2' && e.kind !== 'completion')) ||
        (guest !== undefined && GUEST_ARRIVAL.has(guest) && cur?.events.some((e) => guestStep(e) === guest));
      if (!cur || cur.episode.kind === 'vf-teardown' || restart) target = this.open(adapter, 'vf-setup', vfId, ev);
      else if (cur.episode.kind === 'vf') this.retitle(cur, 'vf-setup');
    } else if (!cur) {
      target = this.open(adapter, 'vf', vfId, ev);
    }
    if (target !== cur && cur) {
      // The guest switched from the VF and then it went: those switches begin the teardown.
      if (cur.tail && target!.episode.kind === 'vf-teardown') this.moveTail(cur, target!);
      this.close(cur);
    }
    if (target === cur) cur!.tail = undefined;
    vf.episode = target;
    this.add(target!, ev);
  }

  /** A guest line before any slot: an episode of the adapter's VF-to-be, until the slot is added. */
  private placeWithoutSlot(adapter: AdapterState, ev: TraceEvent): void {
    let rec = adapter.guestWithoutSlot;
    if (!rec || rec.closed) rec = adapter.guestWithoutSlot = this.open(adapter, 'vf', undefined, ev);
    rec.tail = undefined;
    this.add(rec, ev);
  }

  /** The slot is known now: the lines that came before it are that VF's (when it has no story open). */
  private adoptWithoutSlot(adapter: AdapterState, vf: VfState): void {
    const rec = adapter.guestWithoutSlot!;
    adapter.guestWithoutSlot = undefined;
    if (rec.closed) return;
    if (vf.episode && !vf.episode.closed) return this.close(rec);
    rec.episode.vf = vf.vf;
    this.retitle(rec, rec.episode.kind);
    vf.episode = rec;
  }

  private moveTail(from: EpisodeRecord, to: EpisodeRecord): void {
    const moved = new Set(from.tail!.events);
    from.events = from.events.filter((e) => !moved.has(e));
    from.episode.lastLine = from.tail!.lastLine;
    from.tail = undefined;
    for (const e of moved) this.add(to, e);
  }

  private placeInSwitchEpisode(adapter: AdapterState, ev: TraceEvent): void {
    let rec = adapter.switchEpisode && !adapter.switchEpisode.closed ? adapter.switchEpisode : undefined;
    if (ev.oid === 'OID_NIC_SWITCH_CREATE_SWITCH' && ev.kind !== 'completion' && rec?.events.some((e) => e.step === 'S1' || e.step === 'S2')) {
      this.close(rec);
      rec = undefined;
    }
    if (!rec) {
      rec = this.open(adapter, 'switch', undefined, ev);
      adapter.switchEpisode = rec;
    }
    this.add(rec, ev);
  }

  private open(adapter: AdapterState, kind: EpisodeKind, vf: string | undefined, first: TraceEvent): EpisodeRecord {
    const episode: Episode = {
      index: this.episodeCount++,
      kind,
      adapter: adapter.name,
      vf,
      title: '',
      firstLine: Infinity,
      lastLine: 0,
      events: [],
      steps: [],
      problems: 0,
    };
    const rec: EpisodeRecord = { episode, events: [], closed: false };
    if (guestStep(first) !== undefined) rec.guest = true;
    this.retitle(rec, kind);
    this.openEpisodes.set(episode.index, rec);
    if (this.options.keepEpisodes) this.episodes.push(rec);
    return rec;
  }

  private retitle(rec: EpisodeRecord, kind: EpisodeKind): void {
    const e = rec.episode;
    e.kind = kind;
    const where = e.adapter === 'default' ? '' : `${e.adapter} · `;
    const what = kind === 'vf-teardown' ? ' teardown' : kind === 'vf-setup' ? ' setup' : '';
    const vf = e.vf === undefined ? '(slot not yet known)' : `${rec.guest ? 'slot ' : ''}${e.vf}`;
    e.title = kind === 'switch' ? `${where}NIC switch`.replace(/^$/, 'NIC switch') : `${where}VF ${vf}${what}`;
    rec.sequence = kind === 'vf-teardown' ? VF_TEARDOWN : kind === 'vf-setup' ? VF_SETUP : kind === 'switch' ? SWITCH_LIFECYCLE : undefined;
    e.sequence = rec.sequence?.id;
  }

  private add(rec: EpisodeRecord, ev: TraceEvent): void {
    ev.episode = rec.episode.index;
    if (rec.firstIndex === undefined || ev.index < rec.firstIndex) rec.firstIndex = ev.index;
    if (this.options.keepEvents || ev.step !== undefined) rec.events.push(ev);
    const e = rec.episode;
    if (ev.line < e.firstLine) e.firstLine = ev.line;
    if (ev.line > e.lastLine) e.lastLine = ev.line;
  }

  private close(rec: EpisodeRecord): void {
    if (rec.closed) return;
    rec.closed = true;
    this.openEpisodes.delete(rec.episode.index);
    rec.events.sort((a, b) => a.index - b.index);
    const e = rec.episode;
    if (this.options.keepEvents) e.events = rec.events.map((x) => x.index);
    if (rec.sequence) {
      rec.order = checkOrder(rec.sequence, rec.events);
      e.steps = this.checklist(rec);
    }
    this.options.onEpisodeClosed(rec);
    if (!this.options.keepEvents) rec.events = [];
  }

  /**
   * The episodes so far, for a snapshot: closed ones as they are, open ones as
   * copies with the events they have so far (their checklist comes when they close).
   */
  episodesSoFar(): Episode[] {
    return this.episodes.map((rec) =>
      rec.closed ? rec.episode : { ...rec.episode, events: this.options.keepEvents ? rec.events.map((x) => x.index).sort((a, b) => a - b) : [] },
    );
  }

  /** Closes every open episode: the end of the trace. */
  finish(): void {
    for (const rec of [...this.openEpisodes.values()]) this.close(rec);
  }

  private checklist(rec: EpisodeRecord): EpisodeStep[] {
    const seq = rec.sequence!;
    const adapter = this.adapters.get(rec.episode.adapter);
    const premature = new Set(rec.order!.premature.map((p) => p.event.index));
    const missing = new Set(rec.order!.missing.map((m) => m.stepId));
    return seq.steps.map((step) => {
      let ev = rec.events.find((x) => x.step === step.id && x.kind !== 'completion');
      // I1 is the adapter's, not the VF's: the switch creation seen before the setup.
      if (!ev && step.id === 'I1' && adapter?.createSwitch && adapter.createSwitch.index < (rec.firstIndex ?? 0)) ev = adapter.createSwitch;
      const out: EpisodeStep = { id: step.id, title: step.title, oid: step.oid, verb: step.verb, optional: step.optional, state: 'not-seen' };
      if (!ev) {
        if (missing.has(step.id)) out.state = 'missing';
        return out;
      }
      out.event = ev.index;
      const completion = ev.pair !== undefined ? (rec.events.find((x) => x.index === ev!.pair) ?? this.eventAt(ev.pair)) : undefined;
      if (completion) {
        out.completion = completion.index;
        out.latencyMs = elapsedMs(ev.time, completion.time);
      }
      if (completion?.status && !completion.status.ok) out.state = 'failed';
      else if (premature.has(ev.index)) out.state = 'out-of-order';
      // (Without kept events a completion long gone is not at hand: `pair` still says there was one.)
      else if (ev.kind === 'request' && !completion && ev.pair === undefined && ev.method !== 'handled' && adapter?.hasCompletions) out.state = 'pending';
      else out.state = 'in-order';
      return out;
    });
  }

  /** Step 2: the event's effect on the state. */
  apply(ev: TraceEvent): void {
    const adapter = this.adapter(ev.adapter);
    if (ev.kind === 'lifecycle') return this.applyLifecycle(adapter, ev);
    if (ev.kind !== 'request' || ev.oid === undefined) return;
    // (The event is not queued yet: any compatible request is another one.)
    if (ev.method === 'handled' && this.mergeHandled(adapter, ev)) return;
    if (VPORT_USERS.has(ev.oid)) this.noteVPortUse(adapter, ev);
    const pending: PendingRequest = { event: ev };
    const deferred = this.create(adapter, ev, pending);
    pending.deferred = deferred;
    if (!deferred) this.effect(adapter, ev, pending);
    let queue = adapter.pending.get(ev.oid);
    if (!queue) adapter.pending.set(ev.oid, (queue = new PendingQueue()));
    queue.push(pending);
    this.pendingRequests.set(ev.index, pending);
  }

  /** Requests still outstanding at the end of the trace. */
  outstanding(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (const a of this.adapters.values()) for (const q of a.pending.values()) for (const p of q) out.push(p.event);
    return out.sort((x, y) => x.index - y.index);
  }

  /**
   * Creations (ALLOCATE_VF, CREATE_VPORT, SET_FILTER): made at the request when it
   * names the new id, else at the completion that names it. Returns whether deferred.
   */
  private create(adapter: AdapterState, ev: TraceEvent, pending?: PendingRequest): boolean {
    const { vf, vport } = ev.ids;
    switch (ev.oid) {
      case 'OID_NIC_SWITCH_ALLOCATE_VF': {
        if (vf === undefined) return true;
        const v = this.vf(adapter, vf);
        v.allocated = true;
        v.allocatedBy = ev;
        this.noteSwitchUse(adapter, ev);
        // A failed allocation leaves no VF: later OIDs naming it must fail (R2).
        if (pending) pending.undo = () => { v.allocated = false; };
        return false;
      }
      case 'OID_NIC_SWITCH_CREATE_VPORT': {
        if (vport === undefined) return true;
        const p = this.vport(adapter, vport);
        p.alive = true;
        p.usedBeforeCreate = undefined;
        if (p.vf !== undefined) adapter.vportsByVf.get(p.vf)?.add(p.id);
        p.seenBy = placeOf(ev);
        if (vf !== undefined) this.attachVPort(adapter, p, vf);
        if (vport !== '0') this.noteSwitchUse(adapter, ev);
        if (pending) pending.undo = () => { p.alive = false; };
        return false;
      }
      default:
        return false;
    }
  }

  private noteSwitchUse(adapter: AdapterState, ev: TraceEvent): void {
    if (adapter.switchCreated !== undefined) return;
    if (adapter.usesBeforeSwitch.length < MAX_USES_BEFORE_SWITCH) adapter.usesBeforeSwitch.push(ev);
    else adapter.usesBeforeSwitchOmitted++;
  }

  /**
   * A use of a VPort is evidence that it exists. One whose creation the trace has
   * not shown is remembered: if a CREATE_VPORT for it follows, the use came too early (R3).
   */
  private noteVPortUse(adapter: AdapterState, ev: TraceEvent): void {
    const used = ev.oid === 'OID_RECEIVE_FILTER_MOVE_FILTER' ? [ev.ids.from, ev.ids.to] : [ev.ids.vport];
    for (const id of used) {
      if (id === undefined || id === '0') continue;
      const p = this.vport(adapter, id);
      if (p.alive !== undefined) continue;
      p.usedBeforeCreate ??= ev;
      p.alive = true;
      if (p.vf !== undefined) adapter.vportsByVf.get(p.vf)?.add(p.id);
    }
  }

  private effect(adapter: AdapterState, ev: TraceEvent, pending: PendingRequest): void {
    const { vf, vport, filter, from, to } = ev.ids;
    switch (ev.oid) {
      case 'OID_NIC_SWITCH_CREATE_SWITCH': {
        const before = adapter.switchCreated;
        adapter.switchCreated = true;
        adapter.createSwitch = ev;
        adapter.usesBeforeSwitch = [];
        adapter.usesBeforeSwitchOmitted = 0;
        pending.undo = () => { adapter.switchCreated = before; };
        break;
      }
      case 'OID_NIC_SWITCH_DELETE_SWITCH': {
        const before = adapter.switchCreated;
        adapter.switchCreated = false;
        adapter.deleteSwitch = ev;
        adapter.usesBeforeSwitch = [];
        adapter.usesBeforeSwitchOmitted = 0;
        pending.undo = () => { adapter.switchCreated = before; };
        break;
      }
      case 'OID_NIC_SWITCH_DELETE_VPORT': {
        if (vport === undefined) break;
        const p = this.vport(adapter, vport);
        const before = p.alive;
        p.alive = false;
        p.usedBeforeCreate = undefined;
        const dropped = this.filtersOn(adapter, vport);
        for (const f of dropped) this.deleteFilter(adapter, f.id);
        pending.undo = () => {
          p.alive = before;
          if (p.vf !== undefined) adapter.vportsByVf.get(p.vf)?.add(p.id);
          for (const f of dropped) this.setFilter(adapter, f);
        };
        break;
      }
      case 'OID_NIC_SWITCH_FREE_VF': {
        if (vf === undefined) break;
        const v = this.vf(adapter, vf);
        const before = { allocated: v.allocated, allocatedBy: v.allocatedBy };
        v.allocated = false;
        v.allocatedBy = ev;
        pending.undo = () => { v.allocated = before.allocated; v.allocatedBy = before.allocatedBy; };
        break;
      }
      case 'OID_RECEIVE_FILTER_SET_FILTER': {
        const on = vport ?? to;
        if (filter === undefined || on === undefined) break;
        const f: FilterState = { id: filter, vport: on, placedBy: placeOf(ev) };
        const before = adapter.filters.get(filter);
        this.setFilter(adapter, f);
        pending.undo = () => { if (before) this.setFilter(adapter, before); else this.deleteFilter(adapter, filter); };
        break;
      }
      case 'OID_RECEIVE_FILTER_CLEAR_FILTER': {
        const cleared = filter !== undefined
          ? [adapter.filters.get(filter)].filter((f): f is FilterState => f !== undefined)
          : vport !== undefined ? this.filtersOn(adapter, vport) : [];
        for (const f of cleared) this.deleteFilter(adapter, f.id);
        pending.undo = () => { for (const f of cleared) this.setFilter(adapter, f); };
        break;
      }
      case 'OID_RECEIVE_FILTER_MOVE_FILTER': {
        if (to === undefined) break;
        const moved = filter !== undefined
          ? [adapter.filters.get(filter) ?? (from !== undefined ? { id: filter, vport: from, placedBy: placeOf(ev) } : undefined)]
              .filter((f): f is FilterState => f !== undefined)
          : from !== undefined ? this.filtersOn(adapter, from) : [];
        const before = moved.map((f) => ({ ...f }));
        for (const f of moved) this.setFilter(adapter, { id: f.id, vport: to, placedBy: placeOf(ev) });
        pending.undo = () => { for (const f of before) this.setFilter(adapter, f); };
        break;
      }
      default:
        break;
    }
  }

  private applyLifecycle(adapter: AdapterState, ev: TraceEvent): void {
    if (ev.verb === 'HALT' && ev.actor === 'PF' && ev.ids.vf === undefined) {
      adapter.pfHalt = ev;
      return;
    }
    const vfId = this.vfOf(adapter, ev.ids);
    if (vfId === undefined) return;
    const v = this.vf(adapter, vfId);
    const guest = guestStep(ev);
    // A Linux guest says where its data path is ("Data path switched"): unregistering
    // the VF does not move it, and a slot removed leaves only the synthetic path. A
    // failed switch leaves it where it was, which the attempt tells: NetVSC only
    // switches from the path it is on.
    const path =
      failedSwitch(ev) ? (ev.attrs.path === 'vf' ? 'synthetic' : ev.attrs.path === 'synthetic' ? 'vf' : undefined)
      : ev.verb === 'DATAPATH' ? (ev.attrs.path === 'vf' ? 'vf' : ev.attrs.path === 'synthetic' ? 'synthetic' : undefined)
      : guest === 'slot-removed' ? 'synthetic'
      : guest !== undefined ? undefined
      : ev.verb === 'BIND' ? 'vf'
      : ev.verb === 'UNBIND' || ev.verb === 'HALT' || ev.verb === 'SURPRISE_REMOVE' ? 'synthetic'
      : undefined;
    if (path) {
      v.guestPath = path;
      v.guestPathBy = ev;
    }
  }
}
