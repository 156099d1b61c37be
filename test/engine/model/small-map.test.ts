/** SmallMap behaves as a Map through the move from one entry to many and back. */
import { describe, expect, it } from 'vitest';
import { SmallMap } from '../../../src/engine/model/small-map';

/** The same writes to a SmallMap and a Map, and what each then shows. */
function both(writes: Array<['set', string, number] | ['delete', string] | ['clear']>) {
  const small = new SmallMap<string, number>();
  const map = new Map<string, number>();
  const returned: unknown[][] = [];
  for (const [op, key, value] of writes) {
    if (op === 'set') {
      expect(small.set(key, value)).toBe(small);
      map.set(key, value);
    } else if (op === 'delete') returned.push([small.delete(key), map.delete(key)]);
    else {
      small.clear();
      map.clear();
    }
  }
  const view = (m: Map<string, number>) => {
    const each: string[] = [];
    m.forEach((v, k, self) => each.push(`${k}=${v}${self === m ? '' : ' (another map)'}`));
    return { size: m.size, entries: [...m], keys: [...m.keys()], values: [...m.values()], each, a: [m.has('a'), m.get('a')], b: [m.has('b'), m.get('b')] };
  };
  return { small: view(small), map: view(map), returned };
}

describe('SmallMap', () => {
  it.each<[string, Parameters<typeof both>[0]]>([
    ['empty', []],
    ['one entry', [['set', 'a', 1]]],
    [
      'one entry set again',
      [
        ['set', 'a', 1],
        ['set', 'a', 2],
      ],
    ],
    [
      'a second key: insertion order kept',
      [
        ['set', 'b', 1],
        ['set', 'a', 2],
        ['set', 'c', 3],
      ],
    ],
    [
      'the one entry deleted, another set',
      [
        ['set', 'a', 1],
        ['delete', 'a'],
        ['delete', 'a'],
        ['set', 'b', 2],
      ],
    ],
    [
      'a key it does not hold deleted',
      [
        ['set', 'a', 1],
        ['delete', 'b'],
      ],
    ],
    [
      'many, then the first deleted and set again (it goes last)',
      [
        ['set', 'a', 1],
        ['set', 'b', 2],
        ['delete', 'a'],
        ['set', 'a', 3],
      ],
    ],
    ['cleared from one and from many', [['set', 'a', 1], ['clear'], ['set', 'b', 1], ['set', 'c', 2], ['clear'], ['set', 'a', 4]]],
  ])('%s: the same as a Map', (_, writes) => {
    const { small, map, returned } = both(writes);
    expect(small).toEqual(map);
    for (const [s, m] of returned) expect(s).toBe(m);
  });

  it('holds undefined as a value, which `has` tells from an absent key', () => {
    const m = new SmallMap<string, number | undefined>().set('a', undefined);
    expect([m.has('a'), m.has('b'), m.size]).toEqual([true, false, 1]);
  });

  it('is a Map to code that checks', () => {
    expect(Object.prototype.toString.call(new SmallMap())).toBe('[object SmallMap]');
    expect(new Map(new SmallMap<string, number>().set('x', 1).set('y', 2))).toEqual(
      new Map([
        ['x', 1],
        ['y', 2],
      ]),
    );
  });
});
