/** A request that took longer than the threshold to complete (FLRs that take seconds). */
import { elapsedMs } from '../dialects/time';
import { describe, formatMs } from './describe';
import { defineRule, oidDocs, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'step-slow',
    description: 'An OID request took longer than the threshold (oidtrace.stepSlowMs, 5 s by default) to complete.',
    defaultSeverity: 'info',
    page: 'oid-sriov-reset-vf',
  },
  create(context) {
    return {
      event(ev) {
        if (ev.kind !== 'completion' || ev.pair === undefined || ev.time === undefined || context.stepSlowMs <= 0) return;
        if (ev.status?.pending) return;
        const request = context.model.eventAt(ev.pair);
        const took = elapsedMs(request?.time, ev.time);
        if (request === undefined || took === undefined || took <= context.stepSlowMs) return;
        context.report({
          event: request,
          docs: oidDocs(request.oid),
          message: `${describe(request, false)} took ${formatMs(took)} to complete (threshold ${formatMs(context.stepSlowMs)})`,
          related: [relatedTo(ev, 'completed here')],
        });
      },
    };
  },
});
