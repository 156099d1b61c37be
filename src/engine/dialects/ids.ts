/** Id keys as the dialects write them, and their values. */
import type { EventIds } from '../types';

export type IdKey = keyof EventIds;

const KEY_ALIASES: Record<string, IdKey> = {
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
};

export function idKey(key: string): IdKey | undefined {
  return KEY_ALIASES[key.toLowerCase()];
}

/** Longer is no id (2^128 has 39 digits): a hostile number would be copied into every message, and converting a huge hex one takes minutes. */
export const MAX_ID_LENGTH = 64;

/**
 * An id as a canonical decimal string: `0x10` -> `16`, `007` -> `7`. Ids can
 * be anything a driver prints, including 2^64 and negative numbers, so they stay
 * strings; undefined when the text is not a number (or longer than MAX_ID_LENGTH).
 */
export function parseIdValue(text: string): string | undefined {
  if (text.length > MAX_ID_LENGTH) return undefined;
  if (/^-?\d+$/.test(text)) {
    const negative = text[0] === '-';
    const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '');
    return negative && digits !== '0' ? '-' + digits : digits;
  }
  if (/^0x[0-9a-f]+$/i.test(text)) {
    return BigInt(text).toString();
  }
  return undefined;
}
