/**
 * OIDs and statuses as in-house logs spell them, read by a user's own dialect:
 * a code in any hex width, the vendor's CamelCase, a status as a bare number.
 */
import { describe, expect, it } from 'vitest';
import { analyze, compileCustomDialect } from '../../src/engine';
import { oidCodeOf, resolveOidToken } from '../../src/engine/dialects/oid-token';
import { statusFromToken } from '../../src/engine/dialects/status';

const SPAN = { line: 1, column: 1, endLine: 1, endColumn: 2 };

describe('an OID token', () => {
  it.each([
    ['OID_NIC_SWITCH_DELETE_VPORT', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['NIC_SWITCH_DELETE_VPORT', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['nic_switch_delete_vport', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['NicSwitchDeleteVPort', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['OidNicSwitchDeleteVPort', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['SriovResetVf', 'OID_SRIOV_RESET_VF'],
    ['ReceiveFilterMoveFilter', 'OID_RECEIVE_FILTER_MOVE_FILTER'],
    ['0x10244', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['0x00010244', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['00010244', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['10244', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['10244h', 'OID_NIC_SWITCH_DELETE_VPORT'],
    ['1022Ah', 'OID_RECEIVE_FILTER_PARAMETERS'],
  ])('%s is %s', (token, name) => {
    expect(resolveOidToken(token, SPAN)?.name).toBe(name);
  });

  it('a CamelCase word or a code we do not know is no OID', () => {
    expect(resolveOidToken('SriovMiniportHandler', SPAN)).toBeUndefined();
    expect(resolveOidToken('0x10999', SPAN)).toBeUndefined();
    expect(oidCodeOf('FREE')).toBeUndefined();
    expect(oidCodeOf('-10244')).toBeUndefined();
  });

  it("the teardown picture's FREE_VPORT, in CamelCase too, is DELETE_VPORT with a finding", () => {
    const r = resolveOidToken('NicSwitchFreeVPort', SPAN)!;
    expect(r.name).toBe('OID_NIC_SWITCH_DELETE_VPORT');
    expect(r.unknown).toMatchObject({ name: 'OID_NIC_SWITCH_FREE_VPORT', suggestion: 'OID_NIC_SWITCH_DELETE_VPORT', alias: true });
  });
});

describe('a status token', () => {
  it.each([
    ['0', 'NDIS_STATUS_SUCCESS', true],
    ['0x0', 'NDIS_STATUS_SUCCESS', true],
    ['00000000', 'NDIS_STATUS_SUCCESS', true],
    ['SUCCESS', 'NDIS_STATUS_SUCCESS', true],
    ['Success', 'NDIS_STATUS_SUCCESS', true],
    ['OK', 'NDIS_STATUS_SUCCESS', true],
    ['STATUS_SUCCESS', 'NDIS_STATUS_SUCCESS', true],
    ['259', 'NDIS_STATUS_PENDING', true],
    ['0xC000000D', 'NDIS_STATUS_INVALID_PARAMETER', false],
    ['c000000dh', 'NDIS_STATUS_INVALID_PARAMETER', false],
    ['-1073741811', 'NDIS_STATUS_INVALID_PARAMETER', false],
    ['InvalidParameter', 'NDIS_STATUS_INVALID_PARAMETER', false],
    ['ndis_status_resources', 'NDIS_STATUS_RESOURCES', false],
    ['0x1234', '0x00001234', false],
    ['TIMEOUT', 'NDIS_STATUS_TIMEOUT', false],
  ])('%s is %s', (token, name, ok) => {
    const s = statusFromToken(token);
    expect([s.name, s.ok]).toEqual([name, ok]);
  });
});

describe('a dialect reads those spellings', () => {
  const dialect = compileCustomDialect(
    { pattern: '^(?<time>\\S+) (?<kind>>>>|<<<) (?<oid>\\w+)(?: vf=(?<vf>\\d+))?(?: vport=(?<vport>\\d+))?(?: (?:rc=|st:)(?<status>\\w+))?' },
    'd',
  ).dialect!;

  it('CamelCase names, codes of any width, bare-number statuses; a failure is oid-failed', () => {
    const text = [
      '10:41:07.111 >>> NicSwitchDeleteVPort vf=2 vport=3',
      '10:41:07.112 <<< 0x10244 vf=2 vport=3 rc=0',
      '10:41:07.113 >>> 10255h vf=2',
      '10:41:07.114 <<< SriovResetVf vf=2 st:0xC000000D',
    ].join('\n');
    const r = analyze(text, { fileName: 'x.vlog', customDialect: dialect });
    expect(r.events.map((e) => `${e.line} ${e.kind} ${e.oid} ${e.status?.name ?? '-'}`)).toEqual([
      '1 request OID_NIC_SWITCH_DELETE_VPORT -',
      '2 completion OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS',
      '3 request OID_SRIOV_RESET_VF -',
      '4 completion OID_SRIOV_RESET_VF NDIS_STATUS_INVALID_PARAMETER',
    ]);
    expect(r.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toContain('4 oid-failed');
  });
});
