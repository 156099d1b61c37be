/**
 * The canonical `.oidtrace` syntax (a contract: extend it, don't break it):
 *
 *     [TIME] ACTOR [-> ACTOR] VERB [SUBJECT] [STATUS] [key=value ...]
 *
 * plus `#` comments, suppression comments and `@adapter NAME ["description"]`.
 */
import { normalizeActor } from '../catalog/actors';
import type { EventIds, LifecycleVerb, RequestMethod, StatusValue } from '../types';
import { idKey, MAX_ID_LENGTH, parseIdValue } from './ids';
import { resolveOidCode, resolveOidName } from './oid-token';
import { NO_ATTRS, type ParsedLine, parseSuppression, span, type UnknownOidToken } from './parsed-line';
import { statusFromCode, statusFromName } from './status';
import { parseTime } from './time';
import { clip } from '../text/clip';

export const REQUEST_VERBS: Readonly<Record<string, RequestMethod>> = { SET: 'set', QUERY: 'query', METHOD: 'method' };
export const LIFECYCLE_VERBS: readonly LifecycleVerb[] = ['NOTIFY', 'REMOVE_VF', 'SURPRISE_REMOVE', 'UNBIND', 'HALT', 'DATAPATH', 'ADD_VF', 'INIT', 'BIND'];
const LIFECYCLE = new Set<string>(LIFECYCLE_VERBS);
const ALL_VERBS = 'SET, QUERY, METHOD, COMPLETE, ' + LIFECYCLE_VERBS.join(', ');

const IDENT = /^[A-Za-z_][\w.$-]*$/;
const HEX = /^0x[0-9a-f]{1,8}$/i;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The token that starts at or after `from`, or undefined at the end of the line. */
function nextToken(text: string, from: number): Token | undefined {
  const n = text.length;
  let i = from;
  while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= n) return undefined;
  const start = i;
  if (text[i] === '"') {
    i++;
    while (i < n && text[i] !== '"') i++;
    if (i < n) i++;
  } else {
    while (i < n && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
  }
  return { text: text.slice(start, i), start, end: i };
}

/**
 * The first tokens of a line, enough for everything before the key=value pairs
 * (TIME ACTOR -> ACTOR VERB SUBJECT STATUS): the pairs are read one at a time
 * after, so that a line of millions of tokens is never held as an array.
 */
const HEAD_TOKENS = 8;

function tokenizeHead(text: string): Token[] {
  const tokens: Token[] = [];
  for (let t = nextToken(text, 0); t; t = tokens.length < HEAD_TOKENS ? nextToken(text, t.end) : undefined) tokens.push(t);
  return tokens;
}

export interface CanonicalState {
  adapter: string;
}

export function parseCanonicalLine(text: string, line: number, state: CanonicalState): ParsedLine | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0) return undefined;
  if (trimmed[0] === '#') {
    const suppression = parseSuppression(trimmed);
    return suppression ? { line, suppression } : undefined;
  }
  const tokens = tokenizeHead(text);
  const first = tokens[0]!;
  const fail = (message: string, token: Token | undefined): ParsedLine => {
    const at = token ?? { start: first.start, end: text.trimEnd().length };
    return { line, syntaxError: { message, span: span(line, at.start, Math.max(at.end, at.start + 1)) } };
  };

  if (first.text === '@adapter') {
    const name = tokens[1];
    if (!name || !IDENT.test(name.text)) return fail('expected an adapter name after @adapter, e.g. @adapter pf0 "Contoso X9"', name);
    const desc = tokens[2];
    if (desc && !(desc.text.length >= 2 && desc.text.startsWith('"') && desc.text.endsWith('"'))) {
      return fail('expected a quoted description after the adapter name', desc);
    }
    if (tokens[3]) return fail('unexpected text after the adapter description', tokens[3]);
    state.adapter = name.text;
    return { line, adapter: { name: name.text, description: desc?.text.slice(1, -1), line } };
  }
  if (first.text.startsWith('@')) return fail(`unknown directive ${clip(first.text)}; the only directive is @adapter`, first);

  let i = 0;
  let time: number | undefined;
  let timeText: string | undefined;
  const maybeTime = parseTime(first.text);
  if (maybeTime !== undefined) {
    time = maybeTime;
    timeText = first.text;
    i++;
  } else if (/^\d/.test(first.text)) {
    return fail(`'${clip(first.text)}' is not a timestamp: expected HH:MM:SS[.fraction], 2026-11-21T10:41:07.120331Z or 11/21/2026-10:41:07.123456`, first);
  }

  // ACTOR [-> ACTOR], also written ACTOR->ACTOR.
  const actorTok = tokens[i];
  if (!actorTok) return fail('expected an actor (VSTACK, NDIS, PF, VF, VSP, VSC, NETVSC, NETVSP) after the timestamp', undefined);
  let actor: string;
  let target: string | undefined;
  const arrowAt = actorTok.text.indexOf('->');
  if (arrowAt > 0 && arrowAt < actorTok.text.length - 2) {
    actor = actorTok.text.slice(0, arrowAt);
    target = actorTok.text.slice(arrowAt + 2);
    if (!IDENT.test(actor) || !IDENT.test(target)) return fail(`expected ACTOR -> ACTOR, found '${clip(actorTok.text)}'`, actorTok);
    i++;
  } else {
    if (!IDENT.test(actorTok.text)) return fail(`expected an actor name, found '${clip(actorTok.text)}'`, actorTok);
    actor = actorTok.text;
    i++;
    if (tokens[i]?.text === '->') {
      const targetTok = tokens[i + 1];
      if (!targetTok || !IDENT.test(targetTok.text)) return fail('expected an actor after ->', targetTok ?? tokens[i]);
      target = targetTok.text;
      i += 2;
    }
  }

  const verbTok = tokens[i];
  if (!verbTok) return fail(`expected a verb (${ALL_VERBS}) after the actor`, undefined);
  const verb = verbTok.text.toUpperCase();
  i++;
  const isRequest = verb in REQUEST_VERBS;
  const isCompletion = verb === 'COMPLETE';
  if (!isRequest && !isCompletion && !LIFECYCLE.has(verb)) {
    return fail(`unknown verb '${clip(verbTok.text)}': expected one of ${ALL_VERBS}`, verbTok);
  }

  let oid: string | undefined;
  let oidCode: number | undefined;
  let anchor: Token = verbTok;
  const unknownOids: UnknownOidToken[] = [];
  if (isRequest || isCompletion) {
    const subj = tokens[i];
    if (!subj || subj.text.includes('=')) {
      return fail(`expected an OID name or code after ${verb}, e.g. OID_NIC_SWITCH_DELETE_VPORT or 0x00010244`, subj);
    }
    const subjSpan = span(line, subj.start, subj.end);
    if (/^OID_[A-Z0-9_]+$/.test(subj.text)) {
      const resolved = resolveOidName(subj.text, subjSpan, true);
      oid = resolved.name;
      oidCode = resolved.code;
      if (resolved.unknown) unknownOids.push(resolved.unknown);
    } else if (HEX.test(subj.text) || /^[0-9a-f]{8}$/i.test(subj.text)) {
      const code = parseInt(subj.text.replace(/^0x/i, ''), 16);
      const resolved = resolveOidCode(code);
      if (resolved) {
        oid = resolved.name;
        oidCode = code;
      } else {
        oid = '0x' + code.toString(16).toUpperCase().padStart(8, '0');
        oidCode = code;
        unknownOids.push({ name: subj.text, span: subjSpan, alias: false });
      }
    } else {
      return fail(`expected an OID name or code after ${verb}, found '${clip(subj.text)}'`, subj);
    }
    anchor = subj;
    i++;
  }

  let status: StatusValue | undefined;
  if (isCompletion) {
    const st = tokens[i];
    if (st && /^NDIS_STATUS_[A-Z0-9_]+$/i.test(st.text)) {
      status = statusFromName(st.text);
      i++;
    } else if (st && HEX.test(st.text)) {
      status = statusFromCode(parseInt(st.text.slice(2), 16));
      i++;
    }
  }

  const ids: EventIds = {};
  let attrs: Record<string, string> = NO_ATTRS;
  let adapter = state.adapter;
  // The key=value pairs: the rest of the line, a token at a time.
  const firstPair = i < tokens.length ? tokens[i] : nextToken(text, tokens[tokens.length - 1]!.end);
  for (let tok = firstPair; tok; tok = ++i < tokens.length ? tokens[i] : nextToken(text, tok.end)) {
    const eq = tok.text.indexOf('=');
    if (eq <= 0) {
      if (/^NDIS_STATUS_/i.test(tok.text)) return fail(`a status only follows the OID of a COMPLETE line`, tok);
      return fail(`expected key=value, found '${clip(tok.text)}'`, tok);
    }
    const key = tok.text.slice(0, eq);
    const value = tok.text.slice(eq + 1);
    if (value.length === 0) return fail(`'${clip(key)}=' has no value`, tok);
    const id = idKey(key);
    if (id && key.toLowerCase() === id) {
      const parsed = parseIdValue(value);
      if (parsed === undefined) {
        const long = value.length > MAX_ID_LENGTH && /^-?(?:\d+|0x[0-9a-f]+)$/i.test(value);
        return fail(
          long ? `${key} takes a number of at most ${MAX_ID_LENGTH} characters, found one of ${value.length}` : `${key} takes a number, found '${clip(value)}'`,
          tok,
        );
      }
      ids[id] = parsed;
    } else if (key.toLowerCase() === 'adapter') {
      adapter = value;
    } else {
      if (attrs === NO_ATTRS) attrs = {};
      attrs[key] = value;
    }
  }

  const parsed: ParsedLine = {
    line,
    event: {
      line,
      time,
      timeText,
      dialect: 'oidtrace',
      kind: isRequest ? 'request' : isCompletion ? 'completion' : 'lifecycle',
      verb,
      method: isRequest ? REQUEST_VERBS[verb] : undefined,
      actor: normalizeActor(actor),
      target: target === undefined ? undefined : normalizeActor(target),
      adapter,
      oid,
      oidCode,
      span: span(line, anchor.start, anchor.end),
      status: isCompletion ? status : undefined,
      ids,
      attrs,
      index: 0,
      step: undefined,
      pair: undefined,
      episode: undefined, // the model's (see RawEvent)
    },
  };
  if (unknownOids.length) parsed.unknownOids = unknownOids;
  return parsed;
}
