/**
 * The WebAssembly scan looks for exactly SCAN_NEEDLES (its compare is generated
 * from the list at build time), and never skips a line the engine's own cheap
 * tests would read: an OID (mayHoldOidEvent), a REMOVE_VF indication
 * (mayIndicateRemoveVf), a suppression comment. Checked on generated lines:
 * needles whole, cut short, in the other case, at every offset of the scan's
 * 16-byte steps, between noise and multi-byte characters.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../../bench/prng.mjs';
import type { Analyzer } from '../../src/engine';
import { mayHoldOidEvent, mayIndicateRemoveVf } from '../../src/engine/dialects/driver-log';
import { OID_EVENT_NEEDLES, REMOVE_VF_NEEDLES, SCAN_NEEDLES, SUPPRESSION_NEEDLES } from '../../src/engine/dialects/line-needles';
import { parseSuppression } from '../../src/engine/dialects/parsed-line';
import { scanTraceFile } from '../../src/node/fast-scan';

const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-needles-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The line numbers the scan hands on, for `lines` written one a line. */
async function scanned(lines: readonly string[], chunk: number): Promise<number[]> {
  const path = join(tmp, `lines-${chunk}.log`);
  writeFileSync(path, lines.join('\n') + '\n');
  const fed: number[] = [];
  const analyzer = { skippable: 'lines without needles', line: (_text: string, n: number) => void fed.push(n) } as unknown as Analyzer;
  const file = await open(path, 'r');
  try {
    const { lines: count } = await scanTraceFile(file, analyzer, () => ({ skip: 0 }), chunk);
    expect(count).toBe(lines.length + 1);
  } finally {
    await file.close();
  }
  return fed;
}

const FRAGMENTS = [
  ...SCAN_NEEDLES,
  ...SCAN_NEEDLES.flatMap((n) => [n.slice(0, -1), n.slice(1), n.toLowerCase(), n.toUpperCase()]),
  'OID_SRIOV_RESET_VF',
  'Unknown OID 0x00010255',
  '00010244',
  'OID',
  '0x0001',
  '00010',
  '_RE',
  'REMOVE',
  'C02',
  '0241001',
  'NDIS_STATUS_SWITCH_PORT_REMOVE_VF',
  'SWITCH_PORT_REMOVE_VF',
  '0xC0241001',
  'c0241001',
  '# oidtrace-disable-next-line teardown-order',
  '# oidtrace-disable',
  'MlxRxPoll: queue 0 processed 000 packets',
  'VFId=2',
  '[0]0004.0050::11/21/2026-10:41:07.000100 [mlx5]',
  'é',
  '日本',
  '\t',
  ' ',
];

function generatedLines(seed: number, count: number): string[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    // A run of filler first, so that what follows starts at any offset of a 16-byte step
    // (spaces half the time: a comment after them is still a suppression).
    let line = (r() < 0.5 ? ' ' : 'x').repeat(Math.floor(r() * 40));
    const parts = Math.floor(r() * 5);
    for (let p = 0; p < parts; p++) line += (r() < 0.3 ? ' ' : '') + pick(FRAGMENTS);
    lines.push(line);
  }
  return lines;
}

const holds = (line: string, needles: readonly string[]) => needles.some((n) => line.includes(n));

describe('the scan and the engine look for the same strings', () => {
  const lines = generatedLines(20261121, 3000);

  it('the generated lines hold every kind: OIDs, REMOVE_VF, suppressions, and none', () => {
    expect(lines.filter(mayHoldOidEvent).length).toBeGreaterThan(300);
    expect(lines.filter(mayIndicateRemoveVf).length).toBeGreaterThan(50);
    expect(lines.filter((l) => parseSuppression(l.trim()) !== undefined).length).toBeGreaterThan(5);
    expect(lines.filter((l) => !holds(l, SCAN_NEEDLES)).length).toBeGreaterThan(300);
  });

  it.each([64, 4096])('chunks of %i bytes: the lines read are the lines with a needle', async (chunk) => {
    const fed = await scanned(lines, chunk);
    const expected = lines.flatMap((l, i) => (holds(l, SCAN_NEEDLES) ? [i + 1] : []));
    expect(fed).toEqual(expected);
    const read = new Set(fed);
    const missed = (test: (l: string) => boolean) => lines.flatMap((l, i) => (test(l) && !read.has(i + 1) ? [l] : []));
    expect(missed(mayHoldOidEvent)).toEqual([]);
    expect(missed(mayIndicateRemoveVf)).toEqual([]);
    expect(missed((l) => /^\s*#\s*oidtrace-disable/.test(l))).toEqual([]);
  });

  it('each cheap test of the engine is the list, or is found through it', () => {
    for (const l of lines) expect([l, mayHoldOidEvent(l)]).toEqual([l, holds(l, OID_EVENT_NEEDLES)]);
    for (const l of lines.filter(mayIndicateRemoveVf)) expect([l, holds(l, REMOVE_VF_NEEDLES)]).toEqual([l, true]);
    for (const l of lines.filter((x) => parseSuppression(x.trim()) !== undefined)) expect([l, holds(l, SUPPRESSION_NEEDLES)]).toEqual([l, true]);
  });
});
