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
