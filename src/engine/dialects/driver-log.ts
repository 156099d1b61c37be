/**
 * Real driver logs: WPP text decoded by TraceFmt / `netsh trace convert`, and
 * DbgPrint output. An optional `[CPU]PID.TID::TIMESTAMP [COMPONENT]` prefix, then
 * a free-form message that may name an OID (by name, `0x00010255` or bare
 * `00010255`), a verb, a status and ids. Lines that hold no OID are context.
 */
import { oidByName } from '../catalog/oids';
import { SWITCH_PORT_REMOVE_VF } from '../catalog/statuses';
import type { EventIds, RequestMethod, StatusValue } from '../types';
import { idKey, parseIdValue } from './ids';
import { OID_EVENT_NEEDLES } from './line-needles';
import { methodOfOid, resolveOidCode, resolveOidName, type ResolvedOid } from './oid-token';
import { NO_ATTRS, type ParsedLine, parseSuppression, span, type UnknownOidToken } from './parsed-line';
import { statusFromCode, statusFromName } from './status';
import { ownCopy } from '../text/own-copy';
import { parseTime } from './time';

const WPP_PREFIX = /^\[(\d+)\]([0-9A-Fa-f]{1,8})\.([0-9A-Fa-f]{1,8})::(\S+)\s*(?:\[([^\]\r\n]{0,128})\])?/;
const LEADING_TIME =
  /^\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?|\d{2}\/\d{2}\/\d{4}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(?=\s)/;
const OID_NAME = /\bOID_[A-Z0-9_]+/g;
const OID_CODE = /\b(?:0x)?(000102[0-9A-Fa-f]{2})\b/g;
const STATUS_NAME = /\bNDIS_STATUS_[A-Z0-9_]+/i;
// `\s*(?:[:=]\s*)?`, not `\s*[:=]?\s*`: two adjacent `\s*` backtrack quadratically on a long run of spaces.
const STATUS_CODE = /\bStatus\b\s*(?:[:=]\s*)?(?:0x)?([0-9A-Fa-f]{8})\b/i;
const COMPLETION = /complet(?:e|ed|es|ing|ion)\b|<--/i;
const REQUEST = /(?:Set|Query)Information|\b(?:Set|Query|Method)\b|-->/i;
const IDS =
  /\b(VFId|VF_?ID|VF|VPortId|VPort|SwitchId|Switch|FilterId|Filter|SourceVPortId|SrcVPortId|DestVPortId|DstVPortId|DestinationVPortId|from|to)\b\s*(?:[:=]\s*)?(-?(?:0x[0-9A-Fa-f]+|\d+))\b/gi;
const ADAPTER_KEY = /\badapter\s*[:=]\s*([\w.$-]{1,128})/i;
const WRAPPER = 'OID_SWITCH_NIC_REQUEST';
const REMOVE_VF_STATUS = /\bNDIS_STATUS_SWITCH_PORT_REMOVE_VF\b|\b(?:0x)?C0241001\b/i;

/** Whether a line starts with WPP's `[CPU]PID.TID::TIMESTAMP` prefix (TraceFmt's output), not DbgPrint's bare message. */
export function hasWppPrefix(text: string): boolean {
  return WPP_PREFIX.test(text);
}

/** The cheap test every line passes before any regular expression: can it hold an OID event? */
export function mayHoldOidEvent(text: string): boolean {
  for (const needle of OID_EVENT_NEEDLES) if (text.indexOf(needle) >= 0) return true;
  return false;
}

/** The cheap test for an extension's NDIS_STATUS_SWITCH_PORT_REMOVE_VF (0xC0241001) indication. */
export function mayIndicateRemoveVf(text: string): boolean {
  return text.indexOf('SWITCH_PORT_REMOVE_VF') >= 0 || text.indexOf('C0241001') >= 0 || text.indexOf('c0241001') >= 0;
}

interface LinePrefix {
  messageStart: number;
  time?: number;
  timeText?: string;
  component?: string;
}

/** The optional WPP prefix (or a leading timestamp) of a driver log line. */
function linePrefix(text: string): LinePrefix {
  const prefix = WPP_PREFIX.exec(text);
  if (prefix) {
    // The stamp's own copy: the event keeps it, and a slice would keep the whole line with it.
    return { messageStart: prefix[0].length, timeText: ownCopy(prefix[4]!), time: parseTime(prefix[4]!), component: prefix[5]?.trim() || undefined };
  }
  const lead = LEADING_TIME.exec(text);
  if (lead) return { messageStart: lead[0].length, timeText: lead[1], time: parseTime(lead[1]!) };
  return { messageStart: 0 };
}

function lineIds(message: string, skipFrom = -1, skipTo = -1): EventIds {
  const ids: EventIds = {};
  IDS.lastIndex = 0;
  for (let m = IDS.exec(message); m; m = IDS.exec(message)) {
    if (m.index >= skipFrom && m.index < skipTo) continue;
    const key = idKey(m[1]!);
    const value = parseIdValue(m[2]!);
    if (key && value !== undefined && ids[key] === undefined) ids[key] = value;
  }
  return ids;
}

/**
 * A forwarding extension's NDIS_STATUS_SWITCH_PORT_REMOVE_VF indication (wrapped
 * in NDIS_STATUS_SWITCH_NIC_STATUS on its way up): a VF failover begins. It is
 * the NOTIFY that opens the VF's teardown episode, from the extensible switch to
 * the virtualization stack; the line must name the VF (VFId=2) to open its episode.
 */
function parseRemoveVfIndication(text: string, line: number, state: DriverLogState): ParsedLine | undefined {
  const pre = linePrefix(text);
  const message = text.slice(pre.messageStart);
  const m = REMOVE_VF_STATUS.exec(message);
  if (!m) return undefined;
  const start = pre.messageStart + m.index;
  return {
    line,
    event: {
      line,
      time: pre.time,
      timeText: pre.timeText,
      dialect: 'wpp',
      kind: 'lifecycle',
      verb: 'NOTIFY',
      actor: 'NETVSP',
      target: 'VSTACK',
      adapter: ADAPTER_KEY.exec(message)?.[1] ?? pre.component ?? state.adapter,
      span: span(line, start, start + m[0].length),
      ids: lineIds(message),
      attrs: { indication: SWITCH_PORT_REMOVE_VF },
      index: 0,
      step: undefined,
      pair: undefined,
      episode: undefined, // the model's (see RawEvent)
    },
  };
}

export interface DriverLogState {
  adapter: string;
}

export function parseDriverLine(text: string, line: number, state: DriverLogState): ParsedLine | undefined {
  const c = text.charCodeAt(0);
  // `#` lines: suppression comments work in every dialect, also when their
  // reason names an OID (`-- OID_SRIOV_RESET_VF is retried`).
  if (c === 35 /* # */ || (c <= 32 && text.trimStart().startsWith('#'))) {
    const suppression = parseSuppression(text.trim());
    if (suppression) return { line, suppression };
  }
  if (!mayHoldOidEvent(text)) return mayIndicateRemoveVf(text) ? parseRemoveVfIndication(text, line, state) : undefined;

  const { messageStart, time, timeText, component } = linePrefix(text);
  const message = text.slice(messageStart);

  // The status first: a hex value after "Status" is a status, never an OID.
  let status: StatusValue | undefined;
  let statusStart = -1;
  let statusEnd = -1;
  const sName = STATUS_NAME.exec(message);
  if (sName) {
    status = statusFromName(sName[0]);
    statusStart = sName.index;
    statusEnd = sName.index + sName[0].length;
  } else {
    const sCode = STATUS_CODE.exec(message);
    if (sCode) {
      status = statusFromCode(parseInt(sCode[1]!, 16));
      statusStart = sCode.index;
      statusEnd = sCode.index + sCode[0].length;
    }
  }

  // The OID: by name, else by a catalogued code. A wrapper (OID_SWITCH_NIC_REQUEST)
  // gives way to the SR-IOV OID it carries.
  const unknownOids: UnknownOidToken[] = [];
  let chosen: { resolved: ResolvedOid; start: number; end: number } | undefined;
  let wrapped = false;
  OID_NAME.lastIndex = 0;
  for (let m = OID_NAME.exec(message); m; m = OID_NAME.exec(message)) {
    const start = messageStart + m.index;
    // A catalogued name (nearly every one) needs no span, only an unknown one is reported; and the
    // catalog's own string is used, whose hash is computed once for all the maps keyed by OID.
    const known = oidByName(m[0]);
    const resolved: ResolvedOid = known ? { name: known.name, code: known.code } : resolveOidName(m[0], span(line, start, start + m[0].length), false);
    if (resolved.unknown) unknownOids.push(resolved.unknown);
    if (!known && !oidByName(resolved.name)) continue;
    if (resolved.name === WRAPPER) {
      wrapped = true;
      if (!chosen) chosen = { resolved, start, end: start + m[0].length };
    } else if (!chosen || chosen.resolved.name === WRAPPER) {
      chosen = { resolved, start, end: start + m[0].length };
    }
  }
  if (!chosen || chosen.resolved.name === WRAPPER) {
    OID_CODE.lastIndex = 0;
    for (let m = OID_CODE.exec(message); m; m = OID_CODE.exec(message)) {
      if (m.index >= statusStart && m.index < statusEnd) continue;
      const resolved = resolveOidCode(parseInt(m[1]!, 16));
      if (!resolved) continue;
      const start = messageStart + m.index;
      if (resolved.name === WRAPPER) {
        wrapped = true;
        if (!chosen) chosen = { resolved, start, end: start + m[0].length };
        continue;
      }
      chosen = { resolved, start, end: start + m[0].length };
      break;
    }
  }
  if (!chosen) {
    return unknownOids.length ? { line, unknownOids } : undefined;
  }

  const isCompletion = COMPLETION.test(message);
  let method: RequestMethod | undefined;
  if (!isCompletion) {
    const r = REQUEST.exec(message);
    if (r) {
      // What REQUEST matched says it by its first letter: Set..., Query..., Method, or `-->`.
      const first = r[0].charCodeAt(0) | 32;
      method = first === 115 /* s */ ? 'set' : first === 113 /* q */ ? 'query' : first === 109 /* m */ ? 'method' : methodOfOid(chosen.resolved.name);
    } else {
      method = 'handled';
    }
  }

  const ids = lineIds(message, statusStart, statusEnd);
  const adapterKey = ADAPTER_KEY.exec(message);
  const adapter = adapterKey?.[1] ?? component ?? state.adapter;
  const oid = chosen.resolved.name;
  const info = oidByName(oid);
  const attrs = wrapped && oid !== WRAPPER ? { wrappedIn: WRAPPER } : NO_ATTRS;
  const issuer = info?.issuer ?? 'VSTACK';
  const handler = info?.handler ?? 'PF';

  const parsed: ParsedLine = {
    line,
    event: {
      line,
      time,
      timeText,
      dialect: 'wpp',
      kind: isCompletion ? 'completion' : 'request',
      verb: isCompletion ? 'COMPLETE' : method === 'handled' ? 'HANDLE' : method!.toUpperCase(),
      method,
      actor: isCompletion ? handler : issuer,
      target: isCompletion ? issuer : handler,
      adapter,
      oid,
      oidCode: chosen.resolved.code,
      span: span(line, chosen.start, chosen.end),
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
