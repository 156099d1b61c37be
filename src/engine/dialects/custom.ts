/**
 * A user's own trace format: regular expressions with named groups, from the
 * `oidtrace.dialects` setting or `oidtrace lint --dialect FILE.json`. A line
 * that one of the patterns matches, with an `oid` group, is an event; other
 * lines go to the built-in driver-log reading (so suppression comments and
 * standard lines still work).
 *
 *   { "name": "fw-log", "files": ["**\/*.fwlog"],
 *     "pattern": "^(?<time>\\S+) (?<kind>REQ|CMPL) (?<oid>\\w+) vf=(?<vf>\\d+)(?: st=(?<status>\\w+))?" }
 *
 * Groups: time, oid (required), kind, status, actor, target, adapter, vf, vport,
 * filter, switch, from, to. Validation gives one clear line per problem; a bad
 * pattern never reaches the engine.
 */
import { oidByName } from '../catalog/oids';
import type { CustomDialect, EventIds, RequestMethod, StatusValue } from '../types';
import { idKey, parseIdValue } from './ids';
import { isCompletionKind } from './kind-words';
import { methodOfOid, resolveOidToken } from './oid-token';
import { type ParsedLine, span, type UnknownOidToken } from './parsed-line';
import { statusFromToken } from './status';
import { parseTime } from './time';

export interface CustomDialectSpec {
  name?: string;
  /** Glob patterns of the files it applies to (the extension's choice; the CLI's `--dialect` applies it to every file). */
  files?: string[];
  /** One pattern or several (tried in order). */
  pattern: string | string[];
  /** Regular-expression flags: only `i` is accepted. */
  flags?: string;
}

export const CUSTOM_GROUPS = ['time', 'oid', 'kind', 'status', 'actor', 'target', 'adapter', 'vf', 'vport', 'filter', 'switch', 'from', 'to'] as const;
const GROUPS = new Set<string>(CUSTOM_GROUPS);
const MAX_PATTERNS = 32;
const MAX_PATTERN_LENGTH = 2000;
/** Longer lines are not offered to a user's pattern (a pattern that backtracks badly stays bounded). */
export const MAX_CUSTOM_LINE = 4096;

/** Checks and compiles one dialect; `where` names it in messages (`oidtrace.dialects[0]`). */
export function compileCustomDialect(spec: unknown, where: string): { dialect?: CustomDialect; error?: string } {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return { error: `${where}: expected an object with a "pattern"` };
  const s = spec as Record<string, unknown>;
  const name = s.name === undefined ? where : s.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) return { error: `${where}.name: expected a short text` };
  const files = s.files ?? [];
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && f.length > 0)) return { error: `${where}.files: expected a list of glob patterns` };
  const flags = s.flags ?? '';
  if (typeof flags !== 'string' || !/^i?$/.test(flags)) return { error: `${where}.flags: only "i" (ignore case) is accepted, got ${JSON.stringify(flags)}` };
  const sources = typeof s.pattern === 'string' ? [s.pattern] : s.pattern;
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every((p) => typeof p === 'string')) {
    return { error: `${where}.pattern: expected a regular expression (text) or a list of them` };
  }
  if (sources.length > MAX_PATTERNS) return { error: `${where}.pattern: at most ${MAX_PATTERNS} patterns` };
  const patterns: RegExp[] = [];
  for (let i = 0; i < sources.length; i++) {
    const at = sources.length === 1 && typeof s.pattern === 'string' ? `${where}.pattern` : `${where}.pattern[${i}]`;
    const source = sources[i] as string;
    if (source.length > MAX_PATTERN_LENGTH) return { error: `${at}: longer than ${MAX_PATTERN_LENGTH} characters` };
    let re: RegExp;
    try {
      re = new RegExp(source, `${flags}d`);
    } catch (error) {
      return { error: `${at}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const names = [...source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]!);
    const unknown = names.filter((n) => !GROUPS.has(n));
    if (unknown.length) return { error: `${at}: unknown group ${unknown.map((n) => `"${n}"`).join(', ')}; the groups are ${CUSTOM_GROUPS.join(', ')}` };
    if (!names.includes('oid')) return { error: `${at}: needs a named group "oid", e.g. (?<oid>OID_\\w+)` };
    if (re.test('')) return { error: `${at}: matches an empty line; it would take every line for an event` };
    patterns.push(re);
  }
  return { dialect: { name, files: files as string[], patterns } };
}

/** Compiles a list of dialects (the setting's value); each problem is one line. */
export function compileCustomDialects(value: unknown, where: string): { dialects: CustomDialect[]; errors: string[] } {
  const dialects: CustomDialect[] = [];
  const errors: string[] = [];
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  list.forEach((spec, i) => {
    const { dialect, error } = compileCustomDialect(spec, Array.isArray(value) ? `${where}[${i}]` : where);
    if (dialect) dialects.push(dialect);
    if (error) errors.push(error);
  });
  return { dialects, errors };
}

/** One line through the user's patterns; undefined when none matches (the caller reads it the built-in way). */
export function parseCustomLine(text: string, line: number, dialect: CustomDialect, state: { adapter: string }): ParsedLine | undefined {
  if (text.length > MAX_CUSTOM_LINE) return undefined;
  for (const re of dialect.patterns) {
    re.lastIndex = 0;
    const m = re.exec(text);
    const g = m?.groups;
    if (!m || !g || !g.oid) continue;
    const at = m.indices!.groups!.oid!;
    const oidSpan = span(line, at[0], at[1]);
    const unknownOids: UnknownOidToken[] = [];
    // `NIC_SWITCH_FREE_VF`, `NicSwitchFreeVf`, `0x10246`, `10246h`: in-house logs spell OIDs their own way.
    const resolved = resolveOidToken(g.oid.trim(), oidSpan);
    if (resolved?.unknown) unknownOids.push(resolved.unknown);
    const known = resolved && oidByName(resolved.name) ? resolved : undefined;
    if (!known) return unknownOids.length ? { line, unknownOids } : { line };
    const oid = known.name;
    const oidCode = known.code;

    const statusText = g.status?.trim();
    const status: StatusValue | undefined = statusText ? statusFromToken(statusText) : undefined;
    const kind = g.kind?.trim() ?? '';
    const isCompletion = kind ? isCompletionKind(kind) : status !== undefined;
    let method: RequestMethod | undefined;
    if (!isCompletion) {
      const k = kind.toLowerCase();
      method = k.startsWith('set') ? 'set' : k.startsWith('query') || k === 'get' ? 'query' : k === 'method' ? 'method' : methodOfOid(oid);
    }
    const ids: EventIds = {};
    for (const key of ['vf', 'vport', 'filter', 'switch', 'from', 'to'] as const) {
      const raw = g[key];
      const k = idKey(key);
      const value = raw === undefined ? undefined : parseIdValue(raw.trim());
      if (k && value !== undefined) ids[k] = value;
    }
    const info = oidByName(oid);
    const issuer = info?.issuer ?? 'VSTACK';
    const handler = info?.handler ?? 'PF';
    const timeText = g.time?.trim() || undefined;
    const parsed: ParsedLine = {
      line,
      event: {
        line,
        time: timeText === undefined ? undefined : parseTime(timeText),
        timeText,
        dialect: 'custom',
        kind: isCompletion ? 'completion' : 'request',
        verb: isCompletion ? 'COMPLETE' : method === 'handled' ? 'HANDLE' : method!.toUpperCase(),
        method,
        actor: g.actor?.trim() || (isCompletion ? handler : issuer),
        target: g.target?.trim() || (isCompletion ? issuer : handler),
        adapter: g.adapter?.trim() || state.adapter,
        oid,
        oidCode,
        span: oidSpan,
        status: isCompletion ? status : undefined,
        ids,
        attrs: { dialect: dialect.name },
        index: 0,
        step: undefined,
        pair: undefined,
        episode: undefined, // the model's (see RawEvent)
      },
    };
    if (unknownOids.length) parsed.unknownOids = unknownOids;
    return parsed;
  }
  return undefined;
}
