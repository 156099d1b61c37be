/**
 * The engine's own small types. Nothing here knows about VS Code: the extension
 * converts these to vscode.Range / vscode.Diagnostic in one adapter file.
 *
 * Lines and columns are 1-based, columns count UTF-16 code units (what VS Code
 * counts), and an end column is exclusive.
 */

import type { ReadingReport } from './reading';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation {
  line: number;
  column: number;
  endColumn: number;
  message: string;
  /** In a correlation of several files: which file the line is in (index). */
  source?: number;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  docs: string;
  related: RelatedLocation[];
  /** Index of the event the diagnostic is about, when there is one. */
  event?: number;
  /** Index of the episode the event belongs to. */
  episode?: number;
  /** In a correlation of several files: which file the line is in (index). */
  source?: number;
  /** Editor hints: the token is unnecessary or deprecated (e.g. a misspelt OID). */
  tags?: Array<'unnecessary' | 'deprecated'>;
  /** A short form of the message for diagram notes ("should follow T2 DELETE_VPORT (line 9)"). */
  note?: string;
  /** A replacement the editor may offer as a quick fix. */
  fix?: { span: Span; text: string; title: string };
}

export type EventKind = 'request' | 'completion' | 'lifecycle';
/** How a request was issued; `handled` = a driver line that names the OID with no verb. */
export type RequestMethod = 'set' | 'query' | 'method' | 'handled';

export type LifecycleVerb = 'NOTIFY' | 'REMOVE_VF' | 'SURPRISE_REMOVE' | 'UNBIND' | 'HALT' | 'DATAPATH' | 'ADD_VF' | 'INIT' | 'BIND';

/** The ids an event can carry; values are decimal strings (ids may exceed 2^53). */
export interface EventIds {
  vf?: string;
  vport?: string;
  switch?: string;
  filter?: string;
  /** Source VPort of a filter move. */
  from?: string;
  /** Destination VPort of a filter move. */
  to?: string;
}

export interface StatusValue {
  name: string;
  code?: number;
  ok: boolean;
  /** NDIS_STATUS_PENDING: the request goes on, a later completion finishes it. */
  pending: boolean;
}

/**
 * `.oidtrace`, a Windows driver log (WPP / TraceFmt / DbgPrint), a Linux guest's kernel
 * log, or `custom`: an event read by a user's own patterns (`oidtrace.dialects`).
 */
export type Dialect = 'oidtrace' | 'wpp' | 'linux' | 'custom';

export interface TraceEvent {
  index: number;
  line: number;
  /** Milliseconds (time of day, or since the epoch for dated stamps); fractional. */
  time?: number;
  timeText?: string;
  dialect: Dialect;
  kind: EventKind;
  verb: string;
  method?: RequestMethod;
  actor: string;
  target?: string;
  adapter: string;
  oid?: string;
  oidCode?: number;
  /** Where the OID (name or code) is written on the line. */
  oidSpan?: Span;
  /** The whole event's text on its line (for ranges when no OID token exists). */
  span: Span;
  status?: StatusValue;
  ids: EventIds;
  attrs: Record<string, string>;
  /** The documented step this event fulfils, e.g. 'T3' or 'I2'. */
  step?: string;
  /** A request's completion, or a completion's request (event index). */
  pair?: number;
  episode?: number;
  /** In a correlation of several files (`correlate`): which file the event was read from (index). */
  source?: number;
}

export type StepState = 'in-order' | 'out-of-order' | 'missing' | 'failed' | 'pending' | 'not-seen';

export interface EpisodeStep {
  id: string;
  title: string;
  oid?: string;
  /** The lifecycle verb that fulfils the step, for guest-side steps. */
  verb?: string;
  optional: boolean;
  state: StepState;
  /** Event index of the request (or lifecycle event) that fulfilled the step. */
  event?: number;
  /** Event index of its completion. */
  completion?: number;
  /** Request to completion, in ms, when both carry timestamps. */
  latencyMs?: number;
  /** The status a failed step's completion gave. */
  status?: string;
  /** Findings on the step's request or completion (a step "done" can still break a rule). */
  findings?: StepFinding[];
}

/** A diagnostic as a checklist row shows it. */
export interface StepFinding {
  rule: string;
  severity: Severity;
  /** 1-based line of the finding (in a correlation, of file `source`). */
  line: number;
  source?: number;
  /** The short form of the message. */
  message: string;
}

export type EpisodeKind = 'vf-teardown' | 'vf-setup' | 'vf' | 'switch';

export interface Episode {
  index: number;
  kind: EpisodeKind;
  adapter: string;
  vf?: string;
  title: string;
  firstLine: number;
  lastLine: number;
  events: number[];
  /** The documented sequence this episode is checked against, with each step's state. */
  steps: EpisodeStep[];
  sequence?: string;
  problems: number;
}

export interface AdapterInfo {
  name: string;
  description?: string;
  line: number;
}

/** A user's own line patterns, compiled and checked (see dialects/custom.ts). */
export interface CustomDialect {
  name: string;
  /** Glob patterns of the files it applies to (empty: every trace). */
  files: string[];
  patterns: RegExp[];
}

export interface AnalyzeOptions {
  /** Used to choose the dialect (`.oidtrace` = canonical) and to name things. */
  fileName?: string;
  dialect?: Dialect | 'auto';
  /** Per-rule severity overrides. */
  rules?: Record<string, SeveritySetting>;
  /** Called with each event once the model has placed it, in trace order (streaming conversion). */
  onEvent?: (event: TraceEvent) => void;
  /** A user's own line patterns, tried before the built-in reading of each line. */
  customDialect?: CustomDialect;
  /** Keep every event in the result (the default); the streaming CLI turns it off. */
  keepEvents?: boolean;
  /**
   * Keep every episode in the result (the default). Off, a closed episode is
   * dropped once the rules have seen it: `lint` on a huge trace needs only the
   * diagnostics, and memory then holds only the open VF lifecycles.
   */
  keepEpisodes?: boolean;
  /** A step that took longer than this is reported by `step-slow` (0 disables). */
  stepSlowMs?: number;
  /**
   * How many OID requests may be outstanding at once (default 1,000,000); past
   * it the oldest are no longer followed, and `oid-pending` says so once.
   */
  maxOutstanding?: number;
}

export interface AnalysisResult {
  dialect: Dialect;
  /**
   * A snapshot taken while a big file is still being read (`Analyzer.snapshot`):
   * the lines so far; episodes still open have no checklist yet.
   */
  partial?: boolean;
  lines: number;
  events: TraceEvent[];
  eventCount: number;
  episodes: Episode[];
  /** How many episodes the trace has (also when they were not kept). */
  episodeCount: number;
  diagnostics: Diagnostic[];
  adapters: AdapterInfo[];
  /** Faults inside the engine (a rule that threw); never the trace's problems. */
  internalErrors: string[];
  /**
   * What the reading left out: the events read, and the lines that name an OID
   * or mention a VF but that no dialect read (src/engine/reading.ts). `notRead`:
   * far fewer events than those lines suggest; the trace must not look clean.
   */
  reading: ReadingReport;
}
