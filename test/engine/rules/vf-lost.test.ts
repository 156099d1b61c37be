import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine';
import { DOCS, ruleTester, trace } from '../helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const AT = 15 + NETVSC.length + 2;
const dmesg = { fileName: 'dmesg.txt' };
const CUT = 'its traffic was cut, not failed over';
const LONG_IFACE = 'eth' + '0'.repeat(3000);
const LONG_VF = 'enP12345s' + '1'.repeat(3000);
const LONG_NETVSC = `hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e ${LONG_IFACE}:`;
const LONG_AT = 15 + LONG_NETVSC.length + 2;
const LONG_VMBUS = 'a'.repeat(3000);
const UNNAMED = `hv_netvsc ${LONG_VMBUS} (unnamed net_device):`;

ruleTester('vf-lost', {
  valid: [
    {
      name: 'a graceful removal: switched from the VF, unregistered, slot removed',
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1
        [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
    },
    {
      name: 'boot: switching to and from the VF three times, the VF stays (no slot removed)',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [    9.654979] ${NETVSC} Data path switched from VF: enP12345s1
        [    9.910595] ${NETVSC} Data path switched to VF: enP12345s1
        [   11.411194] ${NETVSC} Data path switched from VF: enP12345s1
        [   11.733216] ${NETVSC} Data path switched to VF: enP12345s1
        [   12.001000] ${NETVSC} Data path switched from VF: enP12345s1
        [   12.201000] ${NETVSC} Data path switched to VF: enP12345s1
      `,
      ...dmesg,
    },
    {
      name: 'the boot flapped, and the last switch before the removal was from the VF',
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [    9.654979] ${NETVSC} Data path switched from VF: enP12345s1
        [    9.910595] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.911509] ${NETVSC} Data path switched from VF: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
    },
    { name: 'the trace starts with the removal: where the data path was is unknown', code: `[ 8162.020138] ${NETVSC} VF slot 1 removed\n`, ...dmesg },
    {
      name: 'a failed switch to the VF is evidence the data path stayed synthetic',
      code: trace`
        [    8.090127] ${NETVSC} Data path failed to switch to VF: enP12345s1, err: -110
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
    },
    {
      name: 'another slot was on the VF path',
      code: trace`
        [    8.090127] ${NETVSC} VF slot 2 added
        [    8.090200] ${NETVSC} Data path switched to VF: enP12345s2
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
    },
    {
      name: 'the other adapter was on the VF path',
      code: trace`
        [    8.090127] hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: VF slot 1 added
        [    8.090200] hv_netvsc 000d3a6e-5678-000d-3a6e-5678000d3a6e eth1: Data path switched to VF: enP4660s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
    },
    {
      name: "a host's REMOVE_VF in a canonical trace is the request to remove, not the VF gone",
      code: trace`
        NETVSC -> VF BIND vf=1
        VSP -> VSC REMOVE_VF vf=1
      `,
    },
    {
      name: 'switched off',
      code: `[    8.0] ${NETVSC} Data path switched to VF: enP12345s1\n[    9.0] ${NETVSC} VF slot 1 removed\n`,
      ...dmesg,
      options: { rules: { 'vf-lost': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'interface names thousands of characters long are clipped where the message quotes them',
      code: trace`
        [    3.918902] ${LONG_NETVSC} VF slot 1 added
        [    8.090127] ${LONG_NETVSC} Data path switched to VF: ${LONG_VF}
        [ 8162.020138] ${LONG_NETVSC} VF slot 1 removed
      `,
      ...dmesg,
      errors: [
        {
          line: 3,
          column: LONG_AT,
          endColumn: LONG_AT + 'VF slot 1 removed'.length,
          message: [
            `VF slot 1 removed while the data path of ${LONG_IFACE.slice(0, 63)}… was still on the VF (Data path switched to VF: ${LONG_VF.slice(0, 63)}…, line 2)`,
            CUT,
          ],
          related: [2],
        },
      ],
    },
    {
      name: 'a NetVSC with no name yet is quoted by its VMBus id, clipped too',
      code: trace`
        [    3.918902] ${UNNAMED} VF slot 1 added
        [    8.090127] ${UNNAMED} Data path switched to VF: enP12345s1
        [ 8162.020138] ${UNNAMED} VF slot 1 removed
      `,
      ...dmesg,
      errors: [
        {
          line: 3,
          column: 15 + UNNAMED.length + 2,
          endColumn: 15 + UNNAMED.length + 2 + 'VF slot 1 removed'.length,
          message: [`VF slot 1 removed while the data path of ${LONG_VMBUS.slice(0, 63)}… was still on the VF`, CUT],
          related: [2],
        },
      ],
    },
    {
      name: 'the slot removed with the data path on the VF (a surprise removal)',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
      errors: [
        {
          line: 3,
          column: AT,
          endColumn: AT + 'VF slot 1 removed'.length,
          severity: 'error',
          message: ['VF slot 1 removed while the data path of eth0 was still on the VF (Data path switched to VF: enP12345s1, line 2)', CUT],
          related: [{ line: 2, column: AT, endColumn: AT + 'Data path switched to VF: enP12345s1'.length, message: 'the data path moved to the VF here and never back' }],
          docs: DOCS + 'sr-iov-vf-failover-and-live-migration-support',
        },
      ],
    },
    {
      name: 'the switch from the VF failed, then the VF went',
      code: trace`
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [ 8160.911509] ${NETVSC} Data path failed to switch from VF: enP12345s1, err: -110
        [ 8160.912120] ${NETVSC} VF unregistering: enP12345s1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
      errors: [
        {
          line: 4,
          column: AT,
          endColumn: AT + 'VF slot 1 removed'.length,
          message: ['(Data path failed to switch from VF: enP12345s1, err: -110, line 2)', CUT],
          related: [{ line: 2, message: 'the data path stayed on the VF here' }],
        },
      ],
    },
    {
      name: 'a failed switch from the VF is evidence the data path was on it, also when the trace starts there',
      code: trace`
        [ 8160.911509] ${NETVSC} Data path failed to switch from VF: enP12345s1, err: -110
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
      errors: [{ line: 2, column: AT, endColumn: AT + 'VF slot 1 removed'.length, message: [CUT], related: [1] }],
    },
    {
      name: 'unregistered without a switch from the VF: unregistering does not move the data path',
      code: trace`
        Jul 23 16:18:40 myvm kernel: ${NETVSC} Data path switched to VF: enP12345s1
        Jul 23 16:18:51 myvm kernel: ${NETVSC} VF unregistering: enP12345s1
        Jul 23 16:18:52 myvm kernel: ${NETVSC} VF slot 1 removed
      `,
      ...dmesg,
      errors: [{ line: 3, column: 30 + NETVSC.length + 1, endColumn: 30 + NETVSC.length + 1 + 'VF slot 1 removed'.length, message: [CUT] }],
    },
    {
      name: 'a guest line pasted into a host trace, where a host BIND put the guest on the VF path',
      code: trace`
        NETVSC -> VF BIND vf=1
        [ 8162.020138] ${NETVSC} VF slot 1 removed
      `,
      errors: [{ line: 2, column: AT, endColumn: AT + 'VF slot 1 removed'.length, message: ['still on the VF (BIND, line 1)'] }],
    },
  ],
});

describe('vf-lost and the suppression comments of a guest log', () => {
  const text = trace`
    [    3.918902] ${NETVSC} VF slot 1 added
    [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
    # oidtrace-disable-next-line vf-lost -- the host was serviced on purpose
    [ 8162.020138] ${NETVSC} VF slot 1 removed
  `;
  it('# oidtrace-disable-next-line silences it', () => {
    expect(analyze(text, dmesg).diagnostics).toEqual([]);
    expect(analyze(text.replace(/# .*\n/, '# nothing to see\n'), dmesg).diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['4 vf-lost']);
  });
});
