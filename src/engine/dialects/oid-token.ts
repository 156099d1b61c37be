/** Resolving an OID written as a name or a code, shared by every dialect. */
import { CHECKED_OID_PREFIXES, isKnownOidName, KNOWN_OID_NAMES, OID_ALIASES, oidByCode, oidByName, suggestOidName } from '../catalog/oids';
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

/**
 * A code as in-house logs write it, in any width: `0x10244`, `0x00010244`,
 * `00010244`, `10244`, `10244h`. Undefined for anything else (a word, a decimal
 * with a sign). Codes are always hexadecimal: `10244` is 0x10244.
 */
export function oidCodeOf(token: string): number | undefined {
  const m = /^(?:0x([0-9a-f]{1,8})|([0-9][0-9a-f]{0,7})h?)$/i.exec(token);
  if (!m) return undefined;
  return parseInt((m[1] ?? m[2])!, 16);
}

/** A name squeezed to compare spellings: `NicSwitchDeleteVPort`, `NIC_SWITCH_DELETE_VPORT` -> `NICSWITCHDELETEVPORT`. */
function squeeze(name: string): string {
  return name
    .toUpperCase()
    .replace(/^OID_?/, '')
    .replace(/_/g, '');
}

/** Every name we know (catalog, other known names, documented aliases), by its squeezed spelling. */
const BY_SQUEEZED = new Map<string, string>();
for (const name of KNOWN_OID_NAMES) BY_SQUEEZED.set(squeeze(name), name);

/**
 * An OID token in any spelling a driver prints: a name with or without `OID_`
 * (`OID_SRIOV_RESET_VF`, `SRIOV_RESET_VF`), the vendor's CamelCase
 * (`SriovResetVf`, `OidNicSwitchDeleteVPort`), or a code in any width (see
 * oidCodeOf). Undefined when it is no OID: a code or a CamelCase word we do not
 * know. A snake-case name of a checked family that we do not know comes back
 * with `unknown`, as from resolveOidName.
 */
export function resolveOidToken(token: string, span: Span): ResolvedOid | undefined {
  const code = oidCodeOf(token);
  if (code !== undefined) return resolveOidCode(code);
  const upper = token.toUpperCase();
  if (upper.includes('_')) return resolveOidName(upper.startsWith('OID_') ? upper : `OID_${upper}`, span, false);
  const name = BY_SQUEEZED.get(squeeze(upper));
  return name === undefined ? undefined : resolveOidName(name, span, false);
}
