/** R8/R5: a teardown step whose earlier documented step never appears in the trace. */
import { VF_TEARDOWN } from '../catalog/sequences';
import type { TraceEvent } from '../types';
import { describe, lineRef, orderText } from './describe';
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
        const byAt = new Map<TraceEvent, { after: TraceEvent; steps: string[]; notes: string[]; failed: TraceEvent[] }>();
        for (const { stepId, at, after, failed } of record.order.missing) {
          const step = VF_TEARDOWN.steps.find((s) => s.id === stepId)!;
          const name = `${stepId} ${step.oid ?? step.verb}`;
          const entry = byAt.get(at) ?? { after, steps: [], notes: [], failed: [] };
          entry.steps.push(failed ? `a successful ${name} (it failed: ${lineRef(failed, at)})` : name);
          entry.notes.push(failed ? `${name} (failed)` : name);
          if (failed) entry.failed.push(failed);
          byAt.set(at, entry);
        }
        for (const [at, { after, steps, notes, failed }] of byAt) {
          const since = after === failed[0] ? '' : ` after ${after.step} ${describe(after)}`;
          context.report({
            event: at,
            note: `missing before it: ${notes.join(', ')}`,
            message: `${at.step} ${describe(at, false)} without ${steps.join(' or ')}${since}; ` + `the documented VF teardown is ${ORDER}`,
            related: [
              ...(since ? [relatedTo(after, `${after.step}: the teardown was under way here`)] : []),
              ...failed.map((f) => relatedTo(f, `${f.step} ${f.oid ?? f.verb} failed here`)),
            ],
          });
        }
      },
    };
  },
});
