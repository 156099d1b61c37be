/** R5/R11: every VPort attached to a VF is deleted before FREE_VF. */
import { describe } from './describe';
import { defineRule, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'vports-still-attached',
    description: 'A VF freed while a VPort attached to it is not deleted.',
    defaultSeverity: 'error',
    page: 'handling-oid-nic-switch-free-vf-requests',
    reference: 'R5, R11',
  },
  create(context) {
    return {
      action(ev) {
        if (ev.oid !== 'OID_NIC_SWITCH_FREE_VF' || ev.ids.vf === undefined) return;
        const vports = context.model.vportsOfVf(ev.adapter, ev.ids.vf);
        if (vports.length === 0) return;
        const list = vports.map((p) => `VPort ${p.id}`).join(', ');
        context.report({
          event: ev,
          message:
            `${describe(ev, false)} while ${list} ${vports.length > 1 ? 'are' : 'is'} still attached to it; ` +
            `delete the VPort (OID_NIC_SWITCH_DELETE_VPORT) first: the PF must fail this with NDIS_STATUS_INVALID_PARAMETER`,
          related: vports.flatMap((p) => (p.seenBy ? [relatedTo(p.seenBy, `VPort ${p.id} attached to VF ${ev.ids.vf} here`)] : [])),
        });
      },
    };
  },
});
