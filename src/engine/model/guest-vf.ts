/**
 * What a Linux guest's lines say about its VF, beyond where the data path is:
 * whether the VF's interface is registered with NetVSC, whether the host's
 * association (the slot) is there, and hv_pci's latest probe of its device.
 *
 * - A slot added while no VF interface is registered starts a wait, which the
 *   VF's registration ends ("VF registering", "joined to", "VF up", a switch to
 *   the VF, even a failed one: NetVSC only switches a VF it has). A slot added
 *   after the VF registered (the association late, NetVSC waiting for it) waits
 *   for nothing.
 * - A slot removed stays removed until the slot is added again.
 * - Lines before the log named the slot (the VF registered ahead of its first
 *   association) are remembered on the adapter and handed to the slot added.
 */
import type { GuestStep } from '../dialects/linux-guest';
import type { TraceEvent } from '../types';
import type { AdapterState, TraceState, VfState } from './state';

/** The lines that bring a VF up: it is registered with NetVSC, or the data path goes to it. */
export const BRING_UP: ReadonlySet<GuestStep> = new Set<GuestStep>(['registering', 'joined', 'vf-up', 'switched-to-vf']);

/** Whether a line shows the VF registered with NetVSC. */
function showsRegistered(step: GuestStep, ev: TraceEvent): boolean {
  return BRING_UP.has(step) || (step === 'switch-failed' && ev.attrs.path === 'vf');
}

/** A guest line's effect on its VF (`v`), or on its adapter when the log has not named the slot yet. */
export function applyGuestStep(state: TraceState, adapter: AdapterState, v: VfState | undefined, step: GuestStep, ev: TraceEvent): void {
  if (!v) {
    if (showsRegistered(step, ev)) adapter.slotlessRegistered = true;
    else if (step === 'unregistering') adapter.slotlessRegistered = undefined;
    return;
  }
  if (showsRegistered(step, ev)) {
    v.guestRegistered = true;
    v.slotAddedBy = undefined;
    state.awaitingVf.delete(v);
    return;
  }
  switch (step) {
    case 'unregistering':
      v.guestRegistered = false;
      return;
    case 'pci-probe':
      v.probedBy = ev;
      return;
    case 'slot-removed':
      v.slotRemovedBy = ev;
      v.slotAddedBy = undefined;
      state.awaitingVf.delete(v);
      return;
    case 'slot-added':
      v.slotRemovedBy = undefined;
      if (adapter.slotlessRegistered) {
        v.guestRegistered = true;
        adapter.slotlessRegistered = undefined;
      }
      if (v.guestRegistered) {
        v.slotAddedBy = undefined;
        state.awaitingVf.delete(v);
      } else {
        v.slotAddedBy = ev;
        state.awaitingVf.add(v);
      }
      return;
    default:
      return;
  }
}
