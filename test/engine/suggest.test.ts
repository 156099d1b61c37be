/**
 * A dialect suggested from a line or two of a user's trace: what each part of
 * the line becomes, and that the dialect reads the lines it was not shown
 * (the completions of a request, other ids, other OID spellings).
 */
import { describe, expect, it } from 'vitest';
import { analyze, compileCustomDialect, explainLine, suggestDialect } from '../../src/engine';

const parts = (line: string) => suggestDialect([line]).suggestion!.parts.map((p) => `${p.group} ${JSON.stringify(p.text)} @${p.start}: ${p.meaning}`);

describe('the parts of a sample line', () => {
  it('a WPP prefix: its time and component, the OID in CamelCase, ids as the README spells them, the arrow', () => {
    expect(
      parts('[0]0004.0050::11/21/2026-10:41:07.110000 [vmx]VmxOidRequest: SetInformation ReceiveFilterMoveFilter FilterId=7 SourceVPortId=3 DestVPortId=0 VFId=2 -->'),
    ).toEqual([
      'time "11/21/2026-10:41:07.110000" @14: time',
      'adapter "vmx" @42: adapter vmx',
      'oid "ReceiveFilterMoveFilter" @76: OID_RECEIVE_FILTER_MOVE_FILTER (0x00010230)',
      'filter "7" @109: filter 7',
      'from "3" @125: from VPort 3',
      'to "0" @139: to VPort 0',
      'vf "2" @146: VF 2',
      'kind "-->" @148: request',
    ]);
  });

  it('an ISO time, an adapter name after it, a marker, a code with a bare-number status', () => {
    expect(parts('2026-11-21T10:41:07.111Z nic1 <<< 0x10230 vf=2 filter=7 rc=0')).toEqual([
      'time "2026-11-21T10:41:07.111Z" @0: time',
      'adapter "nic1" @25: adapter nic1',
      'kind "<<<" @30: completion',
      'oid "0x10230" @34: OID_RECEIVE_FILTER_MOVE_FILTER (0x00010230)',
      'vf "2" @45: VF 2',
      'filter "7" @54: filter 7',
      'status "0" @59: NDIS_STATUS_SUCCESS',
    ]);
  });

  it('a bracketed time of day, a snake-case name without OID_, a failed status by name', () => {
    expect(parts('[10:41:07.154] pf0: complete nic_switch_free_vf vf_id=2 status=invalid_parameter')).toEqual([
      'time "10:41:07.154" @1: time',
      'adapter "pf0" @15: adapter pf0',
      'kind "complete" @20: completion',
      'oid "nic_switch_free_vf" @29: OID_NIC_SWITCH_FREE_VF (0x00010246)',
      'vf "2" @54: VF 2',
      'status "invalid_parameter" @63: NDIS_STATUS_INVALID_PARAMETER, a failure',
    ]);
  });
});

describe('what one line teaches', () => {
  it('a request line with REQ teaches its DONE completion, and ids it did not show', () => {
    const { suggestion } = suggestDialect(['10:41:07,110 | REQ  | oid=0x10245 | VF: 2']);
    const text = ['10:41:07,111 | DONE | oid=10245h | VF: 2 | VPortId: 3 | st: 0x0', '10:41:07,112 | INFO | 0x10245 mentioned without a marker'].join('\n');
    const r = analyze(text, { fileName: 'x.fwtrace', customDialect: suggestion!.dialect });
    expect(r.events.map((e) => `${e.line} ${e.kind} ${e.oid} ${e.status?.name} ${JSON.stringify(e.ids)}`)).toEqual([
      '1 completion OID_NIC_SWITCH_ALLOCATE_VF NDIS_STATUS_SUCCESS {"vf":"2","vport":"3"}',
    ]);
  });

  it('a word that only starts like an OID (SriovMiniport) is passed over for the OID after it', () => {
    const { suggestion } = suggestDialect(['10:41:07.110 >>> SriovMiniport: SriovResetVf vf=2']);
    expect(explainLine(suggestion!.dialect, '10:41:07.110 >>> SriovMiniport: SriovResetVf vf=2')!.event).toBe('request of OID_SRIOV_RESET_VF');
  });

  it('a completion ending in a bare status word: the word is its status', () => {
    const { suggestion } = suggestDialect(['10:41:07.110 <<< SriovResetVf vf=2 SUCCESS']);
    const r = analyze('10:41:07.150 <<< SriovResetVf vf=2 InvalidParameter', { customDialect: suggestion!.dialect });
    expect(r.events.map((e) => `${e.kind} ${e.status?.name}`)).toEqual(['completion NDIS_STATUS_INVALID_PARAMETER']);
  });

  it('a bare code (10255) is an OID only when the samples write codes so', () => {
    const bare = suggestDialect(['10:41:07.110 REQ oid 10255 vf 2']).suggestion!;
    expect(explainLine(bare.dialect, '10:41:07.110 REQ oid 10255 vf 2')!.event).toBe('request of OID_SRIOV_RESET_VF');
    const named = suggestDialect(['10:41:07.110 REQ SriovResetVf vf 2']).suggestion!;
    expect(explainLine(named.dialect, '10:41:07.111 REQ len 10255 vf 2')).toBeUndefined();
  });

  it('lines that start differently get a pattern each; lines naming no OID are passed over', () => {
    const lines = ['boot: 4 VFs ready', '10:41:07.110 nic1 >>> SriovResetVf vf=2', '[0]0004.0050::11/21/2026-10:41:07.110000 [vmx]SriovResetVf VFId=2 >>>'];
    const { suggestion } = suggestDialect(lines);
    expect(suggestion!.named).toEqual([1, 2]);
    expect(suggestion!.read).toBe(2);
    expect(suggestion!.spec.pattern).toHaveLength(2);
    expect(suggestion!.spec.flags).toBe('i');
  });

  it('what it proposes compiles as a setting would, with its name and files', () => {
    const { suggestion } = suggestDialect(['10:41:07.110 nic1 >>> SriovResetVf vf=2'], { name: 'vlog-format', files: ['**/*.vlog'] });
    expect(suggestion!.spec).toMatchObject({ name: 'vlog-format', files: ['**/*.vlog'], flags: 'i' });
    expect(compileCustomDialect(JSON.parse(JSON.stringify(suggestion!.spec)), 'd').error).toBeUndefined();
  });
});

describe('nothing to learn from', () => {
  it('lines that name no OID: one line saying so', () => {
    expect(suggestDialect(['vf 2 link up', ''])).toEqual({
      error:
        'none of the lines names an OID, by name (OID_SRIOV_RESET_VF, SRIOV_RESET_VF, SriovResetVf) or by code (0x00010255, 10255h): there is nothing to learn a format from',
    });
    expect(suggestDialect([]).error).toMatch(/^none of the lines names an OID/);
  });
});

describe('a pattern as the user edits it', () => {
  const dialect = compileCustomDialect({ pattern: '^(?<time>\\S+) (?<kind>\\w+) (?<oid>\\w+)(?: vf=(?<vf>\\w+))?' }, 'd').dialect!;

  it('says what each group took, also what it could not read', () => {
    expect(explainLine(dialect, '10:41:07.110 REQ SriovResetVf vf=two')).toEqual({
      event: 'request of OID_SRIOV_RESET_VF',
      parts: [
        { group: 'time', text: '10:41:07.110', start: 0, end: 12, meaning: 'time' },
        { group: 'kind', text: 'REQ', start: 13, end: 16, meaning: 'request' },
        { group: 'oid', text: 'SriovResetVf', start: 17, end: 29, meaning: 'OID_SRIOV_RESET_VF (0x00010255)' },
        { group: 'vf', text: 'two', start: 33, end: 36, meaning: 'not a number: no VF id' },
      ],
    });
  });

  it('a line it matches without an OID we know: the reason', () => {
    expect(explainLine(dialect, 'x REQ SriovMiniport')!.problem).toBe('"SriovMiniport" is no SR-IOV or NIC switch OID');
    expect(explainLine(dialect, 'x REQ SRIOV_RESET_VFX')!.problem).toBe('OID_SRIOV_RESET_VFX is no OID we know (did you mean OID_SRIOV_RESET_VF?)');
    expect(explainLine(dialect, 'no')).toBeUndefined();
  });
});
