import { describe, expect, it } from 'vitest';
import { analyzeSample, byRule, DOCS, lint, ruleTester, sample, trace } from '../helpers';

const ALIAS = "the teardown page's picture calls OID_NIC_SWITCH_DELETE_VPORT by this name, which does not exist";

ruleTester('unknown-oid', {
  valid: [
    { name: 'the clean teardown sample', code: sample('teardown-clean.oidtrace') },
    { name: 'a real OID of the receive-filter family outside the sequences', code: 'VSTACK -> PF METHOD OID_RECEIVE_FILTER_ALLOCATE_QUEUE vport=3' },
    { name: 'OIDs of other families in a driver log are not ours to check', fileName: 'driver.log', code: 'MlxQueryInformation: OID_GEN_LINK_STATE' },
    { name: 'a code that is in the catalog', code: 'VSTACK -> PF SET 0x00010255 vf=2' },
    { name: 'switched off', code: sample('unknown-oid.oidtrace'), options: { rules: { 'unknown-oid': 'off' } } },
  ],
  invalid: [
    {
      name: "the unknown-oid sample: the picture's FREE_VPORT twice, and a typo",
      code: sample('unknown-oid.oidtrace'),
      errors: [
        {
          line: 4,
          column: 36,
          endColumn: 61,
          severity: 'warning',
          message: ['unknown OID OID_NIC_SWITCH_FREE_VPORT', ALIAS],
          docs: DOCS + 'virtual-function-teardown-sequence',
        },
        { line: 5, column: 41, endColumn: 66, message: ['unknown OID OID_NIC_SWITCH_FREE_VPORT', ALIAS] },
        { line: 6, column: 36, endColumn: 54, message: ['unknown OID OID_SRIOV_RESTE_VF; did you mean OID_SRIOV_RESET_VF?'] },
      ],
    },
    {
      name: 'ACTOR->ACTOR with no spaces, a misspelt DELETE_VPORT',
      code: 'VSTACK->PF SET OID_NIC_SWITCH_DELETE_VPROT vport=3 vf=2',
      errors: [{ line: 1, column: 16, endColumn: 43, message: ['did you mean OID_NIC_SWITCH_DELETE_VPORT?'] }],
    },
    {
      name: 'a name far from every real one: no suggestion',
      code: 'VSTACK -> PF SET OID_FOO_BAR vf=2',
      errors: [{ line: 1, column: 18, endColumn: 29, message: [/^unknown OID OID_FOO_BAR$/] }],
    },
    {
      name: 'a code that is not in the catalog',
      code: 'VSTACK -> PF SET 0x00010299 vf=2',
      errors: [{ line: 1, column: 18, endColumn: 28, message: ['unknown OID 0x00010299'] }],
    },
    {
      name: 'in a driver log, also on a line with no known OID',
      fileName: 'driver.log',
      code: trace`
        [1]0A3C.0F10::11/21/2026-10:41:07.110000 [mlx5] Set OID_SRIOV_RESTE_VF VFId=2
        MlxSetInformation: OID_NIC_SWITCH_FREE_VPORT VPortId=3 VFId=2
      `,
      errors: [
        { line: 1, column: 53, endColumn: 71, message: ['did you mean OID_SRIOV_RESET_VF?'] },
        { line: 2, column: 20, endColumn: 45, message: [ALIAS] },
      ],
    },
  ],
});

describe('unknown-oid: fixes and what the event becomes', () => {
  it('offers the real name as a quick fix, and tags the documented alias deprecated', () => {
    const [alias, , typo] = byRule(analyzeSample('unknown-oid.oidtrace'), 'unknown-oid');
    expect(alias!.fix).toEqual({
      span: { line: 4, column: 36, endLine: 4, endColumn: 61 },
      text: 'OID_NIC_SWITCH_DELETE_VPORT',
      title: 'Replace with OID_NIC_SWITCH_DELETE_VPORT',
    });
    expect(alias!.tags).toEqual(['deprecated']);
    expect(typo!.fix?.text).toBe('OID_SRIOV_RESET_VF');
    expect(typo!.tags).toBeUndefined();
  });

  it('no fix when nothing is near', () => {
    const [d] = byRule(lint('VSTACK -> PF SET OID_FOO_BAR vf=2'), 'unknown-oid');
    expect(d!.fix).toBeUndefined();
  });

  it('the FREE_VPORT alias counts as the DELETE_VPORT it means (T2 of the teardown)', () => {
    const r = analyzeSample('unknown-oid.oidtrace');
    const ev = r.events.find((e) => e.line === 4)!;
    expect(ev.oid).toBe('OID_NIC_SWITCH_DELETE_VPORT');
    expect(ev.step).toBe('T2');
    const completion = r.events.find((e) => e.line === 5)!;
    expect(completion.pair).toBe(ev.index);
  });

  it('an unknown name in a canonical file is not a syntax error; the line is still an event', () => {
    const r = lint('VSTACK -> PF SET OID_SRIOV_RESTE_VF vf=2');
    expect(byRule(r, 'syntax')).toEqual([]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.oid).toBe('OID_SRIOV_RESTE_VF');
  });

  it('the sample gives exactly these diagnostics (oid-pending for the misspelt request the trace never completes)', () => {
    expect(analyzeSample('unknown-oid.oidtrace').diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`)).toEqual([
      '4:36 unknown-oid',
      '5:41 unknown-oid',
      '6:36 oid-pending',
      '6:36 unknown-oid',
    ]);
  });
});
