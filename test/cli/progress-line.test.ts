/** The progress line of `lint`, on a fake clock and a fake terminal. */
import { describe, expect, it } from 'vitest';
import { ProgressLine, progressText, progressWanted } from '../../src/cli/progress-line';

function terminal(columns?: number) {
  let t = 0;
  const writes: string[] = [];
  const line = new ProgressLine({ now: () => t, write: (s) => writes.push(s), columns: () => columns });
  return { line, writes, at: (ms: number) => (t = ms) };
}

describe('progressText', () => {
  it('one file: read of total, speed, events, name', () => {
    expect(progressText([{ name: 'traces/big.log', total: 800e6, bytes: 312.4e6, events: 41200, since: 0 }], 2000)).toBe(
      '312/800 MB, 156 MB/s, 41,200 events — traces/big.log',
    );
  });

  it('standard input: no total', () => {
    expect(progressText([{ name: 'standard input', bytes: 5e6, events: 7, since: 1000 }], 3000)).toBe('5.0 MB, 2.5 MB/s, 7 events — standard input');
  });

  it('several files: the sums, each one at its own speed, and their names', () => {
    const text = progressText(
      [
        { name: 'a.log', total: 100e6, bytes: 50e6, events: 1000, since: 0 },
        { name: 'b.log', total: 300e6, bytes: 100e6, events: 2500, since: 1000 },
      ],
      2000,
    );
    expect(text).toBe('150/400 MB, 125 MB/s, 3,500 events — 2 files: a.log, b.log');
  });

  it('below 10 MB, to a tenth', () => {
    expect(progressText([{ name: 'slow.log', total: 2.5e6, bytes: 0.35e6, events: 1, since: 0 }], 1500)).toBe('0.3/2.5 MB, 0.2 MB/s, 1 event — slow.log');
  });

  it('a total unknown for one of them: only what was read', () => {
    const text = progressText(
      [
        { name: 'a.log', total: 100e6, bytes: 50e6, events: 0, since: 0 },
        { name: 'standard input', bytes: 10e6, events: 0, since: 0 },
      ],
      1000,
    );
    expect(text).toBe('60 MB, 60 MB/s, 0 events — 2 files: a.log, standard input');
  });

  it('is cut to one character less than the terminal is wide', () => {
    const f = { name: 'a/very/long/path/to/a/trace/file.log', total: 1e9, bytes: 1e8, events: 5, since: 0 };
    const text = progressText([f], 1000, 30);
    expect(text).toBe('100/1,000 MB, 100 MB/s, 5 ev…');
    expect(text).toHaveLength(29);
  });
});

describe('ProgressLine', () => {
  it('shows nothing during the first second of a file', () => {
    const { line, writes, at } = terminal();
    line.start(0, 'big.log', 100e6);
    for (const ms of [100, 400, 900, 999]) {
      at(ms);
      line.advance(0, ms * 1e4, 0);
    }
    line.finish(0);
    expect(writes).toEqual([]);
  });

  it('after a second: drawn in place, at most every 100 ms, erased when the file is done', () => {
    const { line, writes, at } = terminal();
    line.start(0, 'big.log', 100e6);
    for (const ms of [1000, 1050, 1099, 1100, 1150, 1250]) {
      at(ms);
      line.advance(0, ms * 1e4, ms);
    }
    line.finish(0);
    expect(writes).toEqual([
      '\r10/100 MB, 10 MB/s, 1,000 events — big.log\x1b[K',
      '\r11/100 MB, 10 MB/s, 1,100 events — big.log\x1b[K',
      '\r12/100 MB, 10 MB/s, 1,250 events — big.log\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('erased before other output, and drawn again afterwards', () => {
    const { line, writes, at } = terminal();
    line.start(0, 'big.log', 100e6);
    at(1500);
    line.advance(0, 15e6, 3);
    line.clear();
    line.clear();
    at(1700);
    line.advance(0, 17e6, 4);
    expect(writes).toEqual(['\r15/100 MB, 10 MB/s, 3 events — big.log\x1b[K', '\r\x1b[K', '\r17/100 MB, 10 MB/s, 4 events — big.log\x1b[K']);
  });

  it('nothing to erase when nothing was drawn', () => {
    const { line, writes } = terminal();
    line.start(0, 'small.log', 10);
    line.clear();
    line.finish(0);
    expect(writes).toEqual([]);
  });

  it('several files in flight: one line; when one is done, the others show it if read long enough', () => {
    const { line, writes, at } = terminal();
    line.start(0, 'a.log', 20e6);
    at(500);
    line.start(1, 'b.log', 40e6);
    line.start(2, 'c.log', 1e6);
    at(1200);
    line.advance(1, 10e6, 10);
    line.advance(0, 12e6, 20);
    at(1300);
    line.advance(0, 13e6, 21);
    line.finish(2);
    line.finish(0);
    at(1400);
    line.advance(1, 12e6, 12);
    at(1600);
    line.advance(1, 14e6, 14);
    line.finish(1);
    expect(writes).toEqual([
      // a.log has been read for 1.2 s: the line shows, with b.log (0.7 s) and c.log in it.
      '\r10/61 MB, 14 MB/s, 10 events — 3 files: a.log, b.log, c.log\x1b[K',
      '\r23/61 MB, 22 MB/s, 31 events — 3 files: a.log, b.log, c.log\x1b[K',
      // a.log done; b.log, read for 0.8 s, does not show yet.
      '\r\x1b[K',
      '\r14/40 MB, 12 MB/s, 14 events — b.log\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('several files in flight are named in the order they were given, whichever worker started first', () => {
    const { line, writes, at } = terminal();
    line.start(1, 'b.log', 1e6);
    line.start(0, 'a.log', 1e6);
    at(1000);
    line.advance(1, 1e5, 0);
    expect(writes).toEqual(['\r0.1/2.0 MB, 0.1 MB/s, 0 events — 2 files: a.log, b.log\x1b[K']);
  });

  it('fits the terminal', () => {
    const { line, writes, at } = terminal(20);
    line.start(0, 'big.log', 100e6);
    at(2000);
    line.advance(0, 50e6, 0);
    expect(writes).toEqual(['\r50/100 MB, 25 MB/s…\x1b[K']);
  });
});

describe('progressWanted', () => {
  const tty = { isTTY: true, env: {} };
  it('on a terminal, by default', () => expect(progressWanted(tty)).toBe(true));
  it.each([
    ['standard error is not a terminal', { ...tty, isTTY: false }],
    ['CI is set', { ...tty, env: { CI: 'true' } }],
    ['--quiet', { ...tty, quiet: true }],
    ['--no-progress', { ...tty, noProgress: true }],
  ])('never when %s', (_label, o) => expect(progressWanted(o)).toBe(false));
});
