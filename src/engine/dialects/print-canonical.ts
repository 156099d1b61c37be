/**
 * The canonical printer: an event as one line of the `.oidtrace` syntax
 *
 *     [TIME] ACTOR [-> ACTOR] VERB [SUBJECT] [STATUS] [key=value ...]
 *
 * such that parsing the line gives the event back: kind, verb, actors, OID,
 * status, ids, time, adapter and attributes. Events read from driver logs print
 * too (a log line that only names an OID is written with the verb its OID's
 * type implies), which turns a driver log into a canonical trace.
 */
import { formatCode } from '../catalog/oids';
import type { TraceEvent } from '../types';
import { methodOfOid } from './oid-token';

/** What the printer reads of an event (a TraceEvent, or one written by hand). */
export type PrintableEvent = Pick<TraceEvent, 'kind' | 'verb' | 'actor' | 'ids'> &
  Partial<Pick<TraceEvent, 'method' | 'target' | 'adapter' | 'oid' | 'oidCode' | 'status' | 'attrs' | 'time' | 'timeText'>>;

export interface PrintOptions {
  /** The adapter the `@adapter` line in force names: its events need no `adapter=` key. Default `default`. */
  adapter?: string;
}

const ID_KEYS = ['vf', 'vport', 'switch', 'filter', 'from', 'to'] as const;
const OID_NAME = /^OID_[A-Z0-9_]+$/;
const HEX = /^0x[0-9a-f]{1,8}$/i;
const STATUS_NAME = /^NDIS_STATUS_[A-Z0-9_]+$/i;
/** The ISO form's year has four digits. */
const MAX_EPOCH_MS = Date.UTC(10000, 0, 1);

/** Whitespace would split a token: written as `_`. */
const token = (text: string) => text.replace(/\s+/g, '_');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A time in milliseconds as the canonical syntax writes it: `HH:MM:SS.ffffff`
 * for a time of day, ISO 8601 (UTC) for a date; microsecond precision.
 */
export function formatTime(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const us = Math.round(ms * 1000);
  const fraction = pad(us % 1_000_000, 6);
  const seconds = Math.floor(us / 1_000_000);
  if (seconds < 86400) return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}.${fraction}`;
  // Past a day: a date (the parser reads a time of day past 23:59:60 as none).
  if (ms >= MAX_EPOCH_MS) return undefined;
  return isoOf(seconds, fraction);
}

function isoOf(seconds: number, fraction: string): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19) + '.' + fraction + 'Z';
}

/** The canonical line of one event (without a line break). */
export function printCanonical(event: PrintableEvent, options: PrintOptions = {}): string {
  const parts: string[] = [];
  const time = event.timeText !== undefined && !/\s/.test(event.timeText) ? event.timeText : event.time !== undefined ? formatTime(event.time) : undefined;
  if (time !== undefined) parts.push(time);
  parts.push(token(event.actor));
  if (event.target !== undefined) parts.push('->', token(event.target));

  if (event.kind === 'lifecycle') {
    parts.push(event.verb);
  } else {
    if (event.kind === 'completion') parts.push('COMPLETE');
    else {
      const method = event.method === undefined || event.method === 'handled' ? (event.oid ? methodOfOid(event.oid) : 'handled') : event.method;
      parts.push(method === 'handled' ? 'SET' : method.toUpperCase());
    }
    parts.push(subject(event));
    const status = event.kind === 'completion' ? event.status : undefined;
    if (status) {
      if (STATUS_NAME.test(status.name) || HEX.test(status.name)) parts.push(status.name);
      else if (status.code !== undefined) parts.push(formatCode(status.code >>> 0));
    }
  }

  for (const key of ID_KEYS) {
    const value = event.ids[key];
    if (value !== undefined) parts.push(`${key}=${token(value)}`);
  }
  const adapter = event.adapter ?? 'default';
  if (adapter !== (options.adapter ?? 'default')) parts.push(`adapter=${token(adapter)}`);
  for (const [key, value] of Object.entries(event.attrs ?? {})) {
    if (key === '' || value === '') continue;
    parts.push(`${token(key).replace(/=/g, '_')}=${token(value)}`);
  }
  return parts.join(' ');
}

/** The OID as the canonical syntax takes it: a name, else its code. */
function subject(event: PrintableEvent): string {
  const oid = event.oid;
  if (oid !== undefined && (OID_NAME.test(oid) || HEX.test(oid))) return oid;
  if (event.oidCode !== undefined) return formatCode(event.oidCode >>> 0);
  return oid === undefined ? 'OID_UNKNOWN' : token(oid);
}

const ADAPTER_NAME = /^[A-Za-z_][\w.$-]{0,127}$/;

/**
 * A whole trace in the canonical syntax, event by event (`oidtrace convert`,
 * "Convert to .oidtrace"): a header naming where it came from, an `@adapter`
 * line whenever the adapter changes, then one line per event. Memory stays at
 * one line: the caller writes each where it wants.
 */
export class CanonicalWriter {
  private adapter = 'default';
  private lines = 0;

  constructor(private readonly write: (line: string) => void) {}

  /** `# converted from FILE by oidtrace` and what the lines are. */
  header(source: string): void {
    this.write(`# ${source.replace(/[\r\n]+/g, ' ')}: its OID events in the canonical .oidtrace form (oidtrace convert)`);
  }

  event(event: PrintableEvent): void {
    const adapter = event.adapter ?? 'default';
    if (adapter !== this.adapter && ADAPTER_NAME.test(adapter)) {
      this.write(`@adapter ${adapter}`);
      this.adapter = adapter;
    }
    this.write(printCanonical(event, { adapter: this.adapter }));
    this.lines++;
  }

  /** Events written so far. */
  get count(): number {
    return this.lines;
  }
}
