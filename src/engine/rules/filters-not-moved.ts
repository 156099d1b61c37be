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
      action(ev) {
        if (ev.oid !== 'OID_NIC_SWITCH_DELETE_VPORT' || ev.ids.vport === undefined) return;
        const filters = context.model.filtersOn(ev.adapter, ev.ids.vport);
        // Moves that named no filter took some of them off: only more filters than such moves is evidence.
        const unnamed = context.model.unnamedMovesOff(ev.adapter, ev.ids.vport);
        if (filters.length <= unnamed) return;
        const list = filters.map((f) => f.id).join(', ');
        const plural = filters.length > 1;
        const state =
          unnamed === 0
            ? `${plural ? 'are' : 'is'} still on it`
            : `were on it and ${unnamed === 1 ? 'one move' : `${unnamed} moves`} named no filter: ${filters.length - unnamed === 1 ? 'one is' : `${filters.length - unnamed} are`} still on it`;
        context.report({
          event: ev,
          message:
            `${describe(ev, false)} while filter${plural ? 's' : ''} ${list} ${state}; ` +
            `move ${plural ? 'them' : 'it'} off (OID_RECEIVE_FILTER_MOVE_FILTER) ` +
            `or clear ${plural ? 'them' : 'it'} (OID_RECEIVE_FILTER_CLEAR_FILTER) first`,
          related: filters.map((f) => relatedTo(f.placedBy, `filter ${f.id} was put on VPort ${f.vport} here`)),
        });
      },
    };
  },
});
