/** The offer to open a .log as an OID trace says what it found in that file's own words. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import { describeFound } from '../../src/extension/offer-words';
import { sample } from '../engine/helpers';

function found(text: string, fileName: string, partial = false): string | undefined {
  const lines = text.split(/\r?\n/);
  return describeFound(analyze(text, { fileName, keepEvents: true }), (n) => lines[n - 1] ?? '', partial);
}

describe('what the offer says it found', () => {
  it('a WPP trace (TraceFmt output): SR-IOV OID requests in a WPP trace, counted', () => {
    expect(found(sample('host-servicing.log'), '/t/host-servicing.log')).toBe('SR-IOV OID requests in a WPP trace (4 requests, 4 completions)');
  });

  it('the same lines without the WPP prefix: DbgPrint output', () => {
    const dbgPrint = sample('host-servicing.log').replace(/^\[\d+\][0-9A-F]+\.[0-9A-F]+::\S+ \[mlx5\]/gm, '');
    expect(dbgPrint).not.toMatch(/::/);
    expect(found(dbgPrint, '/t/host-servicing.log')).toBe('SR-IOV OID requests in DbgPrint output (4 requests, 4 completions)');
  });

  it("a Linux guest's kernel log: its VF events and the drivers that printed them", () => {
    expect(found(sample('guest-boot.log'), '/t/guest-boot.log')).toBe("a Linux guest's VF events (hv_netvsc, hv_pci, mlx5_core): 9 events");
  });

  it("the canonical form in a .txt: OID Trace's own form", () => {
    expect(found(sample('teardown-order.oidtrace'), '/t/teardown-order.oidtrace')).toBe("SR-IOV OID requests in OID Trace's own form (4 requests, 4 completions)");
  });

  it('says when only the first lines were read', () => {
    expect(found(sample('host-servicing.log'), '/t/host-servicing.log', true)).toBe(
      'SR-IOV OID requests in a WPP trace (4 requests, 4 completions in its first 15 lines)',
    );
  });

  it('a log with no OID request and no VF event: nothing to offer', () => {
    expect(found('[0]0004.0050::11/21/2026-10:41:06.998120 [mlx5]MlxRxPoll: queue 3 processed 64 packets\nplain words\n', '/t/app.log')).toBeUndefined();
    expect(found('[    0.000000] Linux version 6.8.0\n[    1.0] random: crng init done\n', '/t/dmesg.log')).toBeUndefined();
  });
});
