/** NDIS status tokens: `NDIS_STATUS_*` names or hex codes. */
import { isFailureCode, STATUS_PENDING, statusByCode, statusByName } from '../catalog/statuses';
import type { StatusValue } from '../types';

export function statusFromName(name: string): StatusValue {
  const upper = name.toUpperCase();
  const info = statusByName(upper);
  if (info) return { name: info.name, code: info.code, ok: !isFailureCode(info.code), pending: info.code === STATUS_PENDING };
  // An NDIS_STATUS_ name we have no code for: only the success/pending names are not failures.
  const ok = upper === 'NDIS_STATUS_SUCCESS' || upper === 'NDIS_STATUS_PENDING';
  return { name: upper, ok, pending: upper === 'NDIS_STATUS_PENDING' };
}

export function statusFromCode(code: number): StatusValue {
  const info = statusByCode(code);
  const hex = '0x' + (code >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return {
    name: info ? info.name : hex,
    code: code >>> 0,
    ok: !isFailureCode(code >>> 0),
    pending: code >>> 0 === STATUS_PENDING,
  };
}
