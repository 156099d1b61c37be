/**
 * A Linux guest's VF brought up ("VF registering", "joined to", "VF up", "Data
 * path switched to VF") after its slot was removed and not added again: the
 * guest is using a device the host has taken away.
 *
 * The teardown after a removal ("VF unregistering", "Data path switched from
 * VF", "VF down") is the normal end of the story, not activity. A VF may also
 * come back ahead of its slot: hv_pci probes the device again, the VF registers
 * and NetVSC waits for the host's association ("Waiting for the VF association
 * from host"). So a bring-up counts only when the log shows hv_pci's probes of
 * this VF and none since the removal: without them (a log filtered down to
 * hv_netvsc's lines, one that starts after the VF's probe) a VF that came back
 * looks the same as one touched after it went.
 */
import { docsUrl } from '../catalog/docs';
import { guestStep, guestText } from '../dialects/linux-guest';
import { BRING_UP } from '../model/guest-vf';
import { lineRef } from './describe';
import { defineRule, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'vf-activity-after-removal',
    description: "A Linux guest's VF registers, joins or takes the data path after its slot was removed and not added again.",
    defaultSeverity: 'error',
    page: 'sr-iov-vf-failover-and-live-migration-support',
  },
  create(context) {
    return {
      event(ev) {
        const step = guestStep(ev);
        if (step === undefined || !BRING_UP.has(step) || ev.ids.vf === undefined) return;
        const v = context.model.adapter(ev.adapter)?.vfs.get(ev.ids.vf);
        const removed = v?.slotRemovedBy;
        const probe = v?.probedBy;
        if (!removed || !probe || probe.index > removed.index) return;
        const path = step === 'vf-up' || step === 'switched-to-vf';
        context.report({
          event: ev,
          docs: docsUrl('sr-iov-vf-failover-and-live-migration-support'),
          note: `after VF slot ${removed.attrs.slot ?? ev.ids.vf} was removed (${lineRef(removed, ev)})`,
          message:
            `${guestText(ev)} came after VF slot ${removed.attrs.slot ?? ev.ids.vf} was removed (${lineRef(removed, ev)}), ` +
            `with no slot added and no PCI probe since: ` +
            (path ? 'NetVSC is moving the data path to a VF the host has taken away' : "the VF's driver is bringing up a device the host has taken away"),
          related: [relatedTo(removed, 'the slot was removed here')],
        });
      },
    };
  },
});
