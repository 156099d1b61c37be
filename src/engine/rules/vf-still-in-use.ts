/**
 * R10: the guest leaves the VF data path (NetVSC unbound, VF miniport halted)
 * before the host moves its filters or deletes its VPort. Not during a PF halt
 * (DELETE_SWITCH follows), where the PF-halt page lets the VF go later.
 */
import { isPfHalt } from '../model/steps';
import type { TraceEvent } from '../types';
import { describe, lineRef } from './describe';
import { defineRule, type Report, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'vf-still-in-use',
    description: 'Filters moved or VPort deleted while the trace shows the guest still on the VF data path.',
    defaultSeverity: 'error',
    page: 'virtual-function-teardown-sequence',
    reference: 'R10',
  },
  create(context) {
    const candidates: Array<{ adapter: string; event: TraceEvent; report: Report }> = [];
    const halts = new Map<string, number>();
    return {
      event(ev) {
        if (ev.oid === 'OID_NIC_SWITCH_DELETE_SWITCH' && ev.kind === 'request') halts.set(ev.adapter, ev.index);
        if (isPfHalt(ev)) halts.set(ev.adapter, ev.index);
      },
      action(ev) {
        if (ev.step !== 'T1' && ev.step !== 'T2') return;
        const vfId = context.model.vfOf(ev.adapter, ev.ids);
        if (vfId === undefined) return;
        const vf = context.model.adapter(ev.adapter)?.vfs.get(vfId);
        if (vf?.guestPath !== 'vf' || !vf.guestPathBy) return;
        candidates.push({
          adapter: ev.adapter,
          event: ev,
          report: {
            event: ev,
            message:
              `${ev.step} ${describe(ev, false)} while the guest is still on the VF data path of VF ${vfId} ` +
              `(${vf.guestPathBy.verb} at ${lineRef(vf.guestPathBy, ev)}); NetVSC must unbind and the VF miniport halt first`,
            related: [relatedTo(vf.guestPathBy, `the guest moved to the VF data path here`)],
          },
        });
      },
      end() {
        for (const c of candidates) {
          const halt = halts.get(c.adapter);
          // During a PF halt the VF miniport may be halted after FREE_VF.
          if (halt !== undefined && halt > c.event.index) continue;
          context.report(c.report);
        }
      },
    };
  },
});
