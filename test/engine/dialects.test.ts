/** Each dialect's recognition: the canonical `.oidtrace` syntax and real driver logs (WPP / DbgPrint). */
import { describe, expect, it } from 'vitest';
import { analyze, dialectForFile, sniffDialect, type TraceEvent } from '../../src/engine';
import { lint, lintLog, sample, trace } from './helpers';

function one(text: string, fileName = 'inline.oidtrace'): TraceEvent {
  const r = analyze(text, { fileName });
  expect(r.diagnostics.filter((d) => d.rule === 'syntax')).toEqual([]);
  expect(r.events).toHaveLength(1);
  return r.events[0]!;
}

const oneLog = (text: string) => one(text, 'driver.log');

describe('canonical .oidtrace', () => {
  describe('verbs', () => {
    it.each([
      ['SET', 'request', 'set'],
      ['QUERY', 'request', 'query'],
      ['METHOD', 'request', 'method'],
      ['set', 'request', 'set'],
      ['COMPLETE', 'completion', undefined],
    ] as const)('%s is a %s', (verb, kind, method) => {
      const ev = one(`VSTACK -> PF ${verb} OID_SRIOV_RESET_VF vf=2`);
      expect(ev.kind).toBe(kind);
      expect(ev.method).toBe(method);
      expect(ev.verb).toBe(verb.toUpperCase());
      expect(ev.oid).toBe('OID_SRIOV_RESET_VF');
      expect(ev.oidCode).toBe(0x00010255);
      expect(ev.dialect).toBe('oidtrace');
    });

    it.each([
      ['VSTACK -> VSP NOTIFY vf=2', 'NOTIFY', 'VSTACK', 'VSP', 'G1'],
      ['VSP -> VSC REMOVE_VF vf=2', 'REMOVE_VF', 'VSP', 'VSC', 'G2'],
      ['VSP -> VSC SURPRISE_REMOVE vf=2', 'SURPRISE_REMOVE', 'VSP', 'VSC', 'G2'],
      ['NETVSC UNBIND vf=2', 'UNBIND', 'NETVSC', undefined, 'G3'],
      ['VF HALT vf=2', 'HALT', 'VF', undefined, 'G3'],
      ['NETVSC DATAPATH path=synthetic vf=2', 'DATAPATH', 'NETVSC', undefined, 'G4'],
      ['NETVSC DATAPATH path=vf vf=2', 'DATAPATH', 'NETVSC', undefined, 'I6'],
      ['VSP -> VSC ADD_VF vf=2', 'ADD_VF', 'VSP', 'VSC', 'I5'],
      ['VF INIT vf=2', 'INIT', 'VF', undefined, 'I5'],
      ['NETVSC -> VF BIND vf=2', 'BIND', 'NETVSC', 'VF', 'I6'],
    ])('%s: lifecycle %s', (text, verb, actor, target, step) => {
      const ev = one(text);
      expect(ev).toMatchObject({ kind: 'lifecycle', verb, actor, step, ids: { vf: '2' } });
      expect(ev.target).toBe(target);
      expect(ev.oid).toBeUndefined();
    });

    it('a PF HALT that names no VF is the PF halting, no guest step', () => {
      const ev = one('PF HALT');
      expect(ev.kind).toBe('lifecycle');
      expect(ev.step).toBeUndefined();
    });
  });

  describe('times', () => {
    it.each([
      ['10:41:07', 38467000],
      ['10:41:07.120331', 38467120.331],
      ['9:05:00,5', 32700500],
      ['2026-11-21T10:41:07.120331Z', Date.UTC(2026, 10, 21, 10, 41, 7) + 120.331],
      ['2026-11-21T10:41:07.120331+01:00', Date.UTC(2026, 10, 21, 9, 41, 7) + 120.331],
      ['2026-11-21T10:41:07', Date.UTC(2026, 10, 21, 10, 41, 7)],
      ['11/21/2026-10:41:07.123456', Date.UTC(2026, 10, 21, 10, 41, 7) + 123.456],
    ])('%s', (stamp, ms) => {
      const ev = one(`${stamp} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2`);
      expect(ev.time).toBeCloseTo(ms, 3);
      expect(ev.timeText).toBe(stamp);
    });

    it('no time is allowed', () => {
      expect(one('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2').time).toBeUndefined();
    });
  });

  describe('actors', () => {
    it('A -> B and A->B are the same', () => {
      const spaced = one('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2');
      const tight = one('VSTACK->PF SET OID_SRIOV_RESET_VF vf=2');
      expect([spaced.actor, spaced.target]).toEqual(['VSTACK', 'PF']);
      expect([tight.actor, tight.target]).toEqual(['VSTACK', 'PF']);
      expect(tight.span).toMatchObject({ column: 16, endColumn: 34 });
    });

    it('known actors are case-insensitive; other names are kept as written', () => {
      const ev = one('pf -> Ndis COMPLETE OID_NIC_SWITCH_CREATE_SWITCH');
      expect([ev.actor, ev.target]).toEqual(['PF', 'NDIS']);
      const other = one('MyFilter -> mlx5.pf$0 SET OID_SRIOV_RESET_VF vf=2');
      expect([other.actor, other.target]).toEqual(['MyFilter', 'mlx5.pf$0']);
    });
  });

  describe('OIDs written as codes', () => {
    it.each([
      ['0x00010255', 'OID_SRIOV_RESET_VF'],
      ['0x00010244', 'OID_NIC_SWITCH_DELETE_VPORT'],
      ['00010246', 'OID_NIC_SWITCH_FREE_VF'],
      ['0x0001022A', 'OID_RECEIVE_FILTER_PARAMETERS'],
      ['0x00010250', 'OID_SRIOV_CURRENT_CAPABILITIES'],
      ['0x00010249', 'OID_SRIOV_HARDWARE_CAPABILITIES'],
    ])('%s is %s', (code, name) => {
      const ev = one(`VSTACK -> PF SET ${code} vf=2`);
      expect(ev.oid).toBe(name);
      expect(ev.oidCode).toBe(parseInt(code, 16));
      expect(ev.span).toMatchObject({ line: 1, column: 18, endColumn: 18 + code.length });
    });
  });

  describe('status of a completion', () => {
    it.each([
      ['', { name: undefined }],
      [' NDIS_STATUS_SUCCESS', { name: 'NDIS_STATUS_SUCCESS', ok: true, pending: false, code: 0 }],
      [' ndis_status_pending', { name: 'NDIS_STATUS_PENDING', ok: true, pending: true, code: 0x103 }],
      [' 0xC000000D', { name: 'NDIS_STATUS_INVALID_PARAMETER', ok: false, pending: false, code: 0xc000000d }],
      [' NDIS_STATUS_FILE_NOT_FOUND', { name: 'NDIS_STATUS_FILE_NOT_FOUND', ok: false, code: 0xc001001b }],
      [' 0xC0001234', { name: '0xC0001234', ok: false, code: 0xc0001234 }],
    ])('COMPLETE OID%s', (status, expected) => {
      const ev = one(`PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF${status} vf=2`);
      if (expected.name === undefined) expect(ev.status).toBeUndefined();
      else expect(ev.status).toMatchObject(expected);
    });
  });

  describe('keys', () => {
    it('ids, the adapter and other attributes', () => {
      const ev = one('VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2 vport=3 switch=0 adapter=pf9 reason=servicing');
      expect(ev.ids).toEqual({ filter: '7', from: '3', to: '0', vf: '2', vport: '3', switch: '0' });
      expect(ev.adapter).toBe('pf9');
      expect(ev.attrs).toEqual({ reason: 'servicing' });
    });

    it('id values are canonical decimal strings (hex, leading zeros, beyond 2^53)', () => {
      const ev = one('VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=0x10 vf=007 switch=18446744073709551615');
      expect(ev.ids).toEqual({ vport: '16', vf: '7', switch: '18446744073709551615' });
    });

    it('keys are case-insensitive', () => {
      expect(one('VSTACK -> PF SET OID_SRIOV_RESET_VF VF=2').ids).toEqual({ vf: '2' });
    });
  });

  describe('@adapter', () => {
    it('names the adapter of the lines below it, with its description', () => {
      const r = lint(trace`
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1
        @adapter pf0 "Contoso X9 100GbE"
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
        @adapter pf1
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=3
        VSTACK -> PF SET OID_SRIOV_RESET_VF vf=4 adapter=pf0
      `);
      expect(r.events.map((e) => `${e.line} ${e.adapter}`)).toEqual(['1 default', '3 pf0', '5 pf1', '6 pf0']);
      expect(r.adapters).toEqual([
        { name: 'pf0', description: 'Contoso X9 100GbE', line: 2 },
        { name: 'pf1', description: undefined, line: 4 },
        { name: 'default', line: 0 },
      ]);
    });
  });

  it('the teardown-clean sample: 13 events, in order, with their steps', () => {
    const r = lint(sample('teardown-clean.oidtrace'));
    expect(r.dialect).toBe('oidtrace');
    expect(r.events.map((e) => `${e.line} ${e.kind} ${e.step ?? '-'}`)).toEqual([
      '4 lifecycle G1',
      '5 lifecycle G2',
      '6 lifecycle G3',
      '7 lifecycle G3',
      '8 lifecycle G4',
      '9 request T1',
      '10 completion T1',
      '11 request T2',
      '12 completion T2',
      '13 request T3',
      '14 completion T3',
      '15 request T4',
      '16 completion T4',
    ]);
    expect(r.events.every((e) => e.adapter === 'pf0')).toBe(true);
  });
});

describe('driver logs (WPP / DbgPrint)', () => {
  describe('the WPP prefix', () => {
    it('gives the time, and the component names the adapter', () => {
      const ev = oneLog('[1]0A3C.0F10::11/21/2026-10:41:07.123456 [mlx5]MlxSetInformation: Unknown OID 0x00010255 VfId: 2 -->');
      expect(ev).toMatchObject({
        dialect: 'wpp',
        kind: 'request',
        method: 'set',
        adapter: 'mlx5',
        oid: 'OID_SRIOV_RESET_VF',
        oidCode: 0x00010255,
        actor: 'VSTACK',
        target: 'PF',
        step: 'T3',
        ids: { vf: '2' },
        timeText: '11/21/2026-10:41:07.123456',
      });
      expect(ev.time).toBeCloseTo(Date.UTC(2026, 10, 21, 10, 41, 7) + 123.456, 3);
      expect(ev.span).toEqual({ line: 1, column: 79, endLine: 1, endColumn: 89 });
    });

    it('is optional; a leading timestamp alone is read too', () => {
      const plain = oneLog('MlxSetInformation: OID_SRIOV_RESET_VF VFId=2');
      expect(plain).toMatchObject({ adapter: 'default', oid: 'OID_SRIOV_RESET_VF', time: undefined });
      const iso = oneLog('2026-11-21T10:41:07.120331Z Set OID_SRIOV_RESET_VF vf=2');
      expect(iso.time).toBeCloseTo(Date.UTC(2026, 10, 21, 10, 41, 7) + 120.331, 3);
      const tod = oneLog('10:41:07.120331 Set OID_SRIOV_RESET_VF vf=2');
      expect(tod.time).toBeCloseTo(38467120.331, 3);
    });

    it('an adapter= key wins over the component', () => {
      expect(oneLog('[0]0004.0050::11/21/2026-10:41:07.000000 [mlx5] handling OID_NIC_SWITCH_FREE_VF VFId=4 adapter=pf7').adapter).toBe('pf7');
    });
  });

  describe('the OID', () => {
    it.each([
      ['by name', 'MlxSetInformation: OID_SRIOV_RESET_VF VFId=2', 20, 38],
      ['0x00010255', 'MlxSetInformation: 0x00010255 VFId=2', 20, 30],
      ['bare 00010255', 'MlxSetInformation: 00010255 VFId=2', 20, 28],
      ['Unknown OID 0x00010255', 'MlxSetInformation: Unknown OID 0x00010255 VFId=2', 32, 42],
    ])('%s', (_name, text, column, endColumn) => {
      const ev = oneLog(text);
      expect(ev.oid).toBe('OID_SRIOV_RESET_VF');
      expect(ev.oidCode).toBe(0x00010255);
      expect(ev.span).toMatchObject({ column, endColumn });
    });

    it('a hex value after Status is a status, not an OID', () => {
      expect(lintLog('MlxOidComplete: completed, Status 0xC000000D').events).toEqual([]);
      expect(lintLog('MlxOidComplete: completed, Status 0x00010255').events).toEqual([]);
      const ev = oneLog('MlxOidComplete: Oid 0x00010246 completed, Status 0xC000000D, VF 5');
      expect(ev.oid).toBe('OID_NIC_SWITCH_FREE_VF');
      expect(ev.status).toMatchObject({ name: 'NDIS_STATUS_INVALID_PARAMETER', code: 0xc000000d, ok: false });
      expect(ev.ids).toEqual({ vf: '5' });
    });

    it('a status by name', () => {
      expect(oneLog('OID_NIC_SWITCH_FREE_VF completion NDIS_STATUS_INVALID_PARAMETER VFId=4').status).toMatchObject({ name: 'NDIS_STATUS_INVALID_PARAMETER', ok: false });
      expect(oneLog('OID_NIC_SWITCH_FREE_VF completing Status=0x00000000 VFId=4').status).toMatchObject({ name: 'NDIS_STATUS_SUCCESS', ok: true });
    });

    it('a code outside the catalog is not an OID event', () => {
      expect(lintLog('MlxSetInformation: Unknown OID 0x00010299 VFId=2').events).toEqual([]);
    });

    it("an extension's NDIS_STATUS_SWITCH_PORT_REMOVE_VF indication is the NOTIFY that starts a VF failover", () => {
      const line = '[0]0B10.0C44::11/21/2026-14:02:10.000000 [SxExt]SxLibRevokeVf: indicating NDIS_STATUS_SWITCH_PORT_REMOVE_VF PortId=4 NicIndex=1 VFId=3';
      const ev = oneLog(line);
      const at = line.indexOf('NDIS_STATUS_SWITCH_PORT_REMOVE_VF');
      expect(ev).toMatchObject({
        kind: 'lifecycle',
        verb: 'NOTIFY',
        actor: 'NETVSP',
        target: 'VSTACK',
        adapter: 'SxExt',
        dialect: 'wpp',
        ids: { vf: '3' },
        attrs: { indication: 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF' },
        span: { line: 1, column: at + 1, endColumn: at + 1 + 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF'.length },
      });
      expect(ev.step).toBeUndefined();
      expect(ev.time).toBe(Date.UTC(2026, 10, 21, 14, 2, 10));
      // By its code, as a driver without a name table prints it.
      expect(oneLog('FwdExt: status 0xC0241001 indicated for VF 5 adapter=pf1')).toMatchObject({
        verb: 'NOTIFY',
        adapter: 'pf1',
        ids: { vf: '5' },
        attrs: { indication: 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF' },
      });
      // The same in the canonical syntax.
      expect(one('NETVSP -> VSTACK NOTIFY vf=3 indication=NDIS_STATUS_SWITCH_PORT_REMOVE_VF')).toMatchObject({
        verb: 'NOTIFY',
        step: undefined,
        attrs: { indication: 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF' },
      });
      // A completion with that status is still a completion.
      expect(oneLog('OID_SRIOV_RESET_VF completed Status 0xC0241001 VFId=3')).toMatchObject({
        kind: 'completion',
        status: { name: 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF', ok: false },
      });
    });

    it('OID_SWITCH_NIC_REQUEST gives way to the SR-IOV OID it wraps', () => {
      const named = oneLog('Set OID_SWITCH_NIC_REQUEST wrapping OID_SRIOV_RESET_VF vf=2');
      expect(named).toMatchObject({ oid: 'OID_SRIOV_RESET_VF', attrs: { wrappedIn: 'OID_SWITCH_NIC_REQUEST' }, step: 'T3' });
      const coded = oneLog('Set OID_SWITCH_NIC_REQUEST 0x00010255 vf=2');
      expect(coded).toMatchObject({ oid: 'OID_SRIOV_RESET_VF', attrs: { wrappedIn: 'OID_SWITCH_NIC_REQUEST' } });
    });
  });

  describe('ids', () => {
    it.each([
      ['VFId=2', { vf: '2' }],
      ['VfId: 2', { vf: '2' }],
      ['VF 2', { vf: '2' }],
      ['vf=2', { vf: '2' }],
      ['VF_ID=2', { vf: '2' }],
      ['VPortId=3', { vport: '3' }],
      ['VPortId 3', { vport: '3' }],
      ['vport=3', { vport: '3' }],
      ['SwitchId=0', { switch: '0' }],
      ['FilterId=7', { filter: '7' }],
      ['SourceVPortId=3', { from: '3' }],
      ['DestVPortId=0', { to: '0' }],
      ['VFId=0x10', { vf: '16' }],
    ])('%s', (written, ids) => {
      expect(oneLog(`MlxSetInformation: OID_NIC_SWITCH_VPORT_PARAMETERS ${written}`).ids).toEqual(ids);
    });

    it('all at once, in the sample line', () => {
      const ev = oneLog('MlxSetInformation: Unknown OID 0x00010230 FilterId=7 SourceVPortId=3 DestVPortId=0 VFId=2 -->');
      expect(ev.ids).toEqual({ filter: '7', from: '3', to: '0', vf: '2' });
      expect(ev.step).toBe('T1');
    });
  });

  describe('request words', () => {
    it.each([
      ['Set OID_SRIOV_RESET_VF vf=2', 'set', 'SET'],
      ['Query OID_NIC_SWITCH_VPORT_PARAMETERS vport=3', 'query', 'QUERY'],
      ['Method OID_NIC_SWITCH_CREATE_VPORT vf=2', 'method', 'METHOD'],
      ['MlxSetInformation: OID_SRIOV_RESET_VF vf=2', 'set', 'SET'],
      ['MlxQueryInformation: OID_SRIOV_PF_LUID', 'query', 'QUERY'],
      ['--> OID_NIC_SWITCH_FREE_VF vf=4', 'set', 'SET'],
      ['--> OID_NIC_SWITCH_ALLOCATE_VF', 'method', 'METHOD'],
      ['--> OID_SRIOV_PROBED_BARS', 'query', 'QUERY'],
    ])('%s', (text, method, verb) => {
      const ev = oneLog(text);
      expect(ev).toMatchObject({ kind: 'request', method, verb });
    });

    it('a line that names an OID with neither word is the request being handled', () => {
      expect(oneLog('MlxFlr: OID_SRIOV_RESET_VF VFId=2 FLR started')).toMatchObject({ kind: 'request', method: 'handled', verb: 'HANDLE', step: 'T3' });
      // OID_RECEIVE_FILTER_SET_FILTER holds SET only inside a word: no request word.
      expect(oneLog('MlxRx: OID_RECEIVE_FILTER_SET_FILTER FilterId=8 VPortId=3').method).toBe('handled');
    });
  });

  describe('completion words', () => {
    it.each([
      'MlxOidComplete: OID_SRIOV_RESET_VF VFId=2',
      'OID_SRIOV_RESET_VF completed VFId=2',
      'completing OID_SRIOV_RESET_VF VFId=2',
      'OID_SRIOV_RESET_VF completion VFId=2',
      '<-- OID_SRIOV_RESET_VF VFId=2',
      'MlxSetInformation: OID_SRIOV_RESET_VF VFId=2 complete',
    ])('%s', (text) => {
      const ev = oneLog(text);
      expect(ev).toMatchObject({ kind: 'completion', verb: 'COMPLETE', actor: 'PF', target: 'VSTACK' });
      expect(ev.method).toBeUndefined();
    });
  });

  it('lines without an OID are context: no event, no diagnostic', () => {
    const r = lintLog(trace`
      [0]0004.0050::11/21/2026-10:41:06.998120 [mlx5]MlxMiniportCheckForHang: adapter pf0 link up, 100000 Mbps
      [0]0004.0050::11/21/2026-10:41:07.101002 [mlx5]MlxSriovEvent: guest on VF 2 left the VF data path
      VSTACK -> PF DELETE garbage =
      some free text 25:99:99 --> <--
    `);
    expect(r.events).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.lines).toBe(4);
  });

  it('the host-servicing sample: 8 events from 14 lines, every OID decoded from its code', () => {
    const r = lintLog(sample('host-servicing.log'));
    expect(r.dialect).toBe('wpp');
    expect(r.events.map((e) => `${e.line} ${e.kind} ${e.oid} ${JSON.stringify(e.ids)}`)).toEqual([
      '4 request OID_RECEIVE_FILTER_MOVE_FILTER {"filter":"7","from":"3","to":"0","vf":"2"}',
      '5 completion OID_RECEIVE_FILTER_MOVE_FILTER {"filter":"7","from":"3","to":"0","vf":"2"}',
      '7 request OID_SRIOV_RESET_VF {"vf":"2"}',
      '9 completion OID_SRIOV_RESET_VF {"vf":"2"}',
      '10 request OID_NIC_SWITCH_DELETE_VPORT {"vport":"3","vf":"2"}',
      '11 completion OID_NIC_SWITCH_DELETE_VPORT {"vport":"3","vf":"2"}',
      '12 request OID_NIC_SWITCH_FREE_VF {"vf":"2"}',
      '13 completion OID_NIC_SWITCH_FREE_VF {"vf":"2"}',
    ]);
    expect(r.events.every((e) => e.adapter === 'mlx5')).toBe(true);
    expect(r.events.filter((e) => e.kind === 'completion').every((e) => e.status?.name === 'NDIS_STATUS_SUCCESS')).toBe(true);
  });
});

describe('choosing the dialect', () => {
  it('by file name: .oidtrace is canonical, anything else a driver log', () => {
    expect(dialectForFile('a.oidtrace')).toBe('oidtrace');
    expect(dialectForFile('A.OIDTRACE')).toBe('oidtrace');
    expect(dialectForFile('host.log')).toBe('wpp');
    expect(dialectForFile('dbg.txt')).toBe('wpp');
    expect(dialectForFile(undefined)).toBeUndefined();
  });

  it('without a file name, sniffed from the text', () => {
    expect(sniffDialect(sample('teardown-clean.oidtrace'))).toBe('oidtrace');
    expect(sniffDialect(sample('host-servicing.log'))).toBe('wpp');
    expect(analyze(sample('teardown-order.oidtrace')).diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['7 teardown-order']);
  });

  it('an explicit dialect wins over the file name', () => {
    const r = analyze('VSTACK -> PF DELETE OID_NIC_SWITCH_DELETE_VPORT vport=3', { fileName: 'x.oidtrace', dialect: 'wpp' });
    expect(r.dialect).toBe('wpp');
    expect(r.diagnostics).toEqual([]);
    expect(r.events[0]!.method).toBe('handled');
  });
});
