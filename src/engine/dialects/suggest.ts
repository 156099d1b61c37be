/**
 * A dialect proposed from a few lines of a user's trace (the lines the not-read
 * report names): the tokens of each line are recognised — the WPP prefix
 * `[0]0004.0050::`, a timestamp, an OID by name, CamelCase or code, a request or
 * completion marker, a status, ids — and a pattern with the named groups of
 * custom.ts is made of them, with what each part of the line became.
 *
 * The pattern is anchored on what starts the line (the WPP prefix, or a time
 * and an adapter name), and finds the rest with one lookahead per group, in any
 * order and each optional but the OID (and the marker, when the lines have one):
 * a request and its completion seldom carry the same keys in the same places.
 * Ids and statuses are looked for under every spelling the driver logs use, not
 * only those of the sample, so that one request line teaches its completions too.
 * The pattern ignores case (flags "i").
 */
import { KNOWN_OID_NAMES } from '../catalog/oids';
import { STATUSES } from '../catalog/statuses';
import type { CustomDialect } from '../types';
import { compileCustomDialect, type CustomDialectSpec, MAX_CUSTOM_LINE, parseCustomLine } from './custom';
import { explainLine, type LinePart } from './explain';
import { kindFamilyOf } from './kind-words';
import { oidCodeOf, resolveOidToken } from './oid-token';

/** A dialect as JSON holds it: what `--dialect` and `oidtrace.dialects` take. */
export interface SuggestedSpec extends CustomDialectSpec {
  name: string;
  pattern: string | string[];
  flags: 'i';
}

export interface DialectSuggestion {
  spec: SuggestedSpec;
  dialect: CustomDialect;
  /** The first sample that names an OID, and what each part of it became. */
  sample: string;
  parts: LinePart[];
  /** The samples that name an OID (indexes into the lines given), and how many of them the dialect reads as events. */
  named: number[];
  read: number;
}

export interface SuggestOptions {
  name?: string;
  files?: string[];
}

/** Patterns a suggestion may hold: one per differently-started line. */
const MAX_SUGGESTED_PATTERNS = 4;

const TIME_FORMS = {
  wpp: String.raw`\d{2}/\d{2}/\d{4}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?`,
  iso: String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?`,
  tod: String.raw`\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?`,
} as const;
type TimeForm = keyof typeof TIME_FORMS;
const TIME_FINDERS = (Object.keys(TIME_FORMS) as TimeForm[]).map((form) => ({ form, re: new RegExp(String.raw`(?<![\d:/.-])(?:${TIME_FORMS[form]})(?![\d:])`) }));

const WPP_PREFIX = /^\[\d+\][0-9A-Fa-f]{1,8}\.[0-9A-Fa-f]{1,8}::/;
const WPP_COMPONENT = /^\s*\[[^\]\r\n]{1,128}\]/;
/** An adapter's name right after a time: letters, then a digit somewhere (`pf0`, `nic1`, `mlx5_0`); not `vf2`. */
const ADAPTER_WORD = /^(\]?)(\s+)(?!vf)([A-Za-z][\w.-]*\d[\w.-]*)(?=:?\s)/i;
const ADAPTER_KEY = /\badapter\s*[:=]\s*[\w.$-]/i;

/** Markers: symbols not glued to a number (`3->0` is a filter move), words standing alone. */
const MARKER = /(?<![\w<>=-])(?:>>>|<<<|-->|<--|==>|<==|->|<-|=>|<=|>>|<<)(?![<>=-])|\b[A-Za-z]+\b/g;
const STATUS_KEYED = /(?:\b(?:st|rc|ret|result|res|err|ntstatus|status)\s*[:=]\s*|\bstatus\s+(?=0x|-?\d)|\b(?=NDIS_STATUS_))[\w-]+/i;
const WORD = /\b[A-Za-z0-9_]+\b/g;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `NIC_SWITCH`, `SRIOV`, ... and the first word after them, from the catalog: `NicSwitchDeleteVPort`, not `SriovMiniport`. */
function oidNames(): string {
  const families = new Set<string>();
  const firsts = new Set<string>();
  for (const name of KNOWN_OID_NAMES) {
    const m = /^OID_(NIC_SWITCH|SRIOV|RECEIVE_FILTER|SWITCH_NIC)_([A-Z]+)/.exec(name);
    if (!m) continue;
    families.add(m[1]!.toLowerCase().replace('_', '_?'));
    firsts.add(m[2]!.toLowerCase());
  }
  return `(?:oid_?)?(?:${[...families].join('|')})_?(?:${[...firsts].sort().join('|')})\\w*`;
}
const OID_NAMES = oidNames();
/** The catalog's codes (0x000102xx) in every width; a bare `10244` only when the samples write it so (it could be any number). */
const OID_CODES = String.raw`0x0*102[0-9a-f]{2}|0*102[0-9a-f]{2}h|000102[0-9a-f]{2}`;
const OID_BARE_CODE = String.raw`102[0-9a-f]{2}`;
/** NDIS statuses without a key, as a completion may end: `SUCCESS`, `InvalidParameter`. */
const STATUS_WORDS = [...STATUSES.map((s) => s.name.slice('NDIS_STATUS_'.length).toLowerCase().replace(/_/g, '_?')), 'ok'].join('|');

/**
 * What the status lookahead finds: a value after a status key (`rc=0`, `st: 0x0`,
 * `Status 0x00000000`), an NDIS_STATUS_ name, and, when the lines end so, a
 * bare status word. The keys are lookbehinds, so that one `status` group holds
 * every form (a name may appear once in a pattern).
 */
function statusLookahead(bareWords: boolean): string {
  const forms = [
    String.raw`(?<=\b(?:st|rc|ret|result|res|err|ntstatus|status)\s*[:=]\s*)(?:0x[0-9a-f]+|-?\d+\b|\w+)`,
    String.raw`(?<=\bstatus\s+)(?:0x[0-9a-f]+|-?\d+\b)`,
    String.raw`\bndis_status_\w+`,
    ...(bareWords ? [String.raw`\b(?:${STATUS_WORDS})\b`] : []),
  ];
  return `(?=(?:.*?(?<status>${forms.join('|')}))?)`;
}

/** Ids under every spelling the driver logs use (ids.ts), longest first. */
const ID_LOOKAHEADS: ReadonlyArray<[string, string]> = [
  ['vf', 'vf_?id|vf_?index|vf'],
  ['vport', 'vport_?id|vport'],
  ['filter', 'filter_?id|filter'],
  ['switch', 'switch_?id|switch'],
  ['from', 'source_?vport_?id|src_?vport_?id|source_?vport|from'],
  ['to', 'destination_?vport_?id|dest_?vport_?id|dst_?vport_?id|dest_?vport|to'],
];
const idLookahead = ([group, keys]: [string, string]): string => String.raw`(?=(?:.*?\b(?:${keys})\b\s*(?:[:=]\s*|\s+)(?<${group}>-?(?:0x[0-9a-f]+|\d+))\b)?)`;

interface Shape {
  /** What starts the line, as pattern text (with the time and adapter groups it holds). */
  head: string;
  timeInHead: boolean;
  adapterInHead: boolean;
  time?: TimeForm;
  adapterKey: boolean;
  kind?: string;
  oid?: string;
  bareCode: boolean;
  bareStatus: boolean;
}

/** The tokens of one line. */
function shapeOf(text: string): Shape {
  const s: Shape = { head: '^', timeInHead: false, adapterInHead: false, adapterKey: ADAPTER_KEY.test(text), bareCode: false, bareStatus: false };
  let time: { form: TimeForm; index: number; length: number } | undefined;
  for (const { form, re } of TIME_FINDERS) {
    const m = re.exec(text);
    if (m && (!time || m.index < time.index)) time = { form, index: m.index, length: m[0].length };
  }
  s.time = time?.form;
  let rest = 0;
  const wpp = WPP_PREFIX.exec(text);
  if (wpp) {
    const after = text.slice(wpp[0].length);
    const stamp = (Object.keys(TIME_FORMS) as TimeForm[]).map((form) => ({ form, m: new RegExp(`^(?:${TIME_FORMS[form]})(?!\\S)`).exec(after) })).find((x) => x.m);
    s.head += String.raw`\[\d+\][0-9a-f]+\.[0-9a-f]+::` + (stamp ? `(?<time>${TIME_FORMS[stamp.form]})` : String.raw`\S+`);
    s.timeInHead = stamp !== undefined;
    if (stamp) s.time = stamp.form;
    const afterTime = stamp ? after.slice(stamp.m![0].length) : after.replace(/^\S+/, '');
    if (WPP_COMPONENT.test(afterTime)) {
      s.head += String.raw`\s*(?:\[(?<adapter>[^\]]*)\])?`;
      s.adapterInHead = true;
    }
    rest = text.length - afterTime.length;
  } else if (time && /^[\s[(<]*$/.test(text.slice(0, time.index))) {
    s.head += text.slice(0, time.index).replace(/\s+|[^\s]/g, (c) => (/\s/.test(c) ? String.raw`\s*` : escape(c)));
    s.head += `(?<time>${TIME_FORMS[time.form]})`;
    s.timeInHead = true;
    rest = time.index + time.length;
    const adapter = ADAPTER_WORD.exec(text.slice(rest));
    if (adapter && !resolveOidToken(adapter[3]!, NO_SPAN) && !kindFamilyOf(adapter[3]!)) {
      s.head += `${escape(adapter[1]!)}\\s+(?<adapter>[\\w.-]+)`;
      s.adapterInHead = true;
      rest += adapter[0].length;
    }
  }
  const body = text.slice(rest);
  s.oid = findOid(body, s);
  for (const m of body.matchAll(MARKER)) {
    if (m[0] === s.oid || !kindFamilyOf(m[0])) continue;
    s.kind = m[0];
    break;
  }
  const status = STATUS_KEYED.exec(body);
  if (!status) {
    const bare = new RegExp(String.raw`\b(?:${STATUS_WORDS})\b`, 'i').exec(body);
    s.bareStatus = bare !== null && bare[0] !== s.oid && !kindFamilyOf(bare[0]);
  }
  return s;
}

const NO_SPAN = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The OID token of a line: a name first, then a code with its `0x` / `h` / zeros, then a bare code. */
function findOid(body: string, s: Shape): string | undefined {
  let code: string | undefined;
  let bare: string | undefined;
  for (const [word] of body.matchAll(WORD)) {
    const resolved = resolveOidToken(word, NO_SPAN);
    if (!resolved) continue;
    if (oidCodeOf(word) === undefined) return word;
    if (/^(?:0x|0)|h$/i.test(word)) code ??= word;
    else bare ??= word;
  }
  if (!code && bare) s.bareCode = true;
  return code ?? bare;
}

/** The `kind` group: the markers the lines show, with their counterparts (a request line teaches its completion). */
function kindGroup(markers: readonly string[]): string {
  const alternatives = new Set<string>();
  for (const marker of markers) {
    const family = kindFamilyOf(marker)!;
    const lower = marker === marker.toLowerCase() && /[a-z]/.test(marker);
    for (const w of [...family.requests, ...family.completions]) alternatives.add(lower ? w.toLowerCase() : w);
  }
  const words = [...alternatives].sort((a, b) => b.length - a.length);
  return `(?<kind>${words.map((w) => (/^\w+$/.test(w) ? String.raw`\b${w}\b` : w)).join('|')})`;
}

function patternOf(s: Shape, shared: { markers: string[]; bareCode: boolean; bareStatus: boolean; times: TimeForm[] }): string {
  const parts = [s.head];
  const oids = [OID_NAMES, OID_CODES, ...(shared.bareCode ? [OID_BARE_CODE] : [])].join('|');
  parts.push(String.raw`(?=.*?\b(?<oid>${oids})\b)`);
  if (shared.markers.length) {
    const kind = kindGroup(shared.markers);
    parts.push(s.kind ? `(?=.*?${kind})` : `(?=(?:.*?${kind})?)`);
  }
  if (!s.timeInHead && shared.times.length) parts.push(`(?=(?:.*?(?<time>${shared.times.map((t) => TIME_FORMS[t]).join('|')}))?)`);
  if (!s.adapterInHead && s.adapterKey) parts.push(String.raw`(?=(?:.*?\badapter\s*[:=]\s*(?<adapter>[\w.$-]+))?)`);
  parts.push(statusLookahead(shared.bareStatus));
  for (const id of ID_LOOKAHEADS) parts.push(idLookahead(id));
  return parts.join('');
}

/**
 * A dialect for the lines given (those that name no OID are passed over), or
 * a one-line reason why none can be made.
 */
export function suggestDialect(lines: readonly string[], options: SuggestOptions = {}): { suggestion?: DialectSuggestion; error?: string } {
  const samples: Array<{ text: string; shape: Shape; index: number }> = [];
  lines.forEach((text, index) => {
    if (text.length > MAX_CUSTOM_LINE) return;
    const shape = shapeOf(text);
    if (shape.oid) samples.push({ text, shape, index });
  });
  if (samples.length === 0) {
    return {
      error:
        'none of the lines names an OID, by name (OID_SRIOV_RESET_VF, SRIOV_RESET_VF, SriovResetVf) or by code (0x00010255, 10255h): there is nothing to learn a format from',
    };
  }
  const shared = {
    markers: [...new Set(samples.map((x) => x.shape.kind).filter((k): k is string => k !== undefined))],
    bareCode: samples.some((x) => x.shape.bareCode),
    bareStatus: samples.some((x) => x.shape.bareStatus),
    times: (Object.keys(TIME_FORMS) as TimeForm[]).filter((t) => samples.some((x) => x.shape.time === t)),
  };
  const name = options.name ?? 'my-format';
  const patterns: string[] = [];
  let dialect: CustomDialect | undefined;
  const reads = (d: CustomDialect | undefined, text: string) => d !== undefined && parseCustomLine(text, 1, d, { adapter: 'default' })?.event !== undefined;
  for (const { text, shape } of samples) {
    if (reads(dialect, text) || patterns.length >= MAX_SUGGESTED_PATTERNS) continue;
    const candidate = patternOf(shape, shared);
    if (patterns.includes(candidate)) continue;
    const compiled = compileCustomDialect({ name, pattern: [...patterns, candidate], flags: 'i' }, name);
    // A pattern of ours that does not compile is a bug; the lines it was for stay unread rather than break the rest.
    if (!compiled.dialect) continue;
    patterns.push(candidate);
    dialect = compiled.dialect;
  }
  if (!dialect) return { error: 'no pattern could be made that reads these lines' };
  const read = samples.filter((x) => reads(dialect, x.text)).length;
  const first = samples[0]!.text;
  const spec: SuggestedSpec = { name, ...(options.files?.length ? { files: options.files } : {}), pattern: patterns.length === 1 ? patterns[0]! : patterns, flags: 'i' };
  return { suggestion: { spec, dialect, sample: first, parts: explainLine(dialect, first)?.parts ?? [], named: samples.map((x) => x.index), read } };
}

/** A trace file's extension, which a proposed dialect is named after and reads: `fw.vlog` -> `vlog`; none for `messages` or `.hidden`. */
export function traceExtension(path: string): string | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  const m = /\.([A-Za-z0-9_-]{1,16})$/.exec(base);
  return m && m.index > 0 ? m[1] : undefined;
}

/** The name a dialect for `path` is proposed under: `vlog-format` for `fw.vlog`, else `my-format`. */
export function proposedFormatName(path: string): string {
  const ext = traceExtension(path);
  return ext ? `${ext}-format` : 'my-format';
}
