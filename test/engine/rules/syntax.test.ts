import { describe, expect, it } from 'vitest';
import { analyzeSample, byRule, DOCS, lintLog, ruleTester, sample, trace } from '../helpers';

const VERBS = 'SET, QUERY, METHOD, COMPLETE, NOTIFY, REMOVE_VF, SURPRISE_REMOVE, UNBIND, HALT, DATAPATH, ADD_VF, INIT, BIND';

ruleTester('syntax', {
  valid: [
    { name: 'the clean samples', code: sample('teardown-clean.oidtrace') + '\n' + sample('setup-clean.oidtrace') },
    {
      name: 'comments, blank lines, @adapter with and without a description, every verb',
      code: trace`
        # a comment

           # an indented comment
        @adapter pf0 "Contoso X9 100GbE"
        @adapter pf1
        VSTACK -> VSP NOTIFY vf=2
        VSP -> VSC REMOVE_VF vf=2
        VSP -> VSC SURPRISE_REMOVE vf=2
        NETVSC UNBIND vf=2
        VF HALT vf=2
        NETVSC DATAPATH path=synthetic vf=2
        VSP -> VSC ADD_VF vf=2
        VF INIT vf=2
        NETVSC -> VF BIND vf=2
        VSTACK -> PF QUERY OID_NIC_SWITCH_VPORT_PARAMETERS vport=3
        VSTACK -> PF METHOD OID_NIC_SWITCH_ALLOCATE_VF vf=2
        PF -> VSTACK COMPLETE OID_NIC_SWITCH_ALLOCATE_VF
        VSTACK -> PF set 0x00010255 vf=2 reason=flr
      `,
    },
    {
      name: 'a driver log is never checked for syntax: lines it cannot read are context',
      fileName: 'driver.log',
      code: trace`
        MlxInit: 25:99:07 garbage ::: ->
        VSTACK -> PF DELETE OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2
      `,
    },
    { name: 'switched off', code: sample('syntax-errors.oidtrace'), options: { rules: { syntax: 'off' } } },
  ],
  invalid: [
    {
      name: 'the syntax-errors sample: an unknown verb, a non-numeric id, a bad timestamp',
      code: sample('syntax-errors.oidtrace'),
      errors: [
        {
          line: 4,
          column: 32,
          endColumn: 38,
          severity: 'error',
          message: [`unknown verb 'DELETE': expected one of ${VERBS}`],
          docs: DOCS + 'virtual-function-teardown-sequence',
        },
        { line: 5, column: 55, endColumn: 61, message: ["vf takes a number, found 'two'"] },
        {
          line: 6,
          column: 1,
          endColumn: 9,
          message: ["'25:99:07' is not a timestamp: expected HH:MM:SS[.fraction], 2026-11-21T10:41:07.120331Z or 11/21/2026-10:41:07.123456"],
        },
      ],
    },
    {
      name: 'what each broken line expected',
      code: trace`
        VSTACK -> PF
        VSTACK -> PF SET
        @foo bar
        @adapter
        @adapter pf0 unquoted
        VSTACK -> PF SET OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=
        VSTACK -> PF SET OID_SRIOV_RESET_VF stray
        10:00 PF HALT
        VSTACK ->
        VSTACK -> PF SET vf=2
        VSTACK -> PF SET RESET_VF vf=2
        @adapter pf0 "x" extra
      `,
      errors: [
        { line: 1, column: 1, endColumn: 13, message: [`expected a verb (${VERBS}) after the actor`] },
        { line: 2, column: 1, endColumn: 17, message: ['expected an OID name or code after SET, e.g. OID_NIC_SWITCH_DELETE_VPORT or 0x00010244'] },
        { line: 3, column: 1, endColumn: 5, message: ['unknown directive @foo; the only directive is @adapter'] },
        { line: 4, column: 1, endColumn: 9, message: ['expected an adapter name after @adapter'] },
        { line: 5, column: 14, endColumn: 22, message: ['expected a quoted description after the adapter name'] },
        { line: 6, column: 37, endColumn: 56, message: ['a status only follows the OID of a COMPLETE line'] },
        { line: 7, column: 37, endColumn: 40, message: ["'vf=' has no value"] },
        { line: 8, column: 37, endColumn: 42, message: ["expected key=value, found 'stray'"] },
        { line: 9, column: 1, endColumn: 6, message: ["'10:00' is not a timestamp"] },
        { line: 10, column: 8, endColumn: 10, message: ['expected an actor after ->'] },
        { line: 11, column: 18, endColumn: 22, message: ['expected an OID name or code after SET'] },
        { line: 12, column: 18, endColumn: 26, message: ["expected an OID name or code after SET, found 'RESET_VF'"] },
        { line: 13, column: 18, endColumn: 23, message: ['unexpected text after the adapter description'] },
      ],
    },
  ],
});

describe('syntax: the rest of the file is still checked', () => {
  it('the lines that parse still make a teardown, which misses T2 and T3', () => {
    const r = analyzeSample('syntax-errors.oidtrace');
    expect(r.events.map((e) => e.line)).toEqual([3, 7]);
    // The DELETE_VPORT line does not parse, so VPort 3 (seen in the filter move) is never deleted.
    expect(r.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['4 syntax', '5 syntax', '6 syntax', '7 teardown-missing-step', '7 vports-still-attached']);
  });

  it('a WPP line inside a canonical file is read as a driver line, not a syntax error', () => {
    const r = analyzeSample('teardown-clean.oidtrace', {});
    expect(r.diagnostics).toEqual([]);
    const mixed = sample('teardown-clean.oidtrace') + '\n[1]0A3C.0F10::11/21/2026-10:41:08.000000 [pf0]MlxQueryInformation: OID_SRIOV_PF_LUID\n';
    const r2 = lintLog(mixed, { fileName: 'mixed.oidtrace' });
    expect(byRule(r2, 'syntax')).toEqual([]);
    expect(r2.events.at(-1)!.oid).toBe('OID_SRIOV_PF_LUID');
  });
});
