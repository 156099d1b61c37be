import { describe, expect, it } from 'vitest';
import { analyzeSample, DOCS, ruleTester, sample, trace } from '../helpers';

const GUEST_FIRST = 'NetVSC must unbind and the VF miniport halt first';
const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';

ruleTester('vf-still-in-use', {
  valid: [
    { name: 'the clean teardown sample (UNBIND, HALT, DATAPATH synthetic first)', code: sample('teardown-clean.oidtrace') },
    {
      name: 'trace starts mid-life: no guest event at all',
      code: trace`
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=2 from=1 to=0 vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
    },
    {
      name: 'BIND, then UNBIND before the teardown',
      code: trace`
        NETVSC -> VF BIND vf=1
        NETVSC -> VF UNBIND vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
    },
    {
      name: 'DATAPATH path=vf, then the VF miniport halted',
      code: trace`
        NETVSC DATAPATH path=vf vf=1
        VF HALT vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
    },
    {
      name: 'DATAPATH path=vf, then a surprise removal',
      code: trace`
        NETVSC DATAPATH path=vf vf=1
        VSP -> VSC SURPRISE_REMOVE vf=1
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=2 from=1 to=0 vf=1
      `,
    },
    {
      name: 'the guest on the VF path of another VF',
      code: trace`
        NETVSC -> VF BIND vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
    },
    {
      name: 'the guest on the VF path of the same VF id on another adapter',
      code: trace`
        NETVSC -> VF BIND vf=1 adapter=pf1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1 adapter=pf0
      `,
    },
    {
      name: 'PF halt: a later DELETE_SWITCH on the adapter silences it (the VF miniport may halt after FREE_VF)',
      code: trace`
        NETVSC DATAPATH path=vf vf=1
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=2 from=1 to=0 vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=1
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
        NETVSC UNBIND vf=1
      `,
    },
    {
      name: 'PF halt: the vf-still-in-use sample followed by DELETE_SWITCH',
      code: sample('vf-still-in-use.oidtrace') + '\n08:17:45.000000 NDIS -> PF     SET OID_NIC_SWITCH_DELETE_SWITCH switch=0\n',
    },
    {
      name: 'PF halt: a later PF HALT (no VF named) silences it too',
      code: trace`
        NETVSC DATAPATH path=vf vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
        PF HALT
      `,
    },
    { name: 'switched off', code: sample('vf-still-in-use.oidtrace'), options: { rules: { 'vf-still-in-use': 'off' } } },
    {
      name: "a Linux guest's lines pasted in: it switched from the VF first",
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
    },
    {
      name: "a Linux guest's lines pasted in: the VF slot was removed (vf-lost says the traffic was cut)",
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
    },
  ],
  invalid: [
    {
      name: 'the vf-still-in-use sample: MOVE_FILTER and DELETE_VPORT while NetVSC is still bound',
      code: sample('vf-still-in-use.oidtrace'),
      errors: [
        {
          line: 6,
          column: 36,
          endColumn: 66,
          severity: 'error',
          message: ['T1 OID_RECEIVE_FILTER_MOVE_FILTER for VF 1 while the guest is still on the VF data path of VF 1 (DATAPATH at line 5)', GUEST_FIRST],
          related: [{ line: 5, column: 32, endColumn: 40, message: 'the guest moved to the VF data path here' }],
          docs: DOCS + 'virtual-function-teardown-sequence',
        },
        {
          line: 8,
          column: 36,
          endColumn: 63,
          message: ['T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 1 (VF 1) while the guest is still on the VF data path of VF 1', GUEST_FIRST],
          related: [5],
        },
      ],
    },
    {
      name: 'a DELETE_SWITCH before the teardown is no PF halt of it',
      code: trace`
        NETVSC -> VF BIND vf=1
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
      errors: [{ line: 3, column: 18, endColumn: 45, message: ['(BIND at line 1)'], related: [1] }],
    },
    {
      name: 'a DELETE_SWITCH on another adapter is no PF halt of this one',
      code: trace`
        @adapter pf0
        NETVSC -> VF BIND vf=1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
        @adapter pf1
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
      `,
      errors: [{ line: 3, column: 18, endColumn: 45 }],
    },
    {
      name: 'the guest went back to the VF path after leaving it',
      code: trace`
        NETVSC UNBIND vf=2
        NETVSC DATAPATH path=vf vf=2
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      `,
      errors: [{ line: 3, column: 18, endColumn: 45, message: ['VF 2 (DATAPATH at line 2)'], related: [2] }],
    },
    {
      name: 'a Linux guest that failed to switch from the VF is still on it',
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.911509] ${NETVSC} Data path failed to switch from VF: enP12345s1, err: -110
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
      errors: [{ line: 3, column: 18, endColumn: 45, message: ['VF 1 (DATAPATH at line 2)'], related: [2] }],
    },
    {
      name: 'a Linux guest that unregistered the VF without switching from it is still on it (only "Data path switched" moves it)',
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
        VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=1 vf=1
      `,
      errors: [{ line: 3, column: 18, endColumn: 45, message: ['VF 1 (DATAPATH at line 1)'], related: [1] }],
    },
    {
      name: 'a MOVE_FILTER that names only its source VPort, linked to the VF by CREATE_VPORT',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=1 vport=4
        NETVSC DATAPATH path=vf vf=1
        VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=2 from=4 to=0
      `,
      errors: [{ line: 3, column: 18, endColumn: 48, message: ['T1 OID_RECEIVE_FILTER_MOVE_FILTER for filter 2', 'of VF 1'] }],
    },
  ],
});

describe('vf-still-in-use on its sample', () => {
  it('reports exactly T1 and T2 (RESET_VF and FREE_VF are not guest-facing)', () => {
    expect(analyzeSample('vf-still-in-use.oidtrace').diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['6 vf-still-in-use', '8 vf-still-in-use']);
  });
});
