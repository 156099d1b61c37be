/** R7: at most one non-default VPort is attached to a VF (NDIS 6.30 and later). */
import { describe } from './describe';
import { defineRule, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'vport-per-vf',
    description: 'A second non-default VPort attached to one VF.',
    defaultSeverity: 'warning',
    page: 'virtual-ports--vports-',
    reference: 'R7',
  },
  create(context) {
    return {
      action(ev) {
        if (ev.oid !== 'OID_NIC_SWITCH_CREATE_VPORT' || ev.ids.vf === undefined) return;
        if (ev.ids.vport === '0') return;
        const others = context.model.vportsOfVf(ev.adapter, ev.ids.vf).filter((p) => p.id !== ev.ids.vport);
        if (others.length === 0) return;
        context.report({
          event: ev,
          message:
            `${describe(ev, false)} attaches a second non-default VPort to VF ${ev.ids.vf}, which already has ` +
            `${others.map((p) => `VPort ${p.id}`).join(', ')}; NDIS 6.30 and later allow one`,
          related: others.flatMap((p) => (p.seenBy ? [relatedTo(p.seenBy, `VPort ${p.id} attached to VF ${ev.ids.vf} here`)] : [])),
        });
      },
    };
  },
});
