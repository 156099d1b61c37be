/**
 * A rule is data plus a function, in the spirit of ESLint's rule modules: `meta`
 * says what it is (a stable id, default severity, docs page, the derived rule of
 * the reference it checks), `create` returns the handlers the runner calls. The
 * runner owns ordering, suppression comments and severity; a rule only reports.
 */
import { docsUrl } from '../catalog/docs';
import type { ParsedLine } from '../dialects/parsed-line';
import type { EpisodeRecord, ModelView, Place } from '../model/trace-model';
import type { RelatedLocation, Severity, Span, TraceEvent } from '../types';

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** The documentation page (name under Microsoft's network driver docs). */
  page: string;
  /** The derived rules of the reference this checks (R1–R11), if any. */
  reference?: string;
}

export interface Report {
  /** The event the problem is about: its OID (or verb) token is underlined. */
  event?: TraceEvent;
  span?: Span;
  message: string;
  related?: RelatedLocation[];
  tags?: Array<'unnecessary' | 'deprecated'>;
  fix?: { span: Span; text: string; title: string };
  /** A short form for diagram notes. */
  note?: string;
  /** A page more specific than the rule's own (e.g. the failed OID's page). */
  docs?: string;
}

export interface RuleContext {
  report(report: Report): void;
  /** The model, read only. */
  model: ModelView;
  stepSlowMs: number;
  /**
   * The latest time the trace has shown so far (milliseconds, on its events'
   * clock), context lines of a kernel log included: at `end`, how long the
   * trace went on. In a correlation of several files, that of the file
   * `source` (an event's), by its events. Undefined when no line had a time.
   */
  lastTime(source?: number): number | undefined;
}

export interface RuleHandlers {
  /** Every parsed line, in line order (syntax and token checks). */
  line?(parsed: ParsedLine): void;
  /**
   * A request takes effect, against the state before it: at the request when it
   * carries the ids its OID acts on, else at its completion (with the ids the
   * completion named). Checks of what a request needs go here.
   */
  action?(request: TraceEvent): void;
  /** Every event in trace order, after the requests it brings into effect. */
  event?(event: TraceEvent): void;
  /** An episode is complete: its order findings are ready. */
  episodeEnd?(record: EpisodeRecord): void;
  /** The end of the trace. */
  end?(): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleHandlers;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function ruleDocs(meta: RuleMeta): string {
  return docsUrl(meta.page);
}

/** A related location pointing at an event's token (or a remembered place of one). */
export function relatedTo(at: TraceEvent | Place, message: string): RelatedLocation {
  if (!('span' in at)) return { line: at.line, column: at.column, endColumn: at.endColumn, message };
  const related: RelatedLocation = { line: at.line, column: at.span.column, endColumn: at.span.endColumn, message };
  if (at.source !== undefined) related.source = at.source;
  return related;
}

/** The reference page of an OID: OID_SRIOV_RESET_VF -> oid-sriov-reset-vf. */
export function oidDocs(oid: string | undefined): string | undefined {
  if (!oid) return undefined;
  let url = OID_DOCS.get(oid);
  if (url === undefined && !OID_DOCS.has(oid)) {
    url = /^OID_[A-Z0-9_]+$/.test(oid) ? docsUrl(oid.toLowerCase().replace(/_/g, '-')) : undefined;
    // One string per OID, not one per finding (a trace can have a million findings); a bounded cache.
    if (OID_DOCS.size < 4096) OID_DOCS.set(oid, url);
  }
  return url;
}

const OID_DOCS = new Map<string, string | undefined>();
