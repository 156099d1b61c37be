import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine';
import { analyzeSample, byRule, DOCS, ruleTester, sample, trace } from '../helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const ORDER = 'the documented VF initialization is I1 CREATE_SWITCH -> I2 ALLOCATE_VF -> I3 CREATE_VPORT -> I4 MOVE_FILTER -> I4b SET_FILTER -> I5 ADD_VF -> I6 BIND';

ruleTester('setup-order', {
  valid: [
    { name: 'the clean setup sample', code: sample('setup-clean.oidtrace') },
    {
      name: 'trace starts mid-life: ALLOCATE_VF with no CREATE_SWITCH anywhere (the switch predates the trace)',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=1
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=1 vport=2
      `,
    },
    {
      name: 'trace starts mid-life: CREATE_VPORT of a VF allocated before the trace',
      code: 'VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=1 vport=2',
    },
    {
      name: 'switch deleted, created again, then a VF allocated',
      code: trace`
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
        NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
      `,
    },
    {
      name: 'the default VPort (0) may be created before the switch',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vport=0
        NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0
      `,
    },
    {
      name: 'ALLOCATE_VF whose VF id only the completion names',
      code: trace`
        NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF switch=0
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
      `,
    },
    {
      name: 'two VFs set up interleaved, each in order',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=1
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=4
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=1 vport=3
        NETVSC -> VF BIND vf=2
        NETVSC -> VF BIND vf=1
      `,
    },
    { name: 'switched off', code: sample('setup-order.oidtrace'), options: { rules: { 'setup-order': 'off' } } },
    {
      name: "a Linux guest's lines against each other are guest-order's to check: the VF joined (I6) before the late association (I5)",
      code: trace`
        [    6.100000] ${NETVSC} VF registering: eth1
        [    6.100040] mlx5_core 3039:00:02.0 eth1: joined to eth0
        [    6.250000] ${NETVSC} Waiting for the VF association from host
        [    9.400000] ${NETVSC} VF slot 1 added
      `,
    },
  ],
  invalid: [
    {
      name: "a Linux guest's line against a host step still counts: the slot added (I5) before the VF's VPort (I3)",
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=1
        [    3.918902] ${NETVSC} VF slot 1 added
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=1 vport=3
      `,
      errors: [{ line: 2, column: 69, endColumn: 84, message: ['I5 ADD_VF for VF 1 came before I3 OID_NIC_SWITCH_CREATE_VPORT for VPort 3 (VF 1) (line 3)', ORDER] }],
    },
    {
      name: 'the setup-order sample: ALLOCATE_VF before CREATE_SWITCH (R1), CREATE_VPORT before ALLOCATE_VF (R9)',
      code: sample('setup-order.oidtrace'),
      errors: [
        {
          line: 4,
          column: 39,
          endColumn: 65,
          severity: 'error',
          message: ['OID_NIC_SWITCH_ALLOCATE_VF for VF 0 was issued before OID_NIC_SWITCH_CREATE_SWITCH (line 6) created the NIC switch', ORDER],
          related: [{ line: 6, column: 39, endColumn: 67, message: 'I1 OID_NIC_SWITCH_CREATE_SWITCH should come first' }],
          docs: DOCS + 'virtual-function-initialization-sequence',
        },
        {
          line: 8,
          column: 39,
          endColumn: 66,
          severity: 'error',
          message: ['I3 OID_NIC_SWITCH_CREATE_VPORT for VPort 2 (VF 1) came before I2 OID_NIC_SWITCH_ALLOCATE_VF for VF 1 (line 10)', ORDER],
          related: [{ line: 10, column: 39, endColumn: 65, message: 'I2 OID_NIC_SWITCH_ALLOCATE_VF should come first' }],
        },
      ],
    },
    {
      name: 'ALLOCATE_VF after the switch was deleted',
      code: trace`
        NDIS -> PF SET OID_NIC_SWITCH_DELETE_SWITCH switch=0
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
      `,
      errors: [
        {
          line: 2,
          column: 21,
          endColumn: 47,
          message: ['OID_NIC_SWITCH_ALLOCATE_VF for VF 2 after the NIC switch was deleted (line 1) and before it was created again'],
          related: [{ line: 1, column: 16, endColumn: 44, message: 'the NIC switch was deleted here' }],
        },
      ],
    },
    {
      name: 'SET_FILTER on a VPort before CREATE_VPORT made it (R3)',
      code: trace`
        VSTACK -> PF METHOD OID_RECEIVE_FILTER_SET_FILTER filter=8 vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
      `,
      errors: [
        {
          line: 1,
          column: 21,
          endColumn: 50,
          message: ['OID_RECEIVE_FILTER_SET_FILTER for VPort 3 uses VPort 3 before OID_NIC_SWITCH_CREATE_VPORT (line 2) created it'],
          related: [{ line: 2, message: 'VPort 3 is created here' }],
        },
      ],
    },
    {
      name: 'BIND (I6) before CREATE_VPORT (I3)',
      code: trace`
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        NETVSC -> VF BIND vf=2
        VSTACK -> PF METHOD OID_NIC_SWITCH_CREATE_VPORT vf=2 vport=3
      `,
      errors: [
        {
          line: 2,
          column: 14,
          endColumn: 18,
          message: ['I6 BIND for VF 2 came before I3 OID_NIC_SWITCH_CREATE_VPORT for VPort 3 (VF 2) (line 3)', ORDER],
          related: [3],
        },
      ],
    },
  ],
});

describe('setup-order: notes for the diagram', () => {
  it('an R9 finding carries the short note, the R1 finding names the switch creation', () => {
    const ds = byRule(analyzeSample('setup-order.oidtrace'), 'setup-order');
    expect(ds.map((d) => d.note)).toEqual([undefined, 'should follow I2 ALLOCATE_VF (line 10)']);
  });

  it('the clean setup sample gives no diagnostic at all', () => {
    expect(analyzeSample('setup-clean.oidtrace').diagnostics).toEqual([]);
  });
});

describe('setup-order: a trace full of VF allocations before its switch is created', () => {
  it('reports the first 256 and says how many later ones it did not list (memory stays bounded)', () => {
    const lines = [];
    for (let i = 1; i <= 300; i++) lines.push(`VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=${i}`);
    lines.push('NDIS -> PF METHOD OID_NIC_SWITCH_CREATE_SWITCH switch=0');
    const ds = byRule(analyze(lines.join('\n'), { fileName: 'many.oidtrace' }), 'setup-order');
    expect(ds.length).toBe(256);
    expect(ds[0]!.span.line).toBe(1);
    expect(ds[255]!.span.line).toBe(256);
    expect(ds[255]!.message).toBe(
      `OID_NIC_SWITCH_ALLOCATE_VF for VF 256 was issued before OID_NIC_SWITCH_CREATE_SWITCH (line 301) created the NIC switch; ${ORDER} (and 44 later such requests, not listed)`,
    );
    expect(ds[254]!.message).not.toContain('not listed');
  });
});
