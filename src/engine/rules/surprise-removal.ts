/**
 * VF failover and live migration: the guest's VF is removed gracefully if it
 * can be; if the graceful removal times out, it is surprise removed (page
 * sr-iov-vf-failover-and-live-migration-support). A surprise removal after a
 * graceful one was asked for is reported (info) with the time it took.
 */
import { elapsedMs } from '../dialects/time';
import { guestStep } from '../dialects/linux-guest';
import type { TraceEvent } from '../types';
import { formatMs, lineRef } from './describe';
import { defineRule, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'surprise-removal',
    description: 'A VF surprise removed after its graceful removal was asked for and timed out, with the time it took.',
    defaultSeverity: 'info',
    page: 'sr-iov-vf-failover-and-live-migration-support',
  },
  create(context) {
    /** The graceful removal asked for, per adapter and VF, not yet followed by the VF's going. */
    const graceful = new Map<string, TraceEvent>();
    const key = (ev: TraceEvent) => `${ev.adapter}\u0000${ev.ids.vf}`;
    return {
      event(ev) {
        if (ev.kind !== 'lifecycle' || ev.ids.vf === undefined || guestStep(ev) !== undefined) return;
        if (ev.verb === 'REMOVE_VF') {
          graceful.set(key(ev), ev);
        } else if (ev.verb === 'SURPRISE_REMOVE') {
          const asked = graceful.get(key(ev));
          if (!asked) return;
          graceful.delete(key(ev));
          const took = elapsedMs(asked.time, ev.time);
          const after = took === undefined ? 'after' : `${formatMs(took)} after`;
          context.report({
            event: ev,
            note: `${after} the graceful removal (${lineRef(asked, ev)})`,
            message: `VF ${ev.ids.vf} was surprise removed ${after} its graceful removal was asked for (REMOVE_VF, ${lineRef(asked, ev)}): the guest did not release the VF in time`,
            related: [relatedTo(asked, 'the graceful removal was asked for here')],
          });
        } else if (ev.verb === 'ADD_VF' || ev.verb === 'UNBIND' || ev.verb === 'HALT') {
          // The VF came back, or the guest let it go: no timeout is running.
          graceful.delete(key(ev));
        }
      },
    };
  },
});
