/**
 * Id values: every dialect writes them as decimal or hex and the engine keeps them
 * as canonical decimal strings. `parseIdValue` reads them by hand (it is called for
 * every id of every line of a big log); these tests hold it to the two regular
 * expressions it replaced, on the values a driver prints and on generated ones.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine';
import { idKey, MAX_ID_LENGTH, parseIdValue } from '../../src/engine/dialects/ids';

/** The reading the hand-written one replaced, kept here as its specification. */
function byRegExp(text: string): string | undefined {
  if (text.length > MAX_ID_LENGTH) return undefined;
  if (/^-?\d+$/.test(text)) {
    const negative = text[0] === '-';
    const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '');
    return negative && digits !== '0' ? '-' + digits : digits;
  }
  if (/^0x[0-9a-f]+$/i.test(text)) return BigInt(text).toString();
  return undefined;
}

describe('parseIdValue', () => {
  it.each([
    ['2', '2'],
    ['007', '7'],
    ['000', '0'],
    ['-0', '0'],
    ['-007', '-7'],
    ['0x10', '16'],
    ['0X1f', '31'],
    ['0x000', '0'],
    ['0x1fffffffffffff', '9007199254740991'],
    ['0xffffffffffffffff', '18446744073709551615'],
    ['18446744073709551616', '18446744073709551616'],
    // 13 hex digits are exact in a double; from 14 on, only BigInt is.
    ['0x20000000000001', '9007199254740993'],
    ['0x100000000000001', '72057594037927937'],
    // MAX_ID_LENGTH characters is still an id.
    ['1'.repeat(64), '1'.repeat(64)],
    ['0x' + 'f'.repeat(62), (2n ** 248n - 1n).toString()],
  ])('%s is %s', (text, value) => {
    expect(parseIdValue(text)).toBe(value);
  });

  it.each([[''], ['-'], ['0x'], ['-0x5'], ['0xg'], ['12a'], ['5.5'], [' 12'], ['12 '], ['+5'], ['0x1\u0010'], ['1\u0019'], ['٣'], ['1'.repeat(MAX_ID_LENGTH + 1)]])(
    '%j is no id',
    (text) => {
      expect(parseIdValue(text)).toBeUndefined();
    },
  );

  it('agrees with the regular expressions on 20,000 generated values', () => {
    const pieces = ['0', '00', '1', '7', '9', '-', '0x', '0X', 'a', 'F', 'g', 'x', ' ', '_', '.', '\u0010', '\u0016', '\u00a0', 'ff', '123456789'];
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const disagree: string[] = [];
    for (let i = 0; i < 20000; i++) {
      let text = '';
      for (let k = 1 + next(8); k > 0; k--) text += pieces[next(pieces.length)];
      if (next(50) === 0) text = text.repeat(12);
      if (parseIdValue(text) !== byRegExp(text)) disagree.push(text);
    }
    expect(disagree).toEqual([]);
  });
});

describe('idKey', () => {
  it('knows the keys in any case, and nothing Object.prototype holds', () => {
    expect(idKey('VFId')).toBe('vf');
    expect(idKey('DestVPortId')).toBe('to');
    expect(idKey('constructor')).toBeUndefined();
    expect(idKey('__proto__')).toBeUndefined();
    expect(idKey('toString')).toBeUndefined();
  });
});

describe('the id spellings a trace uses, remembered', () => {
  it('keep no trace text alive: a long key is a slice of its line, and so of the whole text', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heap();
    // A spelling of 13 characters or more (V8 slices those), not seen before in this file.
    let text: string | undefined =
      '[0]0A3C.0F10::11/21/2026-10:00:00.020646 [pf3]MoveFilter OID_RECEIVE_FILTER_MOVE_FILTER FilterId=3 sOuRcEvPoRtId=1 DestVPortId=0\n' +
      'noise line of the trace, long enough to weigh\n'.repeat(400_000);
    const { eventCount } = analyze(text, { fileName: 'x.log', keepEvents: false, keepEpisodes: false });
    expect(eventCount).toBe(1);
    const size = text.length;
    text = undefined;
    // V8 keeps the subject of the last regular expression run (for RegExp.$1): a line of the text.
    /x/.exec('x');
    // The text (18 MB of one-byte characters) is gone; what stays is the engine's few bytes.
    expect(heap() - before).toBeLessThan(size / 4);
  });
});
