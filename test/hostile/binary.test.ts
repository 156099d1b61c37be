/**
 * Binary files opened by mistake (issue 6): a zip, a gzip, random bytes, an
 * ETL capture (its header), an executable, nothing but zeros. The CLI says
 * "not a text trace" in one line, exits 2, and still lints the other files of
 * the run, in every output format. A text capture that was cut mid-write and
 * ends in zeros is not binary: it is still linted.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { looksBinary } from '../../src/engine';
import { sample } from '../engine/helpers';
import { runCli } from '../helpers/cli';
import { oneLine, tempDir } from './helpers';

const { file } = tempDir('oidtrace-bin-');

/** Deterministic "random" bytes (mulberry32). */
function noise(n: number, seed: number): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

/**
 * The start of an .etl file as Windows writes it: a WMI buffer header (buffer
 * size 64 KiB, offsets, a timestamp), then the logger's header with UTF-16
 * strings ("NT Kernel Logger", the file's path), the rest of the buffer zeros.
 */
function etlHeader(): Buffer {
  const b = Buffer.alloc(65536);
  b.writeUInt32LE(0x10000, 0);
  b.writeUInt32LE(0x2a8, 4);
  b.writeUInt32LE(0x2a8, 8);
  b.writeUInt32LE(1, 12);
  b.writeBigUInt64LE(0x01db3c5f12345678n, 16);
  b.writeUInt32LE(0xc0010002, 0x30);
  b.writeUInt32LE(0x0a000000, 0x48);
  b.write('NT Kernel Logger\0', 0x100, 'utf16le');
  b.write('C:\\Windows\\Temp\\sriov.etl\0', 0x140, 'utf16le');
  return b;
}

const text = Buffer.from(sample('teardown-order.oidtrace'));
const BINARIES: Array<[string, string, Buffer]> = [
  ['a zip', 'bundle.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), noise(2000, 1)])],
  ['a gzip of a trace', 'trace.oidtrace.gz', gzipSync(text)],
  ['random bytes', 'noise.log', noise(100_000, 2)],
  ['an ETL capture', 'capture.etl', etlHeader()],
  ['an ETL capture named .log', 'capture.log', etlHeader()],
  ['a Windows executable', 'driver.sys', Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0', 'latin1'), Buffer.alloc(200), noise(4000, 3)])],
  ['nothing but zeros', 'zeros.oidtrace', Buffer.alloc(20_000)],
];

describe.each(BINARIES)('%s', (_label, name, bytes) => {
  it('looks binary', () => {
    expect(looksBinary(bytes)).toBe(true);
  });

  it.each(['text', 'json', 'sarif'])('--format %s: one line "not a text trace", exit 2, the other files still linted', async (format) => {
    const bin = file(name, bytes);
    const good = file('teardown-order.oidtrace', text);
    const r = await runCli(['lint', '--format', format, bin, good]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`oidtrace: ${bin}: not a text trace (binary content)\n`);
    expect(oneLine(r.err)).toBe(true);
    if (format === 'text') {
      expect(r.out).toMatch(new RegExp(`^${good.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:36: error teardown-order `));
      expect(r.out.split('\n').filter(Boolean)).toHaveLength(1);
    } else if (format === 'json') {
      const files = JSON.parse(r.out).files;
      expect(files[0]).toEqual({ path: bin, error: 'not a text trace (binary content)', events: 0, diagnostics: [] });
      expect(files[1].diagnostics.map((d: { line: number; rule: string }) => `${d.line} ${d.rule}`)).toEqual(['7 teardown-order']);
    } else {
      const run = JSON.parse(r.out).runs[0];
      expect(run.invocations[0].toolExecutionNotifications).toEqual([{ level: 'error', message: { text: `${bin}: not a text trace (binary content)` } }]);
      expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['teardown-order']);
    }
  });

  it('on standard input too', async () => {
    const r = await runCli(['lint', '-'], [bytes.subarray(0, 3000), bytes.subarray(3000)]);
    expect(r).toEqual({ code: 2, out: '', err: 'oidtrace: -: not a text trace (binary content)\n' });
  });
});

describe('a text capture cut mid-write', () => {
  it.each([
    // The completion cut in its status is a syntax error; so its request is never completed.
    [
      'ends in zeros (the space its writer reserved)',
      'padded.oidtrace',
      Buffer.concat([text.subarray(0, text.length - 20), Buffer.alloc(4096)]),
      ['7:36 teardown-order', '11:36 oid-pending', '12:64 syntax'],
    ],
    ['a driver log that ends in zeros', 'padded.log', Buffer.concat([Buffer.from(sample('host-servicing.log')), Buffer.alloc(8192)]), ['7:79 teardown-order']],
    ['holds NUL bytes inside its lines', 'nul.log', Buffer.from(sample('host-servicing.log').replace(/VfId/g, '\0VfId')), ['7:79 teardown-order']],
  ])('%s: is a text trace, still linted', async (_label, name, bytes, want) => {
    expect(looksBinary(bytes)).toBe(false);
    const r = await runCli(['lint', '--format', 'json', file(name, bytes)]);
    expect(r.err).toBe('');
    const d = JSON.parse(r.out).files[0].diagnostics;
    expect(d.map((x: { line: number; column: number; rule: string }) => `${x.line}:${x.column} ${x.rule}`)).toEqual(want);
    // The cut line is named, not copied: its zeros stay out of the message.
    for (const x of d) expect(x.message.length).toBeLessThan(400);
  });
});
