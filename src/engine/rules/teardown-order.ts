/** R8/R5: a VF's teardown runs T1 move filters -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF. */
import { VF_TEARDOWN } from '../catalog/sequences';
import { describe, lineRef, orderText, stepLabel } from './describe';
import { defineRule, relatedTo } from './rule';

const ORDER = orderText(VF_TEARDOWN.steps.filter((s) => s.ordered));

export default defineRule({
  meta: {
    id: 'teardown-order',
    description: 'VF teardown steps must come in the documented order: move filters, delete VPort, reset VF, free VF.',
    defaultSeverity: 'error',
    page: 'virtual-function-teardown-sequence',
    reference: 'R8, R5',
  },
  create(context) {
    return {
      episodeEnd(record) {
        if (record.episode.kind !== 'vf-teardown' || !record.order) return;
        for (const { event, shouldFollow } of record.order.premature) {
          context.report({
            event,
            note: `should follow ${stepLabel(shouldFollow)} (${lineRef(shouldFollow, event)})`,
            message:
              `${event.step} ${describe(event, false)} was issued before ${shouldFollow.step} ${describe(shouldFollow, false)} (${lineRef(shouldFollow, event)}); ` +
              `the documented VF teardown is ${ORDER}`,
            related: [relatedTo(shouldFollow, `${shouldFollow.step} ${shouldFollow.oid ?? shouldFollow.verb} should come first`)],
          });
        }
      },
    };
  },
});
