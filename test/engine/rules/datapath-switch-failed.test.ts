import { DOCS, ruleTester, trace } from '../helpers';

const NETVSC = 'hv_netvsc 000d3a6e-1234-000d-3a6e-1234000d3a6e eth0:';
const AT = 15 + NETVSC.length + 2;
const dmesg = { fileName: 'dmesg.txt' };
const LONG_VF = 'enP12345s' + '1'.repeat(3000);

ruleTester('datapath-switch-failed', {
  valid: [
    {
      name: 'switches that succeed, flapping during boot included',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    8.090127] ${NETVSC} Data path switched to VF: enP12345s1
        [    9.654979] ${NETVSC} Data path switched from VF: enP12345s1
        [    9.910595] ${NETVSC} Data path switched to VF: enP12345s1
      `,
      ...dmesg,
    },
    { name: 'a canonical DATAPATH without err=', code: 'NETVSC DATAPATH path=vf vf=1' },
    {
      name: 'switched off',
      code: `[    8.0] ${NETVSC} Data path failed to switch to VF: enP12345s1, err: -110\n`,
      ...dmesg,
      options: { rules: { 'datapath-switch-failed': 'off' } },
    },
  ],
  invalid: [
    {
      name: 'a VF name thousands of characters long is clipped where the message quotes it',
      code: `[    8.090127] ${NETVSC} Data path failed to switch to VF: ${LONG_VF}, err: -110\n`,
      ...dmesg,
      errors: [
        {
          line: 1,
          column: AT,
          endColumn: AT + `Data path failed to switch to VF: ${LONG_VF}, err: -110`.length,
          message: [`the data path failed to switch to the VF ${LONG_VF.slice(0, 63)}…: err -110 ETIMEDOUT`],
        },
      ],
    },
    {
      name: 'an err= thousands of digits long in a .oidtrace is clipped where the message quotes it',
      code: `NETVSC DATAPATH path=vf vf=1 err=${'9'.repeat(3000)}\n`,
      errors: [
        {
          line: 1,
          column: 8,
          endColumn: 16,
          message: [`the data path failed to switch to the VF (VF slot 1): err ${'9'.repeat(63)}… (an errno this tool does not know)`],
        },
      ],
    },
    {
      name: 'failed to switch to the VF: ETIMEDOUT',
      code: trace`
        [    3.918902] ${NETVSC} VF slot 1 added
        [    8.090127] ${NETVSC} Data path failed to switch to VF: enP12345s1, err: -110
      `,
      ...dmesg,
      errors: [
        {
          line: 2,
          column: AT,
          endColumn: AT + 'Data path failed to switch to VF: enP12345s1, err: -110'.length,
          severity: 'warning',
          message: [
            'the data path failed to switch to the VF enP12345s1 (VF slot 1): err -110 ETIMEDOUT (connection timed out); the traffic stays on the synthetic path',
          ],
          docs: DOCS + 'virtual-function-initialization-sequence',
        },
      ],
    },
    {
      name: 'failed to switch from the VF: EIO, and the traffic stays on a VF about to go',
      code: `Jul 23 16:18:51 myvm kernel: [ 8160.911509] ${NETVSC} Data path failed to switch from VF: enP12345s1, err: -5\n`,
      ...dmesg,
      errors: [
        {
          line: 1,
          column: 45 + NETVSC.length + 1,
          endColumn: 45 + NETVSC.length + 1 + 'Data path failed to switch from VF: enP12345s1, err: -5'.length,
          message: ['failed to switch from the VF enP12345s1 (VF slot 1): err -5 EIO (I/O error); the traffic stays on the VF, and is cut if the VF goes now'],
          docs: DOCS + 'sr-iov-vf-failover-and-live-migration-support',
        },
      ],
    },
    {
      name: 'an errno this tool does not know, and a positive one',
      code: trace`
        [    8.090127] ${NETVSC} Data path failed to switch to VF: enP12345s1, err: -4095
        [    8.190127] ${NETVSC} Data path failed to switch to VF: enP12345s1, err: 16
      `,
      ...dmesg,
      errors: [
        {
          line: 1,
          column: AT,
          endColumn: AT + 'Data path failed to switch to VF: enP12345s1, err: -4095'.length,
          message: ['err -4095 (an errno this tool does not know)'],
        },
        { line: 2, column: AT, endColumn: AT + 'Data path failed to switch to VF: enP12345s1, err: 16'.length, message: ['err 16 EBUSY (device or resource busy)'] },
      ],
    },
    {
      name: 'the same event written in a canonical trace',
      code: 'NETVSC DATAPATH path=vf vf=2 err=-19',
      errors: [{ line: 1, column: 8, endColumn: 16, message: ['failed to switch to the VF (VF slot 2): err -19 ENODEV (no such device)'] }],
    },
  ],
});
