/**
 * The byte scan (WebAssembly SIMD) against the engine on the whole text: the
 * same lines reach the engine with the same numbers, whatever the chunk size —
 * needles and line breaks split across chunks, lines longer than a chunk, CR LF,
 * a lone CR (the scan declines), a last line without a line break; and the
 * report of unread lines is the one the whole text gives. In a canonical trace
 * every line but a blank one or a `#` comment without a needle reaches it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, Analyzer, type ReadingReport } from '../../src/engine';
import { SCAN_NEEDLES } from '../../src/engine/dialects/line-needles';
import { scanTraceFile } from '../../src/node/fast-scan';

const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-scan-'));

async function scan(
  text: string,
  chunk: number,
  dialect: 'wpp' | 'oidtrace' = 'wpp',
): Promise<{ lines?: number; fed: Array<[number, string]>; diagnostics: string[]; reading?: ReadingReport }> {
  const path = join(tmp, `t-${chunk}.${dialect === 'wpp' ? 'log' : 'oidtrace'}`);
  writeFileSync(path, text);
  const analyzer = new Analyzer({ dialect });
  const fed: Array<[number, string]> = [];
  const line = analyzer.line.bind(analyzer);
  analyzer.line = (t: string, n: number) => {
    fed.push([n, t]);
    line(t, n);
  };
  const file = await open(path, 'r');
  try {
    const { lines } = await scanTraceFile(file, analyzer, () => ({ skip: 0 }), chunk);
    const result = lines === undefined ? undefined : analyzer.end(lines);
    return { lines, fed, diagnostics: result?.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`) ?? [], reading: result?.reading };
  } finally {
    await file.close();
  }
}

const NOISE = '[0]0004.0050::11/21/2026-10:41:07.000100 [mlx5]MlxRxPoll: queue 0 processed 000 packets, 0001 00010 0x0001';
const LOG = [
  NOISE,
  '[1]0A3C.0F10::11/21/2026-10:41:07.000200 [pf0]MlxSetInformation: Unknown OID 0x00010255 VFId=2 -->',
  NOISE,
  'MlxSetInformation: Unknown OID 00010244 VPortId 3 VFId=2 -->',
  '# oidtrace-disable-next-line teardown-order',
  'OID_SRIOV_RESET_VF VFId=2',
  'x'.repeat(300) + ' OID_NIC_SWITCH_FREE_VF VFId=2',
  'OID_', // a needle at the very end of a line
  '000102',
  'noise OI',
  'D_ not a needle across lines',
  '[2]0A3C.0F10::11/21/2026-10:41:08.000000 [ext0]SwitchExt: indicate NDIS_STATUS_SWITCH_PORT_REMOVE_VF VFId=2',
  'SwitchExt: status 0xc0241001 VFId=3',
  'MlxFlr: waiting for VF 2 transactions to drain',
  'fw: REQ RESET vf=4',
  'fw: reset done, Vf 4',
  '[    2.5] hv_vmbus: registering driver hv_netvsc',
  'hv_pci 3f1c55e2: PCI host bridge to bus 8d04:00',
  'VFS: Mounted root, vfio ready, 0x000102ff', // needles, but no line that counts
  'noise v',
  'f not a needle across lines',
].join('\n');

describe('the byte scan feeds the engine exactly the lines that can matter', () => {
  const expectedFed = LOG.split('\n')
    .map((t, i) => [i + 1, t] as [number, string])
    .filter(([, t]) => SCAN_NEEDLES.some((n) => t.includes(n)));

  it.each([1, 2, 3, 5, 7, 16, 17, 64, 4096])('chunks of %i bytes', async (chunk) => {
    const r = await scan(LOG, chunk);
    expect(r.lines).toBe(21);
    expect(r.fed).toEqual(expectedFed);
    const whole = analyze(LOG, { fileName: 'x.log' });
    expect(r.diagnostics).toEqual(whole.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`));
    expect(r.reading).toEqual(whole.reading);
    expect(r.reading).toMatchObject({ unreadLines: 5, firstUnread: [14, 15, 16, 17, 18] });
  });

  it('CR LF line ends: the CR is not part of the line; a final line break adds an empty last line', async () => {
    const r = await scan(LOG.replace(/\n/g, '\r\n') + '\r\n', 7);
    expect(r.lines).toBe(22);
    expect(r.fed).toEqual(expectedFed);
    expect(r.reading).toEqual(analyze(LOG.replace(/\n/g, '\r\n') + '\r\n', { fileName: 'x.log' }).reading);
  });

  it('a lone CR ends a line for VS Code: the scan declines and the text path counts', async () => {
    expect((await scan('a\rOID_SRIOV_RESET_VF VFId=1\n', 5)).lines).toBeUndefined();
    // A CR as the file's last byte is not a lone one inside the text.
    expect((await scan('OID_SRIOV_RESET_VF VFId=1\r', 5)).lines).toBe(1);
  });

  it('an empty file is one empty line', async () => {
    expect(await scan('', 16)).toMatchObject({ lines: 1, fed: [], diagnostics: [], reading: { eventLines: 0, unreadLines: 0, notRead: false } });
  });
});

/** A canonical trace: events with and without needles, comments, blank lines, an indented comment, a syntax error. */
const CANONICAL = [
  '# MlxStats: rx 1391 tx 3532 drops 0',
  '10:00:00.000100 VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2',
  '#',
  '',
  '   ',
  '@adapter pf1 "ConnectX-6 Dx PF"',
  '# a comment naming OID_SRIOV_RESET_VF',
  '10:00:00.000200 VSTACK -> PF HALT',
  '  # an indented comment',
  '# oidtrace-disable-next-line teardown-order',
  '10:00:00.000300 VSTACK -> PF SET OID_NIC_SWITCH_FREE_VF vf=2',
  'this line is no event',
  '\t# a comment after a tab',
  'x',
  '#MlxRxPoll: queue 4978 processed 2814 packets',
  '10:00:00.000400 PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=2',
].join('\n');

describe('in a canonical trace the scan feeds every line but blank ones and comments without a needle', () => {
  const skipped = (t: string) => (t === '' || t[0] === '#') && !SCAN_NEEDLES.some((n) => t.includes(n));
  const fedOf = (text: string) =>
    text
      .split('\n')
      .map((t, i) => [i + 1, t] as [number, string])
      .filter(([, t]) => !skipped(t));
  const findings = (text: string) => analyze(text, { fileName: 'x.oidtrace' }).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`);

  it.each([1, 2, 3, 5, 7, 16, 17, 64, 4096])('chunks of %i bytes', async (chunk) => {
    const r = await scan(CANONICAL, chunk, 'oidtrace');
    expect(r.lines).toBe(16);
    expect(r.fed.map(([n]) => n)).toEqual([2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16]);
    expect(r.fed).toEqual(fedOf(CANONICAL));
    expect(r.diagnostics).toEqual(findings(CANONICAL));
    expect(r.diagnostics).toEqual(['12:6 syntax', '14:1 syntax']);
    expect(r.reading).toEqual(analyze(CANONICAL, { fileName: 'x.oidtrace' }).reading);
  });

  it('an event on the first line, every line shifted across the 16-byte steps, CR LF line ends', async () => {
    for (let pad = 0; pad < 17; pad++) {
      const text =
        CANONICAL.split('\n')
          .slice(1)
          .join('\n')
          .replace(/^# /gm, `# ${'.'.repeat(pad)}`) + '\n';
      for (const t of [text, text.replace(/\n/g, '\r\n')]) {
        const r = await scan(t, 5, 'oidtrace');
        expect(r.fed.map(([n, line]) => [n, line.replace(/\r$/, '')])).toEqual(fedOf(t.replace(/\r/g, '')));
        expect(r.diagnostics).toEqual(findings(t));
      }
    }
  });
});
