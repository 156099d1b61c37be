/**
 * The byte scan (WebAssembly SIMD) against the engine on the whole text: the
 * same lines reach the engine with the same numbers, whatever the chunk size —
 * needles and line breaks split across chunks, lines longer than a chunk, CR LF,
 * a lone CR (the scan declines), a last line without a line break; and the
 * report of unread lines is the one the whole text gives.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, Analyzer, type ReadingReport } from '../../src/engine';
import { SCAN_NEEDLES } from '../../src/engine/dialects/line-needles';
import { scanDriverLog } from '../../src/node/fast-scan';

const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-scan-'));

async function scan(text: string, chunk: number): Promise<{ lines?: number; fed: Array<[number, string]>; diagnostics: string[]; reading?: ReadingReport }> {
  const path = join(tmp, `t-${chunk}.log`);
  writeFileSync(path, text);
  const analyzer = new Analyzer({ dialect: 'wpp' });
  const fed: Array<[number, string]> = [];
  const line = analyzer.line.bind(analyzer);
  analyzer.line = (t: string, n: number) => {
    fed.push([n, t]);
    line(t, n);
  };
  const file = await open(path, 'r');
  try {
    const { lines } = await scanDriverLog(file, analyzer, () => ({ skip: 0 }), chunk);
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
