/** A request the trace never completes, in a trace that prints completions. */
import { describe } from './describe';
import { defineRule, oidDocs } from './rule';

export default defineRule({
  meta: {
    id: 'oid-pending',
    description: 'An OID request never completed by the end of the trace.',
    defaultSeverity: 'warning',
    page: 'virtual-function-teardown-sequence',
  },
  create(context) {
    return {
      end() {
        // Too many outstanding at once: the oldest were set aside. Said once, at the first of them.
        const dropped = context.model.droppedRequests();
        if (dropped.first) {
          const others = dropped.onAdaptersWithCompletions - 1;
          const limit = dropped.limit.toLocaleString('en');
          context.report({
            event: dropped.first,
            docs: oidDocs(dropped.first.oid),
            message:
              `${describe(dropped.first, false)} was still outstanding when ${limit} newer requests were; the analysis follows at most ${limit} ` +
              `outstanding requests, so ${others ? `it and ${others.toLocaleString('en')} later ${others === 1 ? 'one were' : 'ones were'}` : 'it was'} set aside: ` +
              `a completion for ${others ? 'them' : 'it'} is not paired, and ${others ? 'they are' : 'it is'} not reported one by one`,
          });
        }
        for (const ev of context.model.outstanding()) {
          if (ev.method === 'handled') continue;
          // Only where the log prints completions is a missing one evidence.
          if (!context.model.adapter(ev.adapter)?.hasCompletions) continue;
          context.report({
            event: ev,
            docs: oidDocs(ev.oid),
            message: `${describe(ev, false)} was never completed by the end of the trace; each request must complete before the next is issued`,
          });
        }
      },
    };
  },
});
