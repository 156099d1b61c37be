/**
 * R1, R3, R9: the VF initialization order. CREATE_SWITCH before ALLOCATE_VF or a
 * non-default CREATE_VPORT (R1); CREATE_VPORT(v) before anything that uses v (R3);
 * I1 -> I2 -> I3 -> I4 (-> I4b) -> I5 -> I6 per VF (R9).
 */
import { VF_SETUP } from '../catalog/sequences';
import { describe, orderText, stepLabel } from './describe';
import { defineRule, relatedTo } from './rule';

const ORDER = orderText(VF_SETUP.steps.filter((s) => s.ordered));

export default defineRule({
  meta: {
    id: 'setup-order',
    description: 'VF initialization steps must come in the documented order: create switch, allocate VF, create VPort, move filters, expose the VF, bind.',
    defaultSeverity: 'error',
    page: 'virtual-function-initialization-sequence',
    reference: 'R1, R3, R9',
  },
  create(context) {
    const reported = new Set<number>();
    return {
      action(ev) {
        const adapter = context.model.adapter(ev.adapter);
        if (!adapter) return;
        if (ev.oid === 'OID_NIC_SWITCH_CREATE_SWITCH') {
          const uses = adapter.usesBeforeSwitch;
          uses.forEach((use, i) => {
            reported.add(use.index);
            // Only the first MAX_USES_BEFORE_SWITCH are remembered; the last one says how many more there were.
            const more = i === uses.length - 1 && adapter.usesBeforeSwitchOmitted > 0 ? ` (and ${adapter.usesBeforeSwitchOmitted} later such requests, not listed)` : '';
            context.report({
              event: use,
              message: `${describe(use, false)} was issued before OID_NIC_SWITCH_CREATE_SWITCH (line ${ev.line}) created the NIC switch; the documented VF initialization is ${ORDER}${more}`,
              related: [relatedTo(ev, 'I1 OID_NIC_SWITCH_CREATE_SWITCH should come first')],
            });
          });
        } else if (
          adapter.switchCreated === false &&
          adapter.deleteSwitch &&
          (ev.oid === 'OID_NIC_SWITCH_ALLOCATE_VF' || (ev.oid === 'OID_NIC_SWITCH_CREATE_VPORT' && ev.ids.vport !== '0'))
        ) {
          reported.add(ev.index);
          context.report({
            event: ev,
            message: `${describe(ev, false)} after the NIC switch was deleted (line ${adapter.deleteSwitch.line}) and before it was created again`,
            related: [relatedTo(adapter.deleteSwitch, 'the NIC switch was deleted here')],
          });
        } else if (ev.oid === 'OID_NIC_SWITCH_CREATE_VPORT' && ev.ids.vport !== undefined) {
          const early = adapter.vports.get(ev.ids.vport)?.usedBeforeCreate;
          if (early) {
            reported.add(early.index);
            context.report({
              event: early,
              message: `${describe(early, false)} uses VPort ${ev.ids.vport} before OID_NIC_SWITCH_CREATE_VPORT (line ${ev.line}) created it`,
              related: [relatedTo(ev, `VPort ${ev.ids.vport} is created here`)],
            });
          }
        }
      },
      episodeEnd(record) {
        if (record.episode.kind !== 'vf-setup' || !record.order) return;
        for (const { event, shouldFollow } of record.order.premature) {
          if (reported.has(event.index)) continue;
          context.report({
            event,
            note: `should follow ${stepLabel(shouldFollow)} (line ${shouldFollow.line})`,
            message:
              `${event.step} ${describe(event, false)} came before ${shouldFollow.step} ${describe(shouldFollow)}; ` + `the documented VF initialization is ${ORDER}`,
            related: [relatedTo(shouldFollow, `${shouldFollow.step} ${shouldFollow.oid ?? shouldFollow.verb} should come first`)],
          });
        }
      },
    };
  },
});
