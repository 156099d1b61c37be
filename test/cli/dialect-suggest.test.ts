/**
 * `oidtrace dialect suggest FILE`: for traces in formats OID Trace does not
 * read (a vendor's WPP messages, and three in-house forms), the JSON it prints
 * is taken by `--dialect` as it is, and `lint` then reads every OID event and
 * reports what the trace shows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, SAMPLES_DIR } from '../engine/helpers';
import { runCli } from '../helpers/cli';

const own = (name: string) => relative(process.cwd(), join(FIXTURES_DIR, 'own-format', name));
const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-suggest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `dialect suggest FILE`, its JSON saved; then `lint --dialect` with it. */
async function suggestThenLint(name: string) {
  const suggested = await runCli(['dialect', 'suggest', own(name)]);
  const dialectFile = join(tmp, `${name}.dialect.json`);
  writeFileSync(dialectFile, suggested.out);
  const lint = await runCli(['lint', '--dialect', dialectFile, own(name)]);
  const json = await runCli(['lint', '--format', 'json', '--dialect', dialectFile, own(name)]);
  return { suggested, lint, events: (JSON.parse(json.out) as { files: Array<{ events: number }> }).files[0]!.events };
}

describe('a suggested dialect reads the trace it was learnt from', () => {
  it('WPP prefix, vendor messages with CamelCase OIDs, VFId=2 / VfId: 2 / VPortId 3, --> and <--, Status 0x00000000', async () => {
    const { suggested, lint, events } = await suggestThenLint('wpp-vendor.log');
    expect(suggested.code).toBe(0);
    expect(suggested.err).toBe(
      `oidtrace: ${own('wpp-vendor.log')}: a dialect learnt from lines 2, 3, 4 and 5; with it, 8 OID or VF events in 10 lines (without it, 0 OID or VF events in 10 lines)\n`,
    );
    expect(JSON.parse(suggested.out)).toMatchObject({ name: 'log-format', files: ['**/*.log'], flags: 'i' });
    expect(events).toBe(8);
    expect(lint.code).toBe(1);
    expect(lint.out).toBe(
      `${own('wpp-vendor.log')}:4:77: error teardown-order T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 6); ` +
        'the documented VF teardown is T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF\n',
    );
  });

  it('ISO times, an adapter name, >>> and <<<, CamelCase OIDs, rc=0: the teardown that skips RESET_VF', async () => {
    const { suggested, lint, events } = await suggestThenLint('arrows.vlog');
    expect(JSON.parse(suggested.out)).toMatchObject({ name: 'vlog-format', files: ['**/*.vlog'] });
    expect(events).toBe(6);
    expect(lint.code).toBe(0);
    expect(lint.out).toBe(
      `${own('arrows.vlog')}:6:35: warning teardown-missing-step T4 OID_NIC_SWITCH_FREE_VF for VF 2 without T3 OID_SRIOV_RESET_VF after T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 4); ` +
        'the documented VF teardown is T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF\n',
    );
  });

  it('| separators, times with a comma, REQ and DONE, codes as 0x10245 and 10241h, VF: 2, st: 0x0: a filter moved before its VPort exists', async () => {
    const { lint, events } = await suggestThenLint('pipes.fwtrace');
    expect(events).toBe(6);
    expect(lint.code).toBe(1);
    expect(lint.out).toBe(
      `${own('pipes.fwtrace')}:4:27: error setup-order OID_RECEIVE_FILTER_MOVE_FILTER for VF 2 uses VPort 3 before OID_NIC_SWITCH_CREATE_VPORT (line 6) created it\n`,
    );
  });

  it('[time] adapter:, lower-case set and complete, names without OID_, vf_id=2, status=invalid_parameter: a failed FREE_VF', async () => {
    const { lint, events } = await suggestThenLint('words.nlog');
    expect(events).toBe(6);
    expect(lint.code).toBe(0);
    expect(lint.out).toBe(
      `${own('words.nlog')}:7:30: warning oid-failed OID_NIC_SWITCH_FREE_VF for VF 2 failed with NDIS_STATUS_INVALID_PARAMETER (0xC000000D), a parameter was invalid for the object's current state: ` +
        'the VF is still allocated; the PF answers NDIS_STATUS_INVALID_PARAMETER while VPorts are still attached (R11)\n',
    );
  });

  it('--name names it', async () => {
    const r = await runCli(['dialect', 'suggest', '--name', 'contoso-vnic', own('arrows.vlog')]);
    expect(JSON.parse(r.out).name).toBe('contoso-vnic');
  });
});

describe('nothing to learn from: one line, exit 2', () => {
  const file = (name: string, text: string) => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['a missing file', () => join(tmp, 'missing.log'), 'no such file'],
    [
      'a trace read whole',
      () => relative(process.cwd(), join(SAMPLES_DIR, 'teardown-clean.oidtrace')),
      'every line that names an OID or mentions a VF was read (13 OID or VF events in 17 lines): there is nothing to learn',
    ],
    ['no line about an OID or a VF', () => file('quiet.log', 'link up\nlink down\n'), 'no line names an OID or mentions a VF: there is nothing to learn'],
    [
      'lines about VFs but no OID',
      () => file('vfs.log', 'vf 2 link up\nvf 3 link down\n'),
      'lines 1 and 2 were not read; none of the lines names an OID, by name (OID_SRIOV_RESET_VF, SRIOV_RESET_VF, SriovResetVf) or by code (0x00010255, 10255h): there is nothing to learn a format from',
    ],
  ])('%s', async (_label, path, message) => {
    const p = path();
    expect(await runCli(['dialect', 'suggest', p])).toEqual({ code: 2, out: '', err: `oidtrace: ${p}: ${message}\n` });
  });

  it.each([
    [['dialect'], 'dialect takes a subcommand: dialect suggest FILE (see --help)'],
    [['dialect', 'learn', 'x.log'], "dialect takes a subcommand: dialect suggest FILE, got 'learn' (see --help)"],
    [['dialect', 'suggest'], 'dialect suggest needs a FILE (or - for standard input)'],
    [['dialect', 'suggest', 'a.log', 'b.log'], 'dialect suggest takes one FILE'],
    [['dialect', 'suggest', '--dialect', 'd.json', 'a.log'], "unknown option '--dialect' for dialect suggest (see --help)"],
  ])('usage: %j', async (argv, message) => {
    expect(await runCli(argv)).toEqual({ code: 2, out: '', err: `oidtrace: ${message}\n` });
  });

  it('--help lists it', async () => {
    expect((await runCli(['--help'])).out).toContain('oidtrace dialect suggest FILE ');
  });
});
