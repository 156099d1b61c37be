/**
 * One story from a host trace and the guest's kernel log: the guest's events go
 * onto the host's clock and VF, and R10 is checked across the two files, each
 * finding with the file and line it is about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { correlate, CorrelationError } from '../../src/engine';

const DIR = join(__dirname, '..', '..', 'samples', 'correlate');
const HOST = { name: 'host-servicing.log', text: readFileSync(join(DIR, 'host-servicing.log'), 'utf8') };
const GUEST = { name: 'guest-dmesg.txt', text: readFileSync(join(DIR, 'guest-dmesg.txt'), 'utf8') };
const where = (d: { source?: number; span: { line: number; column: number }; rule: string }) => `${d.source}:${d.span.line}:${d.span.column} ${d.rule}`;

describe('the host tore the VF down while the guest was still on it', () => {
  const c = correlate(HOST, GUEST);

  it('estimates the guest clock from the VF setup: "VF slot added" 1 ms after the host\'s MOVE_FILTER to VPort 3', () => {
    expect(c.offsetFrom).toBe('estimated');
    expect(c.vf).toEqual({ adapter: 'pf0', vf: '2' });
    // Host line 5 at 10:40:00.102 (UTC, ms since the epoch) + 1 ms = the guest's 100.000000 s.
    expect(c.offsetMs).toBe(Date.UTC(2026, 10, 21, 10, 40, 0, 103) - 100_000);
    expect(c.note).toBe(
      "guest clock +1795257500.103000 s, estimated from VF 2's setup (the guest's \"VF slot added\" right after the host's last setup OID); the guest's VF is pf0 VF 2",
    );
  });

  it("R10 (vf-still-in-use) at the host's MOVE_FILTER and DELETE_VPORT, pointing at the guest's line", () => {
    expect(c.host.diagnostics.map(where)).toEqual(['0:8:66 vf-still-in-use', '0:10:66 vf-still-in-use']);
    expect(c.guest.diagnostics).toEqual([]);
    const [t1] = c.host.diagnostics;
    expect(t1!.message).toBe(
      "T1 OID_RECEIVE_FILTER_MOVE_FILTER for VF 2 while the guest is still on the VF data path of VF 2 (DATAPATH at line 6 of the guest's log); NetVSC must unbind and the VF miniport halt first",
    );
    expect(t1!.related).toEqual([{ line: 6, column: 69, endColumn: 105, message: 'the guest moved to the VF data path here', source: 1 }]);
  });

  it("one teardown episode holds the host's OIDs and the guest's steps, in time order", () => {
    const teardown = c.result.episodes.find((e) => e.kind === 'vf-teardown')!;
    const events = teardown.events.map((i) => c.result.events[i]!);
    expect(events.map((e) => `${e.source}:${e.line} ${e.step ?? ''}`)).toEqual([
      '0:8 T1',
      '0:9 T1',
      '0:10 T2',
      '0:11 T2',
      '0:12 T3',
      '0:13 T3',
      '0:14 T4',
      '0:15 T4',
      '1:7 G4',
      '1:8 G3',
      '1:9 G2',
    ]);
    // The guest's own handle for the VF stays on its events.
    expect(events[8]!.attrs.slot).toBe('1');
  });
});

it('a guest that left the VF in time: no finding', () => {
  const early = GUEST.text.replace('[  165.450781]', '[  164.950781]').replace('[  165.451002]', '[  164.951002]').replace('[  165.498660]', '[  164.998660]');
  const c = correlate(HOST, { ...GUEST, text: early });
  expect(c.result.diagnostics).toEqual([]);
});

it('a given clock offset is used as given (here: the guest 1 s earlier, so it left in time)', () => {
  const c = correlate(HOST, GUEST, { offsetMs: Date.UTC(2026, 10, 21, 10, 40, 0, 103) - 100_000 - 1000 });
  expect(c.offsetFrom).toBe('given');
  expect(c.result.diagnostics.filter((d) => d.rule === 'vf-still-in-use')).toEqual([]);
});

it('a suppression comment in the host trace speaks for its line', () => {
  const lines = HOST.text.split('\n');
  lines.splice(7, 0, '# oidtrace-disable-next-line vf-still-in-use -- the guest was told to go earlier, known');
  const c = correlate({ ...HOST, text: lines.join('\n') }, GUEST);
  expect(c.host.diagnostics.map(where)).toEqual(['0:11:66 vf-still-in-use']);
});

describe('what the user must give when the traces cannot tell', () => {
  it("several host VFs: which one is the guest's", () => {
    const two = HOST.text + '[0]0A3C.0F10::11/21/2026-10:42:00.000000 [pf0]MlxSetInformation: OID_SRIOV_RESET_VF VFId=5 -->\n';
    let error: unknown;
    try {
      correlate({ ...HOST, text: two }, GUEST);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorrelationError);
    expect((error as CorrelationError).message).toBe("the host trace has 2 VFs (pf0 VF 2, pf0 VF 5): say which one is the guest's (--vf N)");
    // What the extension offers in a pick list.
    expect((error as CorrelationError).choices).toEqual([
      { adapter: 'pf0', vf: '2' },
      { adapter: 'pf0', vf: '5' },
    ]);
    expect(correlate({ ...HOST, text: two }, GUEST, { hostVf: '2' }).vf).toEqual({ adapter: 'pf0', vf: '2' });
  });

  it('no setup in either trace and no offset: the clocks cannot be matched', () => {
    const teardownOnly = HOST.text.split('\n').slice(7).join('\n');
    expect(() => correlate({ ...HOST, text: teardownOnly }, GUEST)).toThrow(
      new CorrelationError(
        "the clocks cannot be matched: neither trace shows VF 2's setup (the host's MOVE_FILTER or CREATE_VPORT and the guest's \"VF slot added\"); give the guest's clock offset (--clock-offset MS)",
      ),
    );
  });

  it('a "guest" file with no guest VF lines', () => {
    expect(() => correlate(HOST, { name: 'other.log', text: HOST.text })).toThrow(
      new CorrelationError('other.log holds no guest VF events (hv_netvsc / hv_pci lines, or VSC / NETVSC / VF lifecycle lines)'),
    );
  });
});
