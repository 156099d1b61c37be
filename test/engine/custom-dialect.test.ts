/**
 * A user's own format (`oidtrace.dialects`, `--dialect FILE.json`): patterns
 * are checked with one clear line per problem, and a trace in that format is
 * checked like any other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, compileCustomDialect, compileCustomDialects, type CustomDialect } from '../../src/engine';

const DIR = join(__dirname, '..', '..', 'samples', 'custom');
const fwlog = (): CustomDialect => compileCustomDialect(JSON.parse(readFileSync(join(DIR, 'fwlog.dialect.json'), 'utf8')), 'fwlog').dialect!;

describe('checking a dialect', () => {
  it.each([
    ['not an object', 'x', 'd: expected an object with a "pattern"'],
    ['no pattern', {}, 'd.pattern: expected a regular expression (text) or a list of them'],
    ['a broken pattern', { pattern: '(?<oid>OID_\\w+' }, 'd.pattern: Invalid regular expression: /(?<oid>OID_\\w+/d: Unterminated group'],
    ['no oid group', { pattern: '(?<vf>\\d+)' }, 'd.pattern: needs a named group "oid", e.g. (?<oid>OID_\\w+)'],
    [
      'an unknown group',
      { pattern: '(?<oid>\\w+) (?<vfid>\\d+)' },
      'd.pattern: unknown group "vfid"; the groups are time, oid, kind, status, actor, target, adapter, vf, vport, filter, switch, from, to',
    ],
    ['a pattern matching every line', { pattern: '(?<oid>\\w*)' }, 'd.pattern: matches an empty line; it would take every line for an event'],
    ['flags other than i', { pattern: '(?<oid>\\w+)', flags: 'g' }, 'd.flags: only "i" (ignore case) is accepted, got "g"'],
    ['files not a list', { pattern: '(?<oid>\\w+)', files: '*.log' }, 'd.files: expected a list of glob patterns'],
  ])('%s', (_name, spec, message) => {
    expect(compileCustomDialect(spec, 'd')).toEqual({ error: message });
  });

  it('a list: good ones compile, each bad one is named by its place', () => {
    const { dialects, errors } = compileCustomDialects([{ pattern: '(?<oid>OID_\\w+)' }, { pattern: ['(?<oid>OID_\\w+)', '('] }], 'oidtrace.dialects');
    expect(dialects.map((d) => d.name)).toEqual(['oidtrace.dialects[0]']);
    expect(errors).toEqual(['oidtrace.dialects[1].pattern[1]: Invalid regular expression: /(/d: Unterminated group']);
  });
});

describe("a trace in the user's format", () => {
  const text = readFileSync(join(DIR, 'teardown.fwlog'), 'utf8');

  it('is read by the pattern: names without OID_, codes, statuses by name or code, ids, time, adapter', () => {
    const r = analyze(text, { fileName: 'teardown.fwlog', customDialect: fwlog() });
    expect(r.events.map((e) => `${e.line} ${e.kind} ${e.oid} ${e.status?.name ?? ''} ${JSON.stringify(e.ids)} ${e.adapter}`)).toEqual([
      '2 request OID_RECEIVE_FILTER_MOVE_FILTER  {"vf":"2","filter":"7","from":"3","to":"0"} pf0',
      '3 completion OID_RECEIVE_FILTER_MOVE_FILTER NDIS_STATUS_SUCCESS {"vf":"2","filter":"7","from":"3","to":"0"} pf0',
      '4 request OID_SRIOV_RESET_VF  {"vf":"2"} pf0',
      '5 completion OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS {"vf":"2"} pf0',
      '6 request OID_NIC_SWITCH_DELETE_VPORT  {"vf":"2","vport":"3"} pf0',
      '7 completion OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS {"vf":"2","vport":"3"} pf0',
      '8 request OID_NIC_SWITCH_FREE_VF  {"vf":"2"} pf0',
      '9 completion OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS {"vf":"2"} pf0',
    ]);
    expect(r.events[2]!.timeText).toBe('2026-11-21 10:41:07.112');
    expect(r.events[3]!.time! - r.events[2]!.time!).toBeCloseTo(40, 6);
  });

  it('gets the same findings as any trace: RESET_VF before DELETE_VPORT, underlined at its OID', () => {
    const r = analyze(text, { fileName: 'teardown.fwlog', customDialect: fwlog() });
    expect(r.diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.rule}`)).toEqual(['4:34-48 teardown-order']);
    expect(r.episodes.map((e) => e.title)).toEqual(['pf0 · VF 2 teardown']);
  });

  it('without the dialect, only the two lines with an OID code are read (names without OID_ are not)', () => {
    expect(analyze(text, { fileName: 'teardown.fwlog' }).events.map((e) => `${e.line} ${e.oid}`)).toEqual([
      '6 OID_NIC_SWITCH_DELETE_VPORT',
      '7 OID_NIC_SWITCH_DELETE_VPORT',
    ]);
  });

  it('lines the pattern does not match are read the built-in way (driver-log lines, suppression comments)', () => {
    const mixed = [
      '# oidtrace-disable-next-line teardown-order',
      '2026-11-21 10:41:07.112 pf0 REQ  SRIOV_RESET_VF vf=2',
      '[0]0A3C.0F10::11/21/2026-10:41:07.153000 [pf0]MlxSetInformation: OID_NIC_SWITCH_DELETE_VPORT VPortId 3 VFId=2 -->',
    ].join('\n');
    const r = analyze(mixed, { fileName: 'mixed.fwlog', customDialect: fwlog() });
    expect(r.events.map((e) => `${e.line} ${e.dialect} ${e.oid}`)).toEqual(['2 custom OID_SRIOV_RESET_VF', '3 wpp OID_NIC_SWITCH_DELETE_VPORT']);
    expect(r.diagnostics).toEqual([]);
  });

  it('a misspelt SR-IOV name is an unknown-oid finding with the suggestion', () => {
    const r = analyze('2026-11-21 10:41:07.153 pf0 REQ  NIC_SWITCH_FREE_VPORT vf=2 vport=3', { fileName: 'x.fwlog', customDialect: fwlog() });
    expect(r.diagnostics.map((d) => `${d.span.column} ${d.rule} ${d.fix?.text}`)).toEqual(['34 unknown-oid OID_NIC_SWITCH_DELETE_VPORT']);
  });
});
