/**
 * A Linux guest's VF slot added whose VF never registered: the host associated
 * the VF ("VF slot N added") but no "VF registering", "joined to", "VF up" or
 * "Data path switched to VF" followed. The VF's driver failed to probe (or never
 * ran), and the VM stays on the synthetic data path.
 *
 * The wait runs from the slot added to the slot's removal or its next addition,
 * else to the last time the log shows (context lines included; read with a
 * host's trace, the last time of the guest's own lines). A VF registers
 * within a second or two of its slot; a wait shorter than GRACE_MS is no
 * evidence (a log saved right after a servicing, a slot the host took back at
 * once), and says nothing: the rule's severity is the user's to set, and a VF
 * that had no time to register has no symptom to show. A log without times
 * cannot tell how long it waited: nothing is reported. A registration however
 * late ends the wait.
 */
import { docsUrl } from '../catalog/docs';
import type { VfState } from '../model/state';
import type { TraceEvent } from '../types';
import { elapsedMs } from '../dialects/time';
import { guestStep } from '../dialects/linux-guest';
import { formatMs, lineRef } from './describe';
import { defineRule, relatedTo, type RuleContext } from './rule';

/** How long a VF may take to register before its absence is a symptom. */
const GRACE_MS = 10_000;

export default defineRule({
  meta: {
    id: 'vf-never-registered',
    description: "A Linux guest's VF slot was added but its VF never registered with NetVSC: the VM stays on the synthetic data path.",
    defaultSeverity: 'warning',
    page: 'virtual-function-initialization-sequence',
  },
  create(context) {
    return {
      event(ev) {
        // The slot removed or added again ends the wait of the slot added before (the model still holds it).
        const step = guestStep(ev);
        if ((step !== 'slot-removed' && step !== 'slot-added') || ev.ids.vf === undefined) return;
        const v = context.model.adapter(ev.adapter)?.vfs.get(ev.ids.vf);
        if (v?.slotAddedBy) check(context, v, v.slotAddedBy, ev.time, ev);
      },
      end() {
        for (const v of context.model.vfsAwaitingRegistration()) check(context, v, v.slotAddedBy!, context.lastTime(v.slotAddedBy!.source), undefined);
      },
    };
  },
});

function check(context: RuleContext, v: Readonly<VfState>, added: TraceEvent, until: number | undefined, ended: TraceEvent | undefined): void {
  const waited = elapsedMs(added.time, until);
  if (waited === undefined || waited < GRACE_MS) return;
  const slot = added.attrs.slot ?? v.vf;
  const probe = v.probedBy !== undefined && v.probedBy.index > added.index ? v.probedBy : undefined;
  const end = ended ? `until the slot was ${guestStep(ended) === 'slot-removed' ? 'removed' : 'added again'} (${lineRef(ended, added)})` : 'to the end of the log';
  const related = [];
  if (probe) related.push(relatedTo(probe, "hv_pci probed the VF's PCI device here"));
  if (ended) related.push(relatedTo(ended, guestStep(ended) === 'slot-removed' ? 'the slot was removed here' : 'the slot was added again here'));
  context.report({
    event: added,
    docs: docsUrl('virtual-function-initialization-sequence'),
    note: `its VF never registered (waited ${formatMs(waited)})`,
    message:
      `VF slot ${slot} was added but its VF never registered (waited ${formatMs(waited)}, ${end}): ` +
      `no "VF registering", "joined to", "VF up" or "Data path switched to VF" followed` +
      (probe ? `, though hv_pci probed its PCI device (${lineRef(probe, added)}): the VF's driver failed to bring it up` : '') +
      `; the VM ${ended ? 'stayed' : 'stays'} on the synthetic data path`,
    related,
  });
}
