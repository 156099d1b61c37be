/** R8/R5: a teardown step whose earlier documented step never appears in the trace. */
import { VF_TEARDOWN } from '../catalog/sequences';
import type { TraceEvent } from '../types';
import { describe, orderText } from './describe';
import { defineRule, relatedTo } from './rule';

const ORDER = orderText(VF_TEARDOWN.steps.filter((s) => s.ordered));

export default defineRule({
  meta: {
    id: 'teardown-missing-step',
    description: 'A VF teardown step whose documented predecessor never appears, though the teardown was under way in the trace.',
    defaultSeverity: 'warning',
    page: 'virtual-function-teardown-sequence',
    reference: 'R8, R5',
  },
  create(context) {
    return {
      episodeEnd(record) {
        if (record.episode.kind !== 'vf-teardown' || !record.order) return;
        // One report per step that shows the gap, naming every step missing before it.
        const byAt = new Map<TraceEvent, { after: TraceEvent; steps: string[] }>();
        for (const { stepId, at, after } of record.order.missing) {
          const step = VF_TEARDOWN.steps.find((s) => s.id === stepId)!;
          const entry = byAt.get(at) ?? { after, steps: [] };
          entry.steps.push(`${stepId} ${step.oid ?? step.verb}`);
          byAt.set(at, entry);
        }
        for (const [at, { after, steps }] of byAt) {
          context.report({
            event: at,
            note: `missing before it: ${steps.join(', ')}`,
            message:
              `${at.step} ${describe(at, false)} without ${steps.join(' or ')} after ${after.step} ${describe(after)}; ` +
              `the documented VF teardown is ${ORDER}`,
            related: [relatedTo(after, `${after.step}: the teardown was under way here`)],
          });
        }
      },
    };
  },
});
