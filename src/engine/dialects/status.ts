/** NDIS status tokens: `NDIS_STATUS_*` names or hex codes, and the looser spellings of in-house logs. */
import { isFailureCode, STATUS_PENDING, STATUSES, statusByCode, statusByName } from '../catalog/statuses';
import type { StatusValue } from '../types';

/**
 * One frozen value per catalogued status, shared by every event that gives it: a
 * trace of many completed requests would otherwise hold a copy per completion.
 */
const CATALOGUED = new Map<string, StatusValue>(
  STATUSES.map((info) => [info.name, Object.freeze({ name: info.name, code: info.code, ok: !isFailureCode(info.code), pending: info.code === STATUS_PENDING })]),
);

export function statusFromName(name: string): StatusValue {
  const info = statusByName(name); // in any case
  if (info) return CATALOGUED.get(info.name)!;
  const upper = name.toUpperCase();
  // An NDIS_STATUS_ name we have no code for: only the success/pending names are not failures.
  const ok = upper === 'NDIS_STATUS_SUCCESS' || upper === 'NDIS_STATUS_PENDING';
  return { name: upper, ok, pending: upper === 'NDIS_STATUS_PENDING' };
}

export function statusFromCode(code: number): StatusValue {
  const info = statusByCode(code);
  if (info) return CATALOGUED.get(info.name)!;
  return {
    name: '0x' + (code >>> 0).toString(16).toUpperCase().padStart(8, '0'),
    code: code >>> 0,
    ok: !isFailureCode(code >>> 0),
    pending: code >>> 0 === STATUS_PENDING,
  };
}

/** `INVALID_PARAMETER`, `InvalidParameter` -> `INVALIDPARAMETER`: spellings compared without case or underscores. */
const squeeze = (name: string): string => name.toUpperCase().replace(/_/g, '');
const BY_SQUEEZED = new Map(STATUSES.map((s) => [squeeze(s.name.slice('NDIS_STATUS_'.length)), s.name]));
/** Words for success that are no NDIS name. */
BY_SQUEEZED.set('OK', 'NDIS_STATUS_SUCCESS');
BY_SQUEEZED.set('SOK', 'NDIS_STATUS_SUCCESS');

/**
 * A status as any log writes it: a code in hex of any width (`0x0`, `0xC000000D`,
 * `C000000Dh`, eight digits bare), a decimal number (`0`, `259`, `-1073741811`),
 * or a name with or without `NDIS_STATUS_` / `STATUS_`, in any case, CamelCase
 * too (`InvalidParameter`); `OK` is success. An unknown name is kept, as an
 * NDIS_STATUS_ name (a failure unless it says success or pending).
 */
export function statusFromToken(token: string): StatusValue {
  const hex = /^(?:0x([0-9a-f]{1,8})|([0-9][0-9a-f]{0,7}|[0-9a-f]{8})h|([0-9a-f]{8}))$/i.exec(token);
  if (hex) return statusFromCode(parseInt((hex[1] ?? hex[2] ?? hex[3])!, 16));
  if (/^-?\d{1,10}$/.test(token)) {
    const n = Number(token);
    // A 32-bit value, signed (NTSTATUS printed with %d) or not.
    if (n >= -0x80000000 && n <= 0xffffffff) return statusFromCode(n >>> 0);
  }
  const upper = token.toUpperCase();
  const bare = upper.startsWith('NDIS_STATUS_') ? upper.slice(12) : upper.startsWith('STATUS_') ? upper.slice(7) : upper;
  const known = BY_SQUEEZED.get(squeeze(bare));
  return statusFromName(known ?? `NDIS_STATUS_${bare}`);
}
