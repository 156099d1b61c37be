/** Resolving an OID written as a name or a code, shared by every dialect. */
import { CHECKED_OID_PREFIXES, isKnownOidName, OID_ALIASES, oidByCode, oidByName, suggestOidName } from '../catalog/oids';
import type { RequestMethod, Span } from '../types';
import type { UnknownOidToken } from './parsed-line';

export interface ResolvedOid {
  /** The name the model uses: the catalog's, or the name as written when unknown. */
  name: string;
  code?: number;
  unknown?: UnknownOidToken;
}

export function resolveOidName(name: string, span: Span, reportAnyUnknown: boolean): ResolvedOid {
  const info = oidByName(name);
  // The catalog's own string, not the token: a slice of the line would keep the whole line alive.
  if (info) return { name: info.name, code: info.code };
  const alias = OID_ALIASES[name];
  if (alias) {
    return { name: alias, code: oidByName(alias)?.code, unknown: { name, span, suggestion: alias, alias: true } };
  }
  if (isKnownOidName(name)) return { name };
  const checked = reportAnyUnknown || CHECKED_OID_PREFIXES.some((p) => name.startsWith(p));
  if (!checked) return { name };
  return { name, unknown: { name, span, suggestion: suggestOidName(name), alias: false } };
}

/** A code in the catalog, as its name; undefined for codes we do not know. */
export function resolveOidCode(code: number): ResolvedOid | undefined {
  const info = oidByCode(code);
  return info ? { name: info.name, code } : undefined;
}

/** The request method an OID's type implies, for lines that do not say it. */
export function methodOfOid(oid: string): RequestMethod {
  const t = oidByName(oid)?.type;
  return t === 'S' ? 'set' : t === 'Q' ? 'query' : t === 'M' ? 'method' : 'handled';
}
