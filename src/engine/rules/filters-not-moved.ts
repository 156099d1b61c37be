/** R4: every filter on a VPort is cleared or moved off it before DELETE_VPORT. */
import { describe } from './describe';
import { defineRule, relatedTo } from './rule';

export default defineRule({
  meta: {
    id: 'filters-not-moved',
    description: 'A VPort deleted while the trace shows receive filters still on it.',
    defaultSeverity: 'error',
    page: 'deleting-a-virtual-port',
    reference: 'R4',
  },
  create(context) {
    return {
      event(ev) {
        if (ev.kind !== 'request' || ev.oid !== 'OID_NIC_SWITCH_DELETE_VPORT' || ev.ids.vport === undefined) return;
        const adapter = context.model.adapter(ev.adapter);
        const filters = context.model.filtersOn(adapter, ev.ids.vport);
        if (filters.length === 0) return;
        const list = filters.map((f) => f.id).join(', ');
        context.report({
          event: ev,
          message:
            `${describe(ev, false)} while filter${filters.length > 1 ? 's' : ''} ${list} ` +
            `${filters.length > 1 ? 'are' : 'is'} still on it; move ${filters.length > 1 ? 'them' : 'it'} off (OID_RECEIVE_FILTER_MOVE_FILTER) ` +
            `or clear ${filters.length > 1 ? 'them' : 'it'} (OID_RECEIVE_FILTER_CLEAR_FILTER) first`,
          related: filters.map((f) => relatedTo(f.placedBy, `filter ${f.id} was put on VPort ${f.vport} here`)),
        });
      },
    };
  },
});
