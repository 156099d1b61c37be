/**
 * What a user's dialect makes of one line, part by part: which text each named
 * group took and what it was read as ("OID_SRIOV_RESET_VF (0x00010255)",
 * "VF 2", "completion"). For a person checking a pattern before saving it: the
 * parts come from the same match and the same decoding as the analysis.
 */
import { formatCode } from '../catalog/oids';
import type { CustomDialect, EventIds } from '../types';
import { CUSTOM_GROUPS, MAX_CUSTOM_LINE, parseCustomLine } from './custom';
import type { RawEvent } from './parsed-line';
import { parseTime } from './time';

export type CustomGroup = (typeof CUSTOM_GROUPS)[number];

export interface LinePart {
  group: CustomGroup;
  /** The text the group took. */
  text: string;
  /** 0-based columns of it in the line, end exclusive. */
  start: number;
  end: number;
  /** What it was read as. */
  meaning: string;
}

export interface ExplainedLine {
  /** In line order. */
  parts: LinePart[];
  /** The line is an event ("request of OID_SRIOV_RESET_VF"); undefined when the pattern matched but no event came of it. */
  event?: string;
  /** Why no event came of a matching line. */
  problem?: string;
}

const ID_WORDS: Partial<Record<CustomGroup, string>> = { vf: 'VF', vport: 'VPort', filter: 'filter', switch: 'switch', from: 'from VPort', to: 'to VPort' };

/** The parts of `text` under the first of the dialect's patterns that matches it; undefined when none does. */
export function explainLine(dialect: CustomDialect, text: string): ExplainedLine | undefined {
  if (text.length > MAX_CUSTOM_LINE) return undefined;
  const re = dialect.patterns.find((p) => {
    p.lastIndex = 0;
    return p.exec(text)?.groups?.oid !== undefined;
  });
  if (!re) return undefined;
  re.lastIndex = 0;
  const m = re.exec(text)!;
  const parsed = parseCustomLine(text, 1, { ...dialect, patterns: [re] }, { adapter: 'default' });
  const ev = parsed?.event;
  const parts: LinePart[] = [];
  for (const group of CUSTOM_GROUPS) {
    const at = m.indices?.groups?.[group];
    const value = m.groups?.[group];
    if (!at || value === undefined || value.trim() === '') continue;
    parts.push({ group, text: value, start: at[0], end: at[1], meaning: meaningOf(group, value, ev) });
  }
  parts.sort((a, b) => a.start - b.start || a.end - b.end);
  if (!ev) {
    const unknown = parsed?.unknownOids?.[0];
    const problem = unknown
      ? `${unknown.name} is no OID we know${unknown.suggestion ? ` (did you mean ${unknown.suggestion}?)` : ''}`
      : `"${m.groups!.oid}" is no SR-IOV or NIC switch OID`;
    return { parts, problem };
  }
  return { parts, event: `${ev.kind} of ${ev.oid}` };
}

function meaningOf(group: CustomGroup, value: string, ev: RawEvent | undefined): string {
  const id = ID_WORDS[group];
  if (id) {
    const read = ev?.ids[group as keyof EventIds];
    return read === undefined ? `not a number: no ${id} id` : `${id} ${read}`;
  }
  switch (group) {
    case 'time':
      return parseTime(value.trim()) === undefined ? 'a time OID Trace does not read: events get none' : 'time';
    case 'oid':
      return ev ? `${ev.oid}${ev.oidCode === undefined ? '' : ` (${formatCode(ev.oidCode)})`}` : 'no OID we know';
    case 'kind':
      return ev ? ev.kind : 'request or completion';
    case 'status':
      return ev?.status ? `${ev.status.name}${ev.status.ok ? '' : ', a failure'}` : 'status (only read on a completion)';
    default:
      return `${group} ${value.trim()}`;
  }
}
