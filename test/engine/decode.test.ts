/**
 * Bytes and text the way Windows tools write traces (BOMs, UTF-16, CRLF, lone
 * CR) give the same diagnostics at the same lines as plain UTF-8 with LF; the
 * streaming form gives what the whole-string form gives, whatever the chunks.
 */
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeStream, decodeText, detectEncoding, forEachLine, looksBinary, StreamDecoder, type AnalysisResult, type AnalyzeOptions } from '../../src/engine';
import { fixture, sample, SAMPLES_DIR } from './helpers';

const SAMPLE_NAMES = readdirSync(SAMPLES_DIR, { withFileTypes: true })
  .filter((f) => f.isFile())
  .map((f) => f.name)
  .sort();

/** What a user compares: each diagnostic's place, rule and words. */
const findings = (r: AnalysisResult) =>
  r.diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn} ${d.severity} ${d.rule} ${d.message}`);

/** A deterministic byte source (mulberry32), so "random bytes" never flake. */
function randomBytes(n: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const BOM8 = new Uint8Array([0xef, 0xbb, 0xbf]);
const BOM_LE = new Uint8Array([0xff, 0xfe]);
const BOM_BE = new Uint8Array([0xfe, 0xff]);

/** Every line break written a different way, in turn. */
function mixedBreaks(text: string): string {
  let i = 0;
  return text.replace(/\n/g, () => ['\r\n', '\r', '\n'][i++ % 3]!);
}

async function* chunksOf(text: string, sizes: number[]): AsyncGenerator<string> {
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const n = sizes[k++ % sizes.length]!;
    yield text.slice(at, at + n);
    at += n;
  }
}

describe.each(SAMPLE_NAMES)('%s in every encoding and line ending', (name) => {
  const text = sample(name);
  const options: AnalyzeOptions = { fileName: name };
  const plain = analyze(text, options);

  it.each([
    ['UTF-8 with BOM', () => cat(BOM8, utf8(text))],
    ['UTF-16 LE with BOM', () => cat(BOM_LE, utf16le(text))],
    ['UTF-16 BE with BOM', () => cat(BOM_BE, utf16be(text))],
    ['UTF-16 LE with BOM and CRLF', () => cat(BOM_LE, utf16le(text.replace(/\n/g, '\r\n')))],
  ])('%s', (_label, bytes) => {
    const b = bytes();
    expect(looksBinary(b)).toBe(false);
    const decoded = decodeText(b);
    expect(decoded.replace(/\r\n/g, '\n')).toBe(text);
    const r = analyze(decoded, options);
    expect(findings(r)).toEqual(findings(plain));
    expect(r.eventCount).toBe(plain.eventCount);
  });

  it.each([
    ['CRLF', (s: string) => s.replace(/\n/g, '\r\n')],
    ['lone CR', (s: string) => s.replace(/\n/g, '\r')],
    ['mixed line ends', mixedBreaks],
  ])('%s', (_label, rewrite) => {
    const r = analyze(rewrite(text), options);
    expect(findings(r)).toEqual(findings(plain));
    expect(r.lines).toBe(plain.lines);
    expect(r.events.map((e) => e.line)).toEqual(plain.events.map((e) => e.line));
  });

  it('StreamDecoder fed 1 to 7 bytes at a time decodes UTF-16 BE and UTF-8 with BOM the same', () => {
    for (const bytes of [cat(BOM_BE, utf16be(text)), cat(BOM8, utf8(text))]) {
      const dec = new StreamDecoder();
      let out = '';
      for (let at = 0, k = 0; at < bytes.length; k++) {
        const n = (k % 7) + 1;
        out += dec.push(bytes.subarray(at, at + n));
        at += n;
      }
      out += dec.end();
      expect(out).toBe(text);
    }
  });

  it('analyzeStream in chunks of 1 to 7 characters equals analyze, with and without the file name', async () => {
    const crlf = text.replace(/\n/g, '\r\n');
    for (const input of [text, crlf, mixedBreaks(text)]) {
      for (const opts of [options, {}]) {
        const whole = analyze(input, opts);
        for (const sizes of [[1], [2], [3], [7], [1, 2, 3, 4, 5, 6, 7]]) {
          const streamed = await analyzeStream(chunksOf(input, sizes), opts);
          expect(streamed.dialect).toBe(whole.dialect);
          expect(streamed.lines).toBe(whole.lines);
          expect(findings(streamed)).toEqual(findings(whole));
          expect(streamed.episodes.map((e) => e.steps)).toEqual(whole.episodes.map((e) => e.steps));
        }
      }
    }
  });
});

describe('streaming edge cases', () => {
  it('multi-byte characters and surrogate pairs split across chunks, on the lines that carry diagnostics', async () => {
    const text =
      '# ünïcödé — 日本語 — 🛠️ tools\n' +
      sample('teardown-order.oidtrace').replace('# teardown-order', '# teardown-order 🚦') +
      '10:41:07.160000 VSTACK -> PF   SET OID_FOO_BAR vf=2 note=🛠️ü\n';
    const whole = analyze(text, { fileName: 'x.oidtrace' });
    expect(findings(whole)).toEqual([
      expect.stringMatching(/^8:36-8:54 error teardown-order /),
      expect.stringMatching(/^14:36-14:47 warning oid-pending OID_FOO_BAR for VF 2 was never completed/),
      expect.stringMatching(/^14:36-14:47 warning unknown-oid unknown OID OID_FOO_BAR$/),
    ]);
    for (const sizes of [[1], [3], [5], [7], [4, 1, 6]]) {
      expect(findings(await analyzeStream(chunksOf(text, sizes), { fileName: 'x.oidtrace' }))).toEqual(findings(whole));
    }
    // Bytes too: a 4-byte UTF-8 character split over pushes.
    const bytes = utf8(text);
    const dec = new StreamDecoder();
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) out += dec.push(bytes.subarray(i, i + 3));
    expect(out + dec.end()).toBe(text);
  });

  it('\\r at the end of one chunk and \\n at the start of the next is one line break', async () => {
    const text = 'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\r\nVSTACK -> PF SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2\r\n';
    const cut = text.indexOf('\n');
    async function* two() {
      yield text.slice(0, cut);
      yield text.slice(cut);
    }
    const r = await analyzeStream(two(), { fileName: 'x.oidtrace' });
    expect(r.lines).toBe(3);
    expect(findings(r)).toEqual(findings(analyze(text, { fileName: 'x.oidtrace' })));
    expect(r.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['1 teardown-order']);
  });

  it('an empty stream and an empty string agree', async () => {
    async function* none() {}
    const r = await analyzeStream(none(), {});
    expect([r.lines, r.eventCount, r.diagnostics]).toEqual([1, 0, []]);
    expect(analyze('').lines).toBe(1);
  });

  it('the WPP fixture streamed without a file name is still a driver log', async () => {
    const text = fixture('hex-problems.log');
    const r = await analyzeStream(chunksOf(text, [2]), {});
    expect(r.dialect).toBe('wpp');
    expect(findings(r)).toEqual(findings(analyze(text, { fileName: 'hex-problems.log' })));
  });
});

describe('forEachLine counts lines as VS Code does', () => {
  it.each([
    ['a', ['a']],
    ['a\n', ['a', '']],
    ['a\r\nb', ['a', 'b']],
    ['a\rb', ['a', 'b']],
    ['a\r\rb', ['a', '', 'b']],
    ['a\n\rb', ['a', '', 'b']],
    ['', ['']],
  ])('%j', (text, lines) => {
    const got: string[] = [];
    const n = forEachLine(text, (l, i) => {
      expect(i).toBe(got.length + 1);
      got.push(l);
    });
    expect(got).toEqual(lines);
    expect(n).toBe(lines.length);
  });
});

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 BOM', cat(BOM8, utf8('abc')), { encoding: 'utf-8', bom: 3 }],
    ['UTF-16 LE BOM', cat(BOM_LE, utf16le('abc')), { encoding: 'utf-16le', bom: 2 }],
    ['UTF-16 BE BOM', cat(BOM_BE, utf16be('abc')), { encoding: 'utf-16be', bom: 2 }],
    ['UTF-16 LE without BOM', utf16le('VSTACK -> PF SET OID_SRIOV_RESET_VF'), { encoding: 'utf-16le', bom: 0 }],
    ['plain ASCII', utf8('VSTACK -> PF SET OID_SRIOV_RESET_VF'), { encoding: 'utf-8', bom: 0 }],
  ])('%s', (_label, bytes, guess) => {
    expect(detectEncoding(bytes)).toEqual(guess);
  });
});

describe('looksBinary', () => {
  const text = sample('teardown-clean.oidtrace');

  it.each([
    ['a zip (also .vsix, .docx)', cat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), utf8(text))],
    ['gzip', new Uint8Array(gzipSync(Buffer.from(text)))],
    ['ELF', cat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), utf8(text))],
    ['4 KiB of random bytes', randomBytes(4096, 1)],
    ['64 random bytes', randomBytes(64, 7)],
    ['other random bytes', randomBytes(8192, 42)],
  ])('true for %s', (_label, bytes) => {
    expect(looksBinary(bytes)).toBe(true);
  });

  it.each([
    ['a text trace', utf8(text)],
    [
      'text with a few NUL bytes',
      (() => {
        const b = utf8(text);
        b[50] = 0;
        b[300] = 0;
        b[400] = 0;
        return b;
      })(),
    ],
    ['text with Latin-1 bytes', new Uint8Array(Buffer.from(text.replace(/Contoso/g, 'Contosé'), 'latin1'))],
    ['UTF-8 with many non-ASCII characters', utf8('# ünïcödé → ✓ ✗ 日本語 テスト\n'.repeat(20) + text)],
    ['UTF-16 LE with BOM', cat(BOM_LE, utf16le(text))],
    ['the WPP sample', utf8(sample('host-servicing.log'))],
    ['empty', new Uint8Array(0)],
  ])('false for %s', (_label, bytes) => {
    expect(looksBinary(bytes)).toBe(false);
  });

  it('Latin-1 bytes decode as replacement characters, the rest of the line intact', () => {
    const decoded = decodeText(new Uint8Array(Buffer.from('@adapter pf0 "Contosé"\n', 'latin1')));
    expect(decoded).toBe('@adapter pf0 "Contos\uFFFD"\n');
  });
});
