/**
 * Encodings and line ends (issue 6): UTF-8, UTF-8 with BOM, UTF-16 LE and BE
 * with BOM, Latin-1 bytes in otherwise ASCII logs; LF, CRLF, lone CR and mixed.
 * Each diagnostic's line and column must be what VS Code shows for the file:
 * lines end at \r\n, \n or a lone \r; columns count UTF-16 code units (a tab is
 * one, an emoji two, a Latin-1 byte shown as U+FFFD one). Checked through the
 * engine (decodeText + analyze), the CLI on a file (the byte-scanning fast path
 * for UTF-8 logs, the decoded-text path otherwise) and the CLI on standard input.
 */
import { describe, expect, it } from 'vitest';
import { analyze, analyzeStream, decodeText, type AnalysisResult } from '../../src/engine';
import { runCli } from '../helpers/cli';
import { jsonFindings, tempDir } from './helpers';

/** A driver log with non-ASCII text before the tokens diagnostics point at. */
const LOG = [
  '[1]0A3C.0F10::11/21/2026-10:41:07.100000 [mlx5] Gerät 😀 MlxSetInformation: Unknown OID 00010255 VfId: 2 -->',
  '',
  '# naïve comment 😀',
  '[1]0A3C.0F10::11/21/2026-10:41:07.101000 [mlx5] café\tMlxSetInformation: OID_NIC_SWITCH_DELETE_VPORT VPortId 3 VFId=2 -->',
  '[0]0A3C.0F10::11/21/2026-10:41:07.102000 [mlx5] über: OID_NIC_SWITCH_DELTE_VPORT VPortId=3',
].join('\n');

/** The same, in Latin-1's repertoire (no emoji). */
const LOG_LATIN1 = LOG.replace(/ 😀/g, ' Ø');

/** A canonical trace with tabs and non-ASCII before the tokens diagnostics point at. */
const CANONICAL = [
  '# teardown-order with tabs and non-ASCII: ünïcödé 😀',
  '@adapter pf0 "Contosé X9 😀"',
  '\tVSTACK -> PF\tSET OID_RECEIVE_FILTER_MOVE_FILTER filter=7 from=3 to=0 vf=2 note=café',
  'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2 why=😀😀',
  '',
  'VSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2',
  'VSTACK -> PF SET OID_SRIOV_RESET_VF é=1 ü=😀 vf=😀',
].join('\n');

/** Where `token` is on the first line holding `marker`, as VS Code counts: line, column, end column. */
function at(text: string, marker: string, token: string, rule: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines.findIndex((l) => l.includes(marker));
  const column = lines[line]!.indexOf(token, lines[line]!.indexOf(marker));
  if (line < 0 || column < 0) throw new Error(`no ${token} after ${marker}`);
  return `${line + 1}:${column + 1}-${column + 1 + token.length} ${rule}`;
}

const EXPECTED = {
  log: (text: string) => [
    at(text, 'Unknown OID 00010255', '00010255', 'teardown-order'),
    at(text, 'OID_NIC_SWITCH_DELTE_VPORT', 'OID_NIC_SWITCH_DELTE_VPORT', 'unknown-oid'),
  ],
  canonical: (text: string) => [at(text, 'OID_SRIOV_RESET_VF vf=2', 'OID_SRIOV_RESET_VF', 'teardown-order'), at(text, 'OID_SRIOV_RESET_VF é=1', 'vf=😀', 'syntax')],
};

const LINE_ENDS: Array<[string, (s: string) => string]> = [
  ['LF', (s) => s],
  ['CRLF', (s) => s.replace(/\n/g, '\r\n')],
  ['lone CR', (s) => s.replace(/\n/g, '\r')],
  [
    'mixed',
    (s) => {
      let i = 0;
      return s.replace(/\n/g, () => ['\r\n', '\r', '\n'][i++ % 3]!);
    },
  ],
];

const ENCODINGS: Array<[string, (s: string) => Uint8Array]> = [
  ['UTF-8', (s) => Buffer.from(s)],
  ['UTF-8 with BOM', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])],
  ['UTF-16 LE with BOM', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
  ['UTF-16 BE with BOM', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
];

const where = (r: AnalysisResult) => r.diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.rule}`);
const { file } = tempDir('oidtrace-enc-');

/** Bytes cut in 7-byte pieces: characters and line breaks split across chunks. */
function pieces(bytes: Uint8Array, size = 7): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe.each([
  ['a driver log', LOG, 'trace.log', EXPECTED.log],
  ['a canonical trace', CANONICAL, 'trace.oidtrace', EXPECTED.canonical],
] as const)('%s', (_label, base, name, expected) => {
  describe.each(ENCODINGS)('%s', (encoding, encode) => {
    it.each(LINE_ENDS)('%s: the engine, the CLI on the file and on standard input agree with VS Code', async (eol, rewrite) => {
      const text = rewrite(base);
      const want = expected(text);
      expect(want).toHaveLength(2);
      const bytes = encode(text);
      // The engine, as the extension sees the decoded text.
      const decoded = decodeText(bytes);
      expect(decoded).toBe(text);
      expect(where(analyze(decoded, { fileName: name }))).toEqual(want);
      // The CLI on a file.
      const path = file(`${encoding}-${eol}-${name}`.replace(/\s+/g, '_'), bytes);
      const r = await runCli(['lint', '--format', 'json', path]);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out).files[0];
      expect(json.diagnostics.map((d: { line: number; column: number; endColumn: number; rule: string }) => `${d.line}:${d.column}-${d.endColumn} ${d.rule}`)).toEqual(
        want,
      );
      // The CLI on standard input, a few bytes at a time (the dialect sniffed).
      const s = await runCli(['lint', '--format', 'json', '-'], pieces(bytes));
      expect(jsonFindings(s.out)).toEqual(want.map((w) => w.replace(/-\d+ /, ' ')));
    });
  });
});

describe('Latin-1 bytes in an otherwise ASCII log', () => {
  it.each(LINE_ENDS)('%s: each byte is one U+FFFD, one column, as VS Code shows it in UTF-8', async (eol, rewrite) => {
    const text = rewrite(LOG_LATIN1);
    const bytes = Buffer.from(text, 'latin1');
    // What an editor shows: every byte over 0x7F is one replacement character.
    const shown = text.replace(/[\u0080-\u00ff]/g, '\uFFFD');
    expect(decodeText(bytes)).toBe(shown);
    const want = EXPECTED.log(shown);
    expect(where(analyze(decodeText(bytes), { fileName: 'latin1.log' }))).toEqual(want);
    const r = await runCli(['lint', '--format', 'json', file(`latin1-${eol.replace(/\s/g, '')}.log`, bytes)]);
    expect(jsonFindings(r.out)).toEqual(want.map((w) => w.replace(/-\d+ /, ' ')));
    // A Latin-1 character is one UTF-16 unit too: the columns are those of the text read as Latin-1.
    expect(EXPECTED.log(text)).toEqual(want);
  });
});

describe('UTF-16 LE without a BOM (ASCII text with a NUL in every other byte)', () => {
  it('is recognised and decoded', async () => {
    const text = LOG_LATIN1.replace(/[\x80-\uffff]/g, '?');
    const bytes = Buffer.from(text, 'utf16le');
    expect(decodeText(bytes)).toBe(text);
    const r = await runCli(['lint', '--format', 'json', file('nobom16.log', bytes)]);
    expect(jsonFindings(r.out)).toEqual(EXPECTED.log(text).map((w) => w.replace(/-\d+ /, ' ')));
  });
});

describe('byte-order marks', () => {
  const text = LOG.split('\n')[0] + '\n' + LOG.split('\n')[3] + '\n';
  const want = [at(text, 'Unknown OID', '00010255', 'teardown-order')];

  it('a U+FEFF left at the start of the text is not part of line 1, in analyze and analyzeStream alike', async () => {
    const withBom = '\uFEFF' + text;
    expect(where(analyze(withBom, { fileName: 'x.log' }))).toEqual(want);
    for (const size of [1, 2, 5, 1000]) {
      expect(where(await analyzeStream(chunks(withBom, size), { fileName: 'x.log' }))).toEqual(want);
      expect(where(await analyzeStream(chunks(withBom, size), {}))).toEqual(want);
    }
  });

  it('a doubled UTF-8 BOM: the byte-scanning fast path reads what the decoded-text path reads', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const engine = where(analyze(decodeText(bytes), { fileName: 'x.log' }));
    expect(engine).toEqual(want);
    // Both take the byte scan (the WPP lines are read as such in a .oidtrace too).
    for (const name of ['double-bom.log', 'double-bom.oidtrace']) {
      const r = await runCli(['lint', '--format', 'json', file(name, bytes)]);
      expect([name, jsonFindings(r.out)]).toEqual([name, want.map((w) => w.replace(/-\d+ /, ' '))]);
    }
  });
});
