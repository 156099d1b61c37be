/**
 * The scan's two-stage compare (scripts/scan-wat.mjs): a cheap prefilter on a
 * fingerprint of each needle, then the exact compare. The prefilter only lets
 * more steps through, never fewer, and the lines handed on are exactly those
 * with a needle: a line with a fingerprint but no needle is not one, a needle
 * whose fingerprint is not its first bytes is found up to the last byte of a
 * region. Checked on SCAN_NEEDLES through the built scan, and on needle lists
 * of every shape through scans assembled here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wabt from 'wabt';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../../bench/prng.mjs';
import type { Analyzer } from '../../src/engine';
import { SCAN_NEEDLES } from '../../src/engine/dialects/line-needles';
import { scanTraceFile } from '../../src/node/fast-scan';
import { expandScanWat, fingerprint, prefilterGroups } from '../../scripts/scan-wat.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-prefilter-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const text = (bytes: number[]) => String.fromCharCode(...bytes);

describe('the fingerprints', () => {
  it('are rare bytes of each needle: two, or three for an all-digit needle', () => {
    const prints = Object.fromEntries(SCAN_NEEDLES.map((n) => [n, (({ offset, bytes }) => `${text(bytes)}@${offset}`)(fingerprint(n))]));
    expect(prints).toEqual({
      OID_: 'OI@0',
      '000102': '102@3',
      _REM: '_R@0',
      C024: 'C0@0',
      c024: 'c0@0',
      oidt: 'oi@0',
      VF: 'VF@0',
      Vf: 'Vf@0',
      vF: 'vF@0',
      vf: 'vf@0',
      hv_: 'hv@0',
    });
    expect(text(fingerprint('2026-11-21 hv').bytes)).toBe('hv');
    expect(text(fingerprint('1.0.0').bytes)).toBe('.0.');
    expect(fingerprint('7')).toEqual({ offset: 0, bytes: [0x37] });
  });

  it('that differ only in case are compared once, in either case', () => {
    const groups = prefilterGroups(SCAN_NEEDLES).map((g) => `${g.needles.join('|')}: ${text(g.bytes)}@${g.offset}${g.fold ? ' folded' : ''}`);
    expect(groups).toEqual(['OID_|oidt: oi@0 folded', '000102: 102@3', '_REM: _R@0', 'C024|c024: c0@0 folded', 'VF|Vf|vF|vf: vf@0 folded', 'hv_: hv@0']);
  });
});

/** The line numbers the built scan hands on for `content`, read in chunks of `chunk` bytes. */
async function scanned(content: string, chunk: number): Promise<number[]> {
  const path = join(tmp, `t-${chunk}.log`);
  writeFileSync(path, content);
  const fed: number[] = [];
  const analyzer = { skippable: 'lines without needles', line: (_text: string, n: number) => void fed.push(n) } as unknown as Analyzer;
  const file = await open(path, 'r');
  try {
    await scanTraceFile(file, analyzer, () => ({ skip: 0 }), chunk);
  } finally {
    await file.close();
  }
  return fed;
}

const withNeedle = (lines: readonly string[], needles: readonly string[]) => lines.flatMap((l, i) => (needles.some((n) => l.includes(n)) ? [i + 1] : []));

describe('the built scan, with SCAN_NEEDLES', () => {
  // Each holds a fingerprint (in some case) and no needle.
  const DECOYS = ['Oid_', 'oId', 'OI', 'oidx', 'Oidt', 'c0ffee', 'C0FFEE', 'C02', 'c023', '_RE', '_Rx', 'hv', 'hv-pci', '102', '0102', '00102', '001020', 'v f', 'f_v'];

  it('a line with a fingerprint but no needle is not handed on', async () => {
    for (const pad of [0, 1, 7, 13, 14, 15, 16]) {
      const lines = DECOYS.map((d) => '.'.repeat(pad) + d);
      for (const chunk of [7, 64, 4096]) expect(await scanned(lines.join('\n') + '\n', chunk)).toEqual([]);
    }
  });

  it('000102, whose fingerprint is its last bytes, at every offset of a step and at the very end of a region', async () => {
    for (let pad = 0; pad < 20; pad++) {
      const lines = [...DECOYS, `${'x'.repeat(pad)}000102`, 'noise', `${' '.repeat(pad)}0x00010255`, ...DECOYS, `${'.'.repeat(pad)}000102`];
      // No line break after the last line: the needle ends at the file's last byte.
      for (const chunk of [1, 5, 16, 17, 64, 4096]) expect(await scanned(lines.join('\n'), chunk)).toEqual(withNeedle(lines, SCAN_NEEDLES));
    }
  });
});

/** A scan assembled for `needles`: the line starts of its hits in `content` (one region, the whole of it). */
async function assembled(needles: readonly string[]): Promise<(content: string) => number[]> {
  const wat = expandScanWat(readFileSync(new URL('../../src/node/scan.wat', import.meta.url), 'utf8'), needles);
  const module = (await wabt()).parseWat('scan.wat', wat, { simd: true });
  module.validate();
  const { buffer } = module.toBinary({});
  module.destroy();
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(buffer)));
  const { memory, scan } = exports as unknown as { memory: WebAssembly.Memory; scan: (start: number, end: number, out: number, starts: number) => number };
  return (content) => {
    const bytes = Buffer.from(content, 'latin1');
    const out = (64 + bytes.length + 32 + 7) & ~7;
    const want = out + (bytes.length + 1) * 8;
    if (want > memory.buffer.byteLength) memory.grow(Math.ceil((want - memory.buffer.byteLength) / 65536));
    const view = Buffer.from(memory.buffer);
    bytes.copy(view, 64);
    view.fill(0, 64 + bytes.length, out);
    const hits = scan(64, 64 + bytes.length, out, 0);
    return Array.from(
      new Int32Array(memory.buffer, out, hits * 2).filter((_, k) => k % 2 === 0),
      (start) => start - 64,
    );
  };
}

describe('scans assembled for other needle lists find exactly their needles', () => {
  const LISTS: string[][] = [
    ['7'],
    ['42', '4242'],
    ['000102', '102'],
    ['1.0.0', '::', '2026-11-21'],
    ['abc', 'ABC', 'aBc', 'abd'],
    ['@', '`', '[', '{'], // differ from each other by the case bit, but are not letters
    ['x y', ' z', 'Z '],
    ['0123456789abcdef', 'ABCDEFGHIJKLMNOP', 'zzzzzzzzzzzzzzz~'],
    [...SCAN_NEEDLES],
  ];

  it.each(LISTS.map((l) => [JSON.stringify(l), l]))('%s', async (_name, needles) => {
    const scan = await assembled(needles);
    const r = prng(20261121);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    // Needles whole, cut short, in the other case, with a byte changed, between filler and
    // timestamps: whatever holds a fingerprint but not the needle.
    const fragments = needles.flatMap((n) => [
      n,
      n.slice(1),
      n.slice(0, -1),
      n.toUpperCase(),
      n.toLowerCase(),
      n.slice(0, -1) + String.fromCharCode(n.charCodeAt(n.length - 1) ^ 0x20),
      String.fromCharCode(n.charCodeAt(0) ^ 0x20) + n.slice(1),
    ]);
    const filler = ['', ' ', '.', '0', 'x', '11/21/2026-10:00:00.020430 ', '0x0001', '\u00e9'];
    const lines: string[] = [];
    for (let i = 0; i < 4000; i++) {
      let line = pick(['', ' ', '.', 'x']).repeat(Math.floor(r() * 20));
      const parts = Math.floor(r() * 4);
      for (let p = 0; p < parts; p++) line += pick(filler) + pick(fragments);
      lines.push(line);
    }
    const content = lines.join('\n');
    const starts: number[] = [];
    let at = 0;
    for (const l of lines) {
      if (needles.some((n) => l.includes(n))) starts.push(at);
      at += l.length + 1;
    }
    expect(starts.length).toBeGreaterThan(100);
    expect(starts.length).toBeLessThan(lines.length - 100);
    expect(scan(content)).toEqual(starts);
  });
});
