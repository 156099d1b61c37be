/**
 * What a reading left out: the lines that name an OID, mention a VF or come
 * from hv_netvsc / hv_pci but yielded no event, and when a file counts as not
 * read. A trace OID Trace cannot read must never look clean.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, compileCustomDialects, describeFirstUnread, describeReading, mentionOf } from '../../src/engine';
import { sample, SAMPLES_DIR, trace } from './helpers';

describe('which lines count, and as what', () => {
  it.each([
    ['VF 2 link up', 'vf'],
    ['4 VFs provisioned', 'vf'],
    ['reset VFId=2', 'vf'],
    ['VF_ID: 3', 'vf'],
    ['VFID 3', 'vf'],
    ['(VF2) ready', 'vf'],
    ['NDIS_STATUS_SWITCH_PORT_REMOVE_VF for port 3', 'vf'],
    ['req vf=2 vport=3', 'vf'],
    ['VfId: 2', 'vf'],
    ['vf_id=7', 'vf'],
    ['vf: 1', 'vf'],
    ['flr on vf 3', 'vf'],
    ['REQ RESET OID_SRIOV_RESET_VF', 'oid'],
    ['OID_GEN_SOMETHING_NEW queried', 'oid'],
    ['Unknown OID 0x00010255', 'oid'],
    ['handled 00010246', 'oid'],
    ['hv_vmbus: registering driver hv_netvsc', 'hvNetvsc'],
    ['hv_netvsc 6045 eth0: VF slot 1 added', 'hvNetvsc'],
    ['hv_pci 3f1c: PCI host bridge to bus 8d04:00', 'hvPci'],
  ] as const)('%s: %s', (line, kind) => {
    expect(mentionOf(line, 'wpp')).toBe(kind);
  });

  it.each([
    'VFS: Mounted root (ext4 filesystem)',
    'vfio-pci 0000:3b:00.0: enabling device',
    'VFIO - User Level meta-driver',
    'sriov_numvfs set to 4',
    'the Vf driver',
    'address 0x000102FF', // a code in the OID range that the catalog does not know
    'MY_OID_TABLE rebuilt',
    'hv_vmbus: Vmbus version:5.3',
  ])('%s: does not count', (line) => {
    expect(mentionOf(line, 'wpp')).toBeUndefined();
  });

  it("in a Linux guest's log, hv_netvsc lines its dialect does not read are context; its VF lines still count", () => {
    expect(mentionOf('hv_vmbus: registering driver hv_netvsc', 'linux')).toBeUndefined();
    expect(mentionOf('hv_netvsc 6045 eth0: VF slot one added', 'linux')).toBe('vf');
  });
});

describe('a driver log in a format OID Trace does not read', () => {
  const log = trace`
    10:41:07.100 fw: boot
    10:41:07.110 fw: REQ RESET vf=2
    10:41:07.120 fw: link up
    10:41:07.130 fw: CMPL RESET vf=2
  `;

  it('0 events: not read, with the lines and the first of them', () => {
    const r = analyze(log, { fileName: 'fw.log' });
    expect(r.reading).toEqual({
      eventLines: 0,
      unreadLines: 2,
      unreadBy: { oid: 0, hvNetvsc: 0, hvPci: 0, vf: 2 },
      firstUnread: [2, 4],
      firstSpan: { line: 2, column: 1, endLine: 2, endColumn: 32 },
      firstKind: 'vf',
      notRead: true,
    });
    expect(describeReading(r.reading, r.lines)).toBe('0 OID or VF events in 4 lines; 2 lines, like 2 and 4, mention a VF but are in no format OID Trace reads');
    expect(describeFirstUnread(r.reading, r.lines)).toBe('This line and 1 other mention a VF but are in no format OID Trace reads (0 OID or VF events in 4 lines)');
  });

  it('one such line: said in the singular', () => {
    const r = analyze('boot\nREQ RESET vf=2\n', { fileName: 'fw.log' });
    expect(describeReading(r.reading, r.lines)).toBe('0 OID or VF events in 3 lines; line 2 mentions a VF but is in no format OID Trace reads');
    expect(describeFirstUnread(r.reading, r.lines)).toBe('This line mentions a VF but is in no format OID Trace reads (0 OID or VF events in 3 lines)');
  });

  it("a Linux guest's log OID Trace did not take for one: says what it reads a guest's log as", () => {
    const r = analyze('[    1.9] hv_vmbus: registering driver hv_netvsc\nboot 1\nboot 2\n<6> hv_netvsc 6045 eth0: VF slot 1 added\n', { fileName: 'guest.log' });
    expect(r.dialect).toBe('wpp');
    expect(describeReading(r.reading, r.lines)).toBe(
      "0 OID or VF events in 5 lines; 2 lines, like 1 and 4, come from hv_netvsc but are in no format OID Trace reads (OID Trace reads a Linux guest's kernel log when most of its lines carry dmesg, syslog or journal stamps)",
    );
  });

  it('mixed kinds are each named; at most 5 line numbers are kept, 3 are said', () => {
    // An OID name the driver dialect neither knows nor checks: no event, no unknown-oid report.
    const lines = ['OID_GEN_SOMETHING_NEW queried', 'hv_pci x: probe', 'VF 1', 'VF 2', 'VF 3', 'VF 4', 'VF 5'].map((l) => `fw: ${l}`);
    const r = analyze(lines.join('\n'), { fileName: 'fw.log' });
    expect(r.reading.unreadBy).toEqual({ oid: 1, hvNetvsc: 0, hvPci: 1, vf: 5 });
    expect(r.reading.firstUnread).toEqual([1, 2, 3, 4, 5]);
    expect(describeReading(r.reading, r.lines)).toBe(
      "0 OID or VF events in 7 lines; 7 lines, like 1, 2 and 3, name an OID or come from hv_pci or mention a VF but are in no format OID Trace reads (OID Trace reads a Linux guest's kernel log when most of its lines carry dmesg, syslog or journal stamps)",
    );
    // In a Linux guest's log the hv_pci line is context.
    const guest = analyze(lines.join('\n'), { fileName: 'fw.log', dialect: 'linux' });
    expect(guest.reading.unreadBy).toEqual({ oid: 1, hvNetvsc: 0, hvPci: 0, vf: 5 });
    expect(describeReading(guest.reading, guest.lines)).toBe(
      '0 OID or VF events in 7 lines; 6 lines, like 1, 3 and 4, name an OID or mention a VF but are in no format OID Trace reads',
    );
  });

  it('comments, suppression comments, syntax errors and lines a dialect knows are no event do not count', () => {
    const canonical = trace`
      # VF 2 teardown, as seen on the host
      # oidtrace-disable-next-line teardown-order -- VF 2 is retried
      10:41:07.110 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2
      10:41:07.111 VSTACK -> PF SETT OID_SRIOV_RESET_VF vf=2
    `;
    expect(analyze(canonical, { fileName: 'a.oidtrace' }).reading).toMatchObject({ eventLines: 1, unreadLines: 0, notRead: false });
    const guest = '[ 1.0] hv_netvsc 6045 eth0: Waiting for the VF association from host\n[ 2.0] hv_vmbus: registering driver hv_netvsc\n';
    expect(analyze(guest, { fileName: 'dmesg' }).reading).toMatchObject({ eventLines: 0, unreadLines: 0, notRead: false });
  });
});

describe('when a file with events counts as not read: at least 5 unread lines, and at least 2 per event', () => {
  const file = (events: number, unread: number) => {
    const out: string[] = [];
    for (let i = 0; i < events; i++) out.push(`OID_SRIOV_RESET_VF VFId=${i}`);
    for (let i = 0; i < unread; i++) out.push(`fw: reset vf=${i}`);
    return analyze(out.join('\n'), { fileName: 'x.log' }).reading;
  };

  it.each([
    [1, 4, false],
    [1, 5, true],
    [2, 5, true],
    [3, 5, false],
    [3, 6, true],
    [20, 39, false],
    [20, 40, true],
    [0, 1, true],
    [0, 0, false],
    [5, 0, false],
  ])('%i events, %i unread lines: %s', (events, unread, notRead) => {
    const r = file(events, unread);
    expect([r.eventLines, r.unreadLines, r.notRead]).toEqual([events, unread, notRead]);
  });
});

describe('the bundled samples are read whole', () => {
  const traces = ['', 'correlate'].flatMap((dir) => readdirSync(join(SAMPLES_DIR, dir)).map((f) => join(dir, f))).filter((f) => statSync(join(SAMPLES_DIR, f)).isFile());

  it.each(traces)('%s', (name) => {
    const r = analyze(sample(name), { fileName: name });
    expect(r.reading.notRead).toBe(false);
    expect(r.reading.eventLines).toBe(r.eventCount);
  });

  it('samples/custom/teardown.fwlog: not read without its dialect, read whole with it', () => {
    const text = sample('custom/teardown.fwlog');
    const without = analyze(text, { fileName: 'teardown.fwlog' });
    expect(describeReading(without.reading, without.lines)).toBe(
      '2 OID or VF events in 10 lines; 7 lines, like 1, 2 and 3, mention a VF but are in no format OID Trace reads',
    );
    expect(without.reading.notRead).toBe(true);
    const { dialects } = compileCustomDialects(JSON.parse(sample('custom/fwlog.dialect.json')), 'fwlog.dialect.json');
    const withIt = analyze(text, { fileName: 'teardown.fwlog', customDialect: dialects[0] });
    expect(withIt.reading).toMatchObject({ eventLines: 8, unreadLines: 1, firstUnread: [1], notRead: false });
  });
});
