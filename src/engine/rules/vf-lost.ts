/**
 * A Linux guest's VF slot removed while its data path was still on the VF: the
 * traffic was cut, not failed over. A graceful removal switches the data path
 * to the synthetic one first ("Data path switched from VF"); a VF that goes
 * while traffic flows through it (a surprise removal after a graceful one timed
 * out, a switch that failed) takes that traffic with it.
 */
import { lineRef } from './describe';
import { guestStep, guestText } from '../dialects/linux-guest';
import { defineRule, relatedTo } from './rule';
import { clip } from '../text/clip';

export default defineRule({
  meta: {
    id: 'vf-lost',
    description: "A Linux guest's VF slot removed while its data path was still on the VF: the traffic was cut, not failed over.",
    defaultSeverity: 'error',
    page: 'sr-iov-vf-failover-and-live-migration-support',
  },
  create(context) {
    return {
      event(ev) {
        if (guestStep(ev) !== 'slot-removed' || ev.ids.vf === undefined) return;
        const vf = context.model.adapter(ev.adapter)?.vfs.get(ev.ids.vf);
        const by = vf?.guestPathBy;
        if (vf?.guestPath !== 'vf' || !by) return;
        const where = clip(ev.attrs.iface ?? ev.adapter);
        const how = guestText(by) ?? `${by.verb} ${by.attrs.path ?? ''}`.trim();
        context.report({
          event: ev,
          note: `the data path was still on the VF (${lineRef(by, ev)})`,
          message:
            `${guestText(ev)} while the data path of ${where} was still on the VF (${how}, ${lineRef(by, ev)}): ` +
            `its traffic was cut, not failed over; the guest switches the data path from the VF before the VF goes`,
          related: [relatedTo(by, by.attrs.err === undefined ? 'the data path moved to the VF here and never back' : 'the data path stayed on the VF here')],
        });
      },
    };
  },
});
