/**
 * What a request does to the state when it takes effect, and how a failed
 * outcome takes it back. One function per OID family; each returns the undo
 * that a failed completion runs. Only the ids the trace shows for the request
 * count, and exactly those: a move that names one filter moves that filter; a
 * move that names none moves one filter the trace cannot name (counted on its
 * source VPort, never "all of them").
 */
import { oidByName } from '../catalog/oids';
import type { TraceEvent } from '../types';
import { placeOf, filtersOn, type AdapterState, type FilterState, type TraceState } from './state';

/** OIDs that need their VPort to exist (R3). */
const VPORT_USERS = new Set(['OID_RECEIVE_FILTER_SET_FILTER', 'OID_RECEIVE_FILTER_MOVE_FILTER', 'OID_NIC_SWITCH_VPORT_PARAMETERS', 'OID_NIC_SWITCH_DELETE_VPORT']);

/** Whether a request carries the ids its OID acts on (the catalog's `operands`). */
export function hasOperands(ev: TraceEvent): boolean {
  const operands = ev.oid === undefined ? undefined : oidByName(ev.oid)?.operands;
  if (!operands) return true;
  // Loops, not every/some: this runs for every request.
  for (const group of operands) {
    let any = false;
    for (const key of group) if (ev.ids[key] !== undefined) any = true;
    if (!any) return false;
  }
  return true;
}

export type Undo = () => void;

/** The request's effect on the state; returns its undo. */
export function applyEffect(state: TraceState, adapter: AdapterState, ev: TraceEvent): Undo | undefined {
  if (ev.oid === undefined) return undefined;
  const { vf, vport, filter, from, to } = ev.ids;
  switch (ev.oid) {
    case 'OID_NIC_SWITCH_CREATE_SWITCH':
    case 'OID_NIC_SWITCH_DELETE_SWITCH': {
      const before = adapter.switchCreated;
      const create = ev.oid === 'OID_NIC_SWITCH_CREATE_SWITCH';
      adapter.switchCreated = create;
      if (create) adapter.createSwitch = ev;
      else adapter.deleteSwitch = ev;
      state.clearUsesBeforeSwitch(adapter);
      return () => {
        adapter.switchCreated = before;
      };
    }
    case 'OID_NIC_SWITCH_ALLOCATE_VF': {
      if (vf === undefined) return undefined;
      const v = state.vf(adapter, vf);
      v.allocated = true;
      v.allocatedBy = ev;
      noteSwitchUse(state, adapter, ev);
      // A failed allocation leaves no VF: later OIDs naming it must fail (R2).
      return () => {
        v.allocated = false;
      };
    }
    case 'OID_NIC_SWITCH_CREATE_VPORT': {
      if (vport === undefined) return undefined;
      const p = state.vport(adapter, vport);
      p.usedBeforeCreate = undefined;
      p.seenBy = placeOf(ev);
      if (vf !== undefined) state.attachVPort(adapter, p, vf);
      state.setVPortAlive(adapter, p, true);
      if (vport !== '0') noteSwitchUse(state, adapter, ev);
      return () => state.setVPortAlive(adapter, p, false);
    }
    case 'OID_NIC_SWITCH_DELETE_VPORT': {
      if (vport === undefined) return undefined;
      const p = state.vport(adapter, vport);
      const before = p.alive;
      const unnamed = adapter.unnamedMovesOff.get(vport) ?? 0;
      state.setVPortAlive(adapter, p, false);
      p.usedBeforeCreate = undefined;
      const dropped = filtersOn(adapter, vport);
      for (const f of dropped) state.deleteFilter(adapter, f.id);
      state.addUnnamedMove(adapter, vport, -unnamed);
      return () => {
        state.setVPortAlive(adapter, p, before);
        for (const f of dropped) state.setFilter(adapter, f);
        state.addUnnamedMove(adapter, vport, unnamed);
      };
    }
    case 'OID_NIC_SWITCH_FREE_VF': {
      if (vf === undefined) return undefined;
      const v = state.vf(adapter, vf);
      const before = { allocated: v.allocated, allocatedBy: v.allocatedBy };
      v.allocated = false;
      v.allocatedBy = ev;
      return () => {
        v.allocated = before.allocated;
        v.allocatedBy = before.allocatedBy;
      };
    }
    case 'OID_RECEIVE_FILTER_SET_FILTER': {
      const on = vport ?? to;
      if (filter === undefined || on === undefined) return undefined;
      const before = adapter.filters.get(filter);
      state.setFilter(adapter, { id: filter, vport: on, placedBy: placeOf(ev) });
      return () => {
        if (before) state.setFilter(adapter, before);
        else state.deleteFilter(adapter, filter);
      };
    }
    case 'OID_RECEIVE_FILTER_CLEAR_FILTER': {
      const cleared =
        filter !== undefined ? [adapter.filters.get(filter)].filter((f): f is FilterState => f !== undefined) : vport !== undefined ? filtersOn(adapter, vport) : [];
      for (const f of cleared) state.deleteFilter(adapter, f.id);
      return () => {
        for (const f of cleared) state.setFilter(adapter, f);
      };
    }
    case 'OID_RECEIVE_FILTER_MOVE_FILTER': {
      if (to === undefined) return undefined;
      if (filter === undefined) {
        // One filter moved, which the trace does not name.
        if (from === undefined) return undefined;
        state.addUnnamedMove(adapter, from, 1);
        return () => state.addUnnamedMove(adapter, from, -1);
      }
      const known = adapter.filters.get(filter);
      const moved = known ?? (from !== undefined ? { id: filter, vport: from, placedBy: placeOf(ev) } : undefined);
      if (!moved) return undefined;
      const before = { ...moved };
      state.setFilter(adapter, { id: filter, vport: to, placedBy: placeOf(ev) });
      return () => {
        if (known) state.setFilter(adapter, before);
        else state.deleteFilter(adapter, filter);
      };
    }
    default:
      return undefined;
  }
}

/**
 * A request whose ids only its failed completion named: it made nothing, and
 * what it was to make is known not to exist (a failed ALLOCATE_VF leaves no VF).
 */
export function preventEffect(state: TraceState, adapter: AdapterState, ev: TraceEvent): void {
  if (ev.oid === 'OID_NIC_SWITCH_ALLOCATE_VF' && ev.ids.vf !== undefined) {
    const v = state.vf(adapter, ev.ids.vf);
    v.allocated = false;
    v.allocatedBy = ev;
  }
}

function noteSwitchUse(state: TraceState, adapter: AdapterState, ev: TraceEvent): void {
  if (adapter.switchCreated === undefined) state.addUseBeforeSwitch(adapter, ev);
}

/**
 * A request that uses a VPort, whatever its outcome, is evidence that the VPort
 * exists. One whose creation the trace has not shown is remembered: if a
 * CREATE_VPORT for it follows, the use came too early (R3).
 */
export function noteVPortUse(state: TraceState, adapter: AdapterState, ev: TraceEvent): void {
  if (ev.oid === undefined || !VPORT_USERS.has(ev.oid)) return;
  const used = ev.oid === 'OID_RECEIVE_FILTER_MOVE_FILTER' ? [ev.ids.from, ev.ids.to] : [ev.ids.vport];
  for (const id of used) {
    if (id === undefined || id === '0') continue;
    const p = state.vport(adapter, id);
    if (p.alive !== undefined) continue;
    p.usedBeforeCreate ??= ev;
    state.setVPortAlive(adapter, p, true);
  }
}
