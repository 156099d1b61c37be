/** A few lines of a big file, read from its start to the last of them, numbered as the engine numbers them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine } from '../../src/engine';
import { LineCollector, readLines } from '../../src/node/read-lines';

/** Lines first..last of a text as the engine counts them. */
function engineLines(text: string, first: number, last: number): string[] {
  const out: string[] = [];
  forEachLine(text, (line, n) => {
    if (n >= first && n <= last) out.push(line);
  });
  return out;
}

function collect(chunks: string[], first: number, last: number) {
  const c = new LineCollector(first, last);
  for (const chunk of chunks) {
    c.push(chunk);
    if (c.done) break;
  }
  return c.end();
}

describe('the lines of a text that arrives in chunks', () => {
  const text = 'one\r\ntwo\nthree\rfour\r\n\r\nsix\nseven';

  it('counts \\r\\n, \\n and a lone \\r as one line break each, as the engine does', () => {
    expect(collect([text], 1, 7).lines).toEqual(engineLines(text, 1, 7));
    expect(collect([text], 3, 5).lines).toEqual(['three', 'four', '']);
  });

  it('gives the same lines whichever way the text is cut, also between \\r and \\n', () => {
    for (let cut = 1; cut < text.length; cut++) {
      for (const [first, last] of [
        [1, 7],
        [2, 4],
        [4, 6],
        [6, 7],
      ] as const) {
        expect(collect([text.slice(0, cut), text.slice(cut)], first, last).lines, `cut at ${cut}, lines ${first}-${last}`).toEqual(engineLines(text, first, last));
      }
    }
  });

  it('a text ending in a line break has one more, empty, line; past the end the count is said', () => {
    expect(collect(['a\nb\n'], 2, 10)).toEqual({ first: 2, lines: ['b', ''], total: 3 });
  });

  it('stops once the last line is complete', () => {
    const c = new LineCollector(2, 3);
    c.push('a\nb\nc\n');
    expect(c.done).toBe(true);
    expect(c.end()).toEqual({ first: 2, lines: ['b', 'c'] });
  });
});

describe('lines of a file on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oidtrace-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads lines deep in a file of several read chunks, numbered from the first line', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `[0]0004.0050::11/21/2026-10:41:06.998120 [mlx5]MlxRxPoll: line ${i + 1} ${'x'.repeat(i % 50)}`);
    const path = join(dir, 'big.log');
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    const read = await readLines(path, 45_001, 45_401);
    expect(read.first).toBe(45_001);
    expect(read.lines).toHaveLength(401);
    expect(read.lines[0]).toBe(lines[45_000]);
    expect(read.lines[400]).toBe(lines[45_400]);
    expect(read.total).toBeUndefined();
  });

  it('a byte-order mark is not part of line 1', async () => {
    const path = join(dir, 'bom.log');
    writeFileSync(path, '\uFEFFfirst\nsecond\n');
    expect((await readLines(path, 1, 2)).lines).toEqual(['first', 'second']);
  });

  it('a missing file is one clear error', async () => {
    await expect(readLines(join(dir, 'missing.log'), 1, 5)).rejects.toThrow('no such file');
  });
});
