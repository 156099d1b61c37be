/**
 * What the trace has shown so far about each adapter: its NIC switch, VFs,
 * VPorts and receive filters, with the indexes that keep every lookup a rule
 * makes independent of the trace's length (VF -> its live VPorts, VPort -> its
 * filters). Only evidence counts: a field the trace has not settled is
 * undefined, never assumed.
 *
 * Writes go through `TraceState`'s methods, which keep the indexes; rules read
 * through `AdapterView`, a read-only face of the same objects.
 */
import type { EventIds, TraceEvent } from '../types';
import type { EpisodeRecord } from './episode-record';
import { append, none } from './lists';
import { SmallMap } from './small-map';

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
  /** A Linux guest's VF interface is registered with NetVSC (since the last "VF unregistering"). */
  guestRegistered?: boolean;
  /** The guest's slot added that no registration of its VF has followed yet. */
  slotAddedBy?: TraceEvent;
  /** The guest's slot removed, and not added again since. */
  slotRemovedBy?: TraceEvent;
  /** hv_pci's latest probe of the slot's PCI device. */
  probedBy?: TraceEvent;
}

/** The story of a guest's VF whose slot is not known yet: its open episode, and every episode it had, until a slot claims them. */
export interface SlotlessStory {
  episode?: EpisodeRecord;
  chain: EpisodeRecord[];
}

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

export interface AdapterState {
  name: string;
  vfs: Map<string, VfState>;
  vports: Map<string, VPortState>;
  filters: Map<string, FilterState>;
  /** VF -> the ids of its live non-default VPorts. */
  liveVPortsByVf: Map<string, Set<string>>;
  /** VPort -> the ids of the filters on it. */
  filtersByVport: Map<string, Set<string>>;
  /** VPort -> how many filters were moved off it by requests that never said which. */
  unnamedMovesOff: Map<string, number>;
  switchCreated?: boolean;
  createSwitch?: TraceEvent;
  deleteSwitch?: TraceEvent;
  /** ALLOCATE_VF / CREATE_VPORT seen while no switch was known to exist since the last delete. */
  usesBeforeSwitch: TraceEvent[];
  /** Uses before any known switch beyond MAX_USES_BEFORE_SWITCH, only counted. */
  usesBeforeSwitchOmitted: number;
  /** The trace prints completions for this adapter: a request without one is evidence. */
  hasCompletions: boolean;
  pfHalt?: TraceEvent;
  switchEpisode?: EpisodeRecord;
  /** A Linux guest's VF before the log named its slot (a VF faster than its association, a log cut short). */
  slotless?: SlotlessStory;
  /** That VF registered with NetVSC before the log named its slot. */
  slotlessRegistered?: boolean;
}

/** An adapter's state as rules see it: read only. */
export interface AdapterView {
  readonly name: string;
  readonly vfs: ReadonlyMap<string, Readonly<VfState>>;
  readonly vports: ReadonlyMap<string, Readonly<VPortState>>;
  readonly filters: ReadonlyMap<string, Readonly<FilterState>>;
  readonly switchCreated?: boolean;
  readonly createSwitch?: TraceEvent;
  readonly deleteSwitch?: TraceEvent;
  readonly usesBeforeSwitch: readonly TraceEvent[];
  readonly usesBeforeSwitchOmitted: number;
  readonly hasCompletions: boolean;
  readonly pfHalt?: TraceEvent;
}

/**
 * The maps of an adapter that has none of that kind yet: one shared empty map,
 * replaced by the adapter's own on the first write (through `TraceState`). A
 * trace can name hundreds of thousands of adapters that each hold one VF and
 * nothing else; six empty maps each would be most of their memory.
 */
class NoEntries<K, V> extends Map<K, V> {
  override set(): this {
    throw new Error('a shared empty map was written to');
  }
}
const NONE = new NoEntries<never, never>() as Map<never, never>;

type MapField = 'vfs' | 'vports' | 'filters' | 'liveVPortsByVf' | 'filtersByVport' | 'unnamedMovesOff';

/** The adapter's own map of a kind, made on the first write (small while it holds one entry). */
function own<F extends MapField>(adapter: AdapterState, field: F): AdapterState[F] {
  let map = adapter[field];
  if (map === NONE) adapter[field] = map = new SmallMap() as AdapterState[F];
  return map;
}

export class TraceState {
  readonly adapters = new Map<string, AdapterState>();
  /** A Linux guest's VFs whose slot was added and whose VF has not registered since. */
  readonly awaitingVf = new Set<VfState>();
  /** The adapter looked up last: most events are about the same one as the event before. */
  private last: AdapterState | undefined;

  /** The adapter's state, made on first use (for writes; reads use `find`). */
  adapter(name: string): AdapterState {
    if (this.last?.name === name) return this.last;
    let a = this.adapters.get(name);
    if (!a) {
      a = {
        name,
        vfs: NONE,
        vports: NONE,
        filters: NONE,
        liveVPortsByVf: NONE,
        filtersByVport: NONE,
        unnamedMovesOff: NONE,
        usesBeforeSwitch: none(),
        usesBeforeSwitchOmitted: 0,
        hasCompletions: false,
      };
      this.adapters.set(name, a);
    }
    this.last = a;
    return a;
  }

  /** The adapter's state if the trace has named it; never makes one. */
  find(name: string): AdapterState | undefined {
    return this.last?.name === name ? this.last : this.adapters.get(name);
  }

  vf(adapter: AdapterState, id: string): VfState {
    let v = adapter.vfs.get(id);
    if (!v) {
      // `episode` in the literal: most VFs get one, and a field added later costs more.
      v = { adapter: adapter.name, vf: id, episode: undefined };
      own(adapter, 'vfs').set(id, v);
    }
    return v;
  }

  vport(adapter: AdapterState, id: string): VPortState {
    let p = adapter.vports.get(id);
    if (!p) {
      p = { id };
      own(adapter, 'vports').set(id, p);
    }
    return p;
  }

  /** Links a VPort to its VF (the index follows when it is alive). */
  attachVPort(adapter: AdapterState, p: VPortState, vf: string): void {
    if (p.vf === vf) return;
    if (p.vf !== undefined) adapter.liveVPortsByVf.get(p.vf)?.delete(p.id);
    p.vf = vf;
    if (p.alive === true) this.indexLive(adapter, p);
  }

  setVPortAlive(adapter: AdapterState, p: VPortState, alive: boolean | undefined): void {
    p.alive = alive;
    if (p.vf === undefined) return;
    if (alive === true) this.indexLive(adapter, p);
    else adapter.liveVPortsByVf.get(p.vf)?.delete(p.id);
  }

  private indexLive(adapter: AdapterState, p: VPortState): void {
    if (p.vf === undefined || p.id === '0') return;
    let set = adapter.liveVPortsByVf.get(p.vf);
    if (!set) own(adapter, 'liveVPortsByVf').set(p.vf, (set = new Set()));
    set.add(p.id);
  }

  setFilter(adapter: AdapterState, f: FilterState): void {
    this.deleteFilter(adapter, f.id);
    own(adapter, 'filters').set(f.id, f);
    let set = adapter.filtersByVport.get(f.vport);
    if (!set) own(adapter, 'filtersByVport').set(f.vport, (set = new Set()));
    set.add(f.id);
  }

  deleteFilter(adapter: AdapterState, id: string): void {
    const old = adapter.filters.get(id);
    if (!old) return;
    adapter.filters.delete(id);
    const set = adapter.filtersByVport.get(old.vport);
    set?.delete(id);
    if (set?.size === 0) adapter.filtersByVport.delete(old.vport);
  }

  /** An ALLOCATE_VF / CREATE_VPORT while no switch is known to exist: the first MAX_USES_BEFORE_SWITCH are remembered, the rest counted. */
  addUseBeforeSwitch(adapter: AdapterState, ev: TraceEvent): void {
    if (adapter.usesBeforeSwitch.length >= MAX_USES_BEFORE_SWITCH) adapter.usesBeforeSwitchOmitted++;
    else adapter.usesBeforeSwitch = append(adapter.usesBeforeSwitch, ev);
  }

  /** A switch created or deleted: what came before it no longer counts. */
  clearUsesBeforeSwitch(adapter: AdapterState): void {
    adapter.usesBeforeSwitch = none();
    adapter.usesBeforeSwitchOmitted = 0;
  }

  addUnnamedMove(adapter: AdapterState, vport: string, by: number): void {
    const n = (adapter.unnamedMovesOff.get(vport) ?? 0) + by;
    if (n > 0) own(adapter, 'unnamedMovesOff').set(vport, n);
    else adapter.unnamedMovesOff.delete(vport);
  }
}

/** The VF an event is about: named, or through its VPort or filter. */
export function vfOf(adapter: AdapterView | undefined, ids: EventIds): string | undefined {
  if (ids.vf !== undefined) return ids.vf;
  if (!adapter) return undefined;
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
export function vportsOfVf(adapter: AdapterState | undefined, vf: string): VPortState[] {
  const out: VPortState[] = [];
  for (const id of adapter?.liveVPortsByVf.get(vf) ?? []) out.push(adapter!.vports.get(id)!);
  return out;
}

export function filtersOn(adapter: AdapterState | undefined, vport: string): FilterState[] {
  const out: FilterState[] = [];
  for (const id of adapter?.filtersByVport.get(vport) ?? []) out.push(adapter!.filters.get(id)!);
  return out;
}
