/** R6: NDIS clears every filter, deletes every non-default VPort and frees every VF before DELETE_SWITCH. */
import type { RelatedLocation } from '../types';
import { defineRule, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'switch-in-use',
    description: 'The NIC switch deleted while the trace shows VFs, non-default VPorts or filters still alive on it.',
    defaultSeverity: 'error',
    page: 'deleting-a-nic-switch',
    reference: 'R6',
  },
  create(context) {
    return {
      action(ev) {
        if (ev.oid !== 'OID_NIC_SWITCH_DELETE_SWITCH') return;
        const adapter = context.model.adapter(ev.adapter);
        if (!adapter) return;
        const alive: string[] = [];
        const related: RelatedLocation[] = [];
        for (const vf of adapter.vfs.values()) {
          if (vf.allocated !== true) continue;
          alive.push(`VF ${vf.vf}`);
          if (vf.allocatedBy) related.push(relatedTo(vf.allocatedBy, `VF ${vf.vf} allocated here`));
        }
        for (const p of adapter.vports.values()) {
          if (p.alive !== true || p.id === '0') continue;
          alive.push(`VPort ${p.id}`);
          if (p.seenBy) related.push(relatedTo(p.seenBy, `VPort ${p.id} created here`));
        }
        for (const f of adapter.filters.values()) {
          alive.push(`filter ${f.id}`);
          related.push(relatedTo(f.placedBy, `filter ${f.id} set here`));
        }
        if (alive.length === 0) return;
        const shown = alive.length > 6 ? alive.slice(0, 6).join(', ') + ` and ${alive.length - 6} more` : alive.join(', ');
        context.report({
          event: ev,
          message:
            `OID_NIC_SWITCH_DELETE_SWITCH (line ${ev.line}) while ${shown} ${alive.length > 1 ? 'are' : 'is'} still alive on the switch; ` +
            `every filter must be cleared, every non-default VPort deleted and every VF freed first`,
          related: related.slice(0, 20),
        });
      },
    };
  },
});
