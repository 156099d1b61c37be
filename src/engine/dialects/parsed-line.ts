/** What a dialect makes of one line, before the sequence model sees it. */
import type { AdapterInfo, Span, TraceEvent } from '../types';

/**
 * An event as read off its line; the model adds index, step, pairing and episode.
 * A dialect writes them in its object literal, empty (`...MODEL_FIELDS` would not
 * do): fields the model adds to an object later go to a second, out-of-object
 * store, which costs each event held open about 60 bytes more.
 */
export type RawEvent = Omit<TraceEvent, 'index' | 'step' | 'pair' | 'episode'> & Partial<Pick<TraceEvent, 'index' | 'step' | 'pair' | 'episode'>>;

export interface UnknownOidToken {
  name: string;
  span: Span;
  suggestion?: string;
  /** The name is a documented alias (the teardown picture's FREE_VPORT). */
  alias: boolean;
}

export interface Suppression {
  kind: 'next-line' | 'file';
  /** Rule ids, or 'all' when none is named. */
  rules: string[] | 'all';
}

export interface ParsedLine {
  line: number;
  event?: RawEvent;
  syntaxError?: { message: string; span: Span };
  unknownOids?: UnknownOidToken[];
  adapter?: AdapterInfo;
  suppression?: Suppression;
}

/** The attributes of an event that has none: one shared, frozen object (events are many). */
export const NO_ATTRS: Record<string, string> = Object.freeze({});

export function span(line: number, start: number, end: number): Span {
  return { line, column: start + 1, endLine: line, endColumn: end + 1 };
}

// The body is taken whole and trimmed after: `(.*?)\s*$` backtracks quadratically on a long run of spaces.
const SUPPRESSION = /^#\s*oidtrace-disable(-next-line)?(?:\s+([^]*))?$/;

/** `# oidtrace-disable-next-line RULE[, RULE]` and `# oidtrace-disable RULE[, RULE]`. */
export function parseSuppression(trimmed: string): Suppression | undefined {
  const m = SUPPRESSION.exec(trimmed);
  if (!m) return undefined;
  const body = (m[2] ?? '').trimEnd();
  // Anything after ` -- ` is a reason, as in ESLint.
  const reasonAt = body.indexOf(' -- ');
  const rules = (reasonAt >= 0 ? body.slice(0, reasonAt) : body).split(/[\s,]+/).filter(Boolean);
  return { kind: m[1] ? 'next-line' : 'file', rules: rules.length ? rules : 'all' };
}
