/** Id keys as the dialects write them, and their values. */
import { ownCopy } from '../text/own-copy';
import type { EventIds } from '../types';

export type IdKey = keyof EventIds;

/** A Map, not an object literal: a key read off a line must not find `constructor` or `__proto__`. */
const KEY_ALIASES = new Map<string, IdKey>(
  Object.entries({
    vf: 'vf',
    vfid: 'vf',
    vf_id: 'vf',
    vfindex: 'vf',
    vport: 'vport',
    vportid: 'vport',
    vport_id: 'vport',
    switch: 'switch',
    switchid: 'switch',
    switch_id: 'switch',
    filter: 'filter',
    filterid: 'filter',
    filter_id: 'filter',
    from: 'from',
    sourcevportid: 'from',
    srcvportid: 'from',
    sourcevport: 'from',
    to: 'to',
    destvportid: 'to',
    dstvportid: 'to',
    destinationvportid: 'to',
    destvport: 'to',
  }) as Array<[string, IdKey]>,
);

/** Keys as lines spell them (`VFId`, `VPort`), resolved once: a log repeats a handful of spellings on every line. */
const SPELLINGS = new Map<string, IdKey | undefined>();
const MAX_SPELLINGS = 256;

export function idKey(key: string): IdKey | undefined {
  const known = SPELLINGS.get(key);
  if (known !== undefined || SPELLINGS.has(key)) return known;
  const id = KEY_ALIASES.get(key.toLowerCase());
  // Bounded: a hostile log can spell keys in any mix of cases. Its own copy: the key is a
  // slice of its line (or of a whole text), which the map would otherwise keep alive.
  if (SPELLINGS.size < MAX_SPELLINGS) SPELLINGS.set(ownCopy(key), id);
  return id;
}

/** Longer is no id (2^128 has 39 digits): a hostile number would be copied into every message, and converting a huge hex one takes minutes. */
export const MAX_ID_LENGTH = 64;

/**
 * An id as a canonical decimal string: `0x10` -> `16`, `007` -> `7`. Ids can
 * be anything a driver prints, including 2^64 and negative numbers, so they stay
 * strings; undefined when the text is not a number (or longer than MAX_ID_LENGTH).
 */
export function parseIdValue(text: string): string | undefined {
  // By hand, not by regular expression: every id of every line of a big log comes through here.
  const end = text.length;
  if (end > MAX_ID_LENGTH || end === 0) return undefined;
  const negative = text.charCodeAt(0) === 45; /* - */
  const from = negative ? 1 : 0;
  if (from < end && allDigits(text, from, end)) {
    // Leading zeros go, one digit stays: `007` -> `7`, `000` -> `0`; `-0` is `0`.
    let first = from;
    while (first < end - 1 && text.charCodeAt(first) === 48) first++;
    if (!negative) return first === 0 ? text : text.slice(first);
    return first === end - 1 && text.charCodeAt(first) === 48 ? '0' : '-' + text.slice(first);
  }
  // Hex: `0x` and at least one digit, never negative.
  if (negative || end < 3 || text.charCodeAt(0) !== 48 || (text.charCodeAt(1) | 32) !== 120 || !allHex(text, 2, end)) return undefined;
  // Up to 13 hex digits is exact in a double; more goes through BigInt.
  return end - 2 <= 13 ? String(parseInt(text.slice(2), 16)) : BigInt(text).toString();
}

function allDigits(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function allHex(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if (!((c >= 48 && c <= 57) || (lower >= 97 && lower <= 102))) return false;
  }
  return true;
}
