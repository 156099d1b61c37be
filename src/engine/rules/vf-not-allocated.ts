/** R2: after FREE_VF(n) or a failed ALLOCATE_VF(n), no OID may name VF n until it is allocated again. */
import { describe } from './describe';
import { defineRule, relatedTo } from './rule';

const NAMES_VF = new Set([
  'OID_NIC_SWITCH_CREATE_VPORT',
  'OID_SRIOV_RESET_VF',
  'OID_SRIOV_SET_VF_POWER_STATE',
  'OID_SRIOV_READ_VF_CONFIG_SPACE',
  'OID_SRIOV_WRITE_VF_CONFIG_SPACE',
  'OID_SRIOV_READ_VF_CONFIG_BLOCK',
  'OID_SRIOV_WRITE_VF_CONFIG_BLOCK',
  'OID_NIC_SWITCH_FREE_VF',
  'OID_NIC_SWITCH_VF_PARAMETERS',
  'OID_SRIOV_VF_VENDOR_DEVICE_ID',
  'OID_SRIOV_BAR_RESOURCES',
]);

export default defineRule({
  meta: {
    id: 'vf-not-allocated',
    description: 'An OID names a VF that was freed, or whose allocation failed, and not allocated again.',
    defaultSeverity: 'error',
    page: 'oid-sriov-reset-vf',
    reference: 'R2',
  },
  create(context) {
    return {
      action(ev) {
        if (ev.oid === undefined || !NAMES_VF.has(ev.oid) || ev.ids.vf === undefined) return;
        const vf = context.model.adapter(ev.adapter)?.vfs.get(ev.ids.vf);
        if (vf?.allocated !== false || !vf.allocatedBy) return;
        const by = vf.allocatedBy;
        const freed = by.oid === 'OID_NIC_SWITCH_FREE_VF';
        context.report({
          event: ev,
          message: freed
            ? `${describe(ev, false)} after VF ${ev.ids.vf} was freed (OID_NIC_SWITCH_FREE_VF, line ${by.line}); it must be allocated again (OID_NIC_SWITCH_ALLOCATE_VF) first`
            : `${describe(ev, false)} after the allocation of VF ${ev.ids.vf} failed (line ${by.line}); no VF ${ev.ids.vf} exists`,
          related: [relatedTo(by, freed ? `VF ${ev.ids.vf} freed here` : `OID_NIC_SWITCH_ALLOCATE_VF for VF ${ev.ids.vf} failed here`)],
        });
      },
    };
  },
});
