/**
 * Big inputs through the CLI and the engine, at sizes a unit test can afford
 * (bench/hostile.ts runs the issue's sizes, 50 MB lines and 10 million empty
 * lines, and measures time and memory): nothing thrown, the right line count,
 * the diagnostics named here.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import { runCli } from '../helpers/cli';
import { tempDir } from './helpers';

const { file } = tempDir('oidtrace-big-');

function json(out: string): { events: number; diagnostics: Array<{ line: number; column: number; rule: string; message: string }> } {
  return JSON.parse(out).files[0];
}

describe('a million empty lines', () => {
  it.each([
    ['LF, a driver log (the byte-scanning path)', 'empty.log', '\n'],
    ['CRLF, a canonical trace (the decoded-text path)', 'empty.oidtrace', '\r\n'],
    ['lone CR, a driver log (falls back to the decoded-text path)', 'empty-cr.log', '\r'],
  ])('%s: no event, no diagnostic', async (_label, name, eol) => {
    const text = eol.repeat(1_000_000);
    const r = await runCli(['lint', '--format', 'json', file(name, text)]);
    expect([r.code, r.err, json(r.out)]).toEqual([0, '', { path: expect.any(String), events: 0, diagnostics: [] }]);
    expect(analyze(text, { fileName: name }).lines).toBe(1_000_001);
  });

  it('with one event at the end: found at line 1,000,001 by every path', async () => {
    const tail = 'MlxSetInformation: OID_NIC_SWITCH_DELTE_VPORT VPortId 3 VFId=2';
    for (const [name, eol] of [
      ['late.log', '\n'],
      ['late-crlf.log', '\r\n'],
      ['late-cr.log', '\r'],
      ['late.oidtrace', '\r\n'],
    ] as const) {
      const text = eol.repeat(1_000_000) + (name.endsWith('.oidtrace') ? 'VSTACK -> PF SET OID_NIC_SWITCH_DELTE_VPORT vport=3' : tail);
      const r = await runCli(['lint', '--format', 'json', file(name, text)]);
      expect([name, json(r.out).diagnostics.map((d) => `${d.line} ${d.rule}`)]).toEqual([name, ['1000001 unknown-oid']]);
    }
  });
});

describe('a 10 MB single line', () => {
  it('of driver-log text with an OID in every sentence: one line, one event (a line holds one event)', async () => {
    const unit = '[1]0A3C.0F10::11/21/2026-10:41:07.123456 [mlx5]MlxSetInformation: OID_NIC_SWITCH_VF_PARAMETERS VFId=2 ';
    const text = unit.repeat(Math.ceil(10_000_000 / unit.length));
    const r = await runCli(['lint', '--format', 'json', file('one-line.log', text)]);
    expect([r.code, r.err, json(r.out)]).toEqual([0, '', { path: expect.any(String), events: 1, diagnostics: [] }]);
  });

  it('of canonical key=value pairs: one event with every attribute; one bad pair is one syntax error with a short message', async () => {
    const pairs = Array.from({ length: 400_000 }, (_, i) => `k${i % 1000}=v${i}`).join(' ');
    const ok = await runCli(['lint', '--format', 'json', file('pairs.oidtrace', `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 ${pairs}\n`)]);
    expect([ok.code, json(ok.out).events, json(ok.out).diagnostics]).toEqual([0, 1, []]);
    const bad = await runCli(['lint', '--format', 'json', file('bad-pairs.oidtrace', `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 ${pairs} ${'y'.repeat(1_000_000)}\n`)]);
    const d = json(bad.out).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.rule}`)).toEqual([`1:${`VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 ${pairs} `.length + 1} syntax`]);
    expect(d[0]!.message).toBe(`expected key=value, found '${'y'.repeat(63)}…'`);
  });
});
