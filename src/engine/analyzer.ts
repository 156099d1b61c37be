/**
 * The runner: lines -> dialect -> events in time order -> sequence model and
 * rules -> diagnostics, with suppression comments and severity overrides. It
 * works a line at a time, so the same code serves a string (`analyze`) and a
 * file too large to hold (`analyzeStream`).
 */
import { parseCanonicalLine, type CanonicalState } from './dialects/canonical';
import { type CustomDialect, parseCustomLine } from './dialects/custom';
import { parseDriverLine } from './dialects/driver-log';
import type { ParsedLine, RawEvent, Suppression } from './dialects/parsed-line';
import { ReorderBuffer } from './model/reorder';
import { TraceModel, type EpisodeRecord } from './model/trace-model';
import { RULES } from './rules';
import { ruleDocs, type Report, type RuleHandlers } from './rules/rule';
import type { AdapterInfo, AnalysisResult, AnalyzeOptions, Diagnostic, Dialect, Episode, Severity, SeveritySetting, TraceEvent } from './types';

export const DEFAULT_STEP_SLOW_MS = 5000;
const WPP_LINE = /^\[\d+\][0-9A-Fa-f]{1,8}\.[0-9A-Fa-f]{1,8}::/;

export function dialectForFile(fileName: string | undefined): Dialect | undefined {
  if (!fileName) return undefined;
  return /\.oidtrace$/i.test(fileName) ? 'oidtrace' : 'wpp';
}

/** For text with no file name: canonical when most of its first event lines parse as such. */
export function sniffDialect(sample: string): Dialect {
  let canonical = 0;
  let other = 0;
  const state: CanonicalState = { adapter: 'default' };
  const lines = sample.split(/\r\n|\r|\n/, 200);
  for (let i = 0; i < lines.length && canonical + other < 40; i++) {
    const text = lines[i]!;
    const t = text.trim();
    if (t === '' || t[0] === '#') continue;
    const parsed = parseCanonicalLine(text, i + 1, state);
    if (parsed?.event || parsed?.adapter) canonical++;
    else other++;
  }
  return canonical > other ? 'oidtrace' : 'wpp';
}

interface ActiveRule {
  id: string;
  severity: Severity;
  docs: string;
  handlers: RuleHandlers;
  failed?: boolean;
}

export class Analyzer {
  readonly dialect: Dialect;
  private readonly custom: CustomDialect | undefined;
  private readonly onEvent: ((event: TraceEvent) => void) | undefined;
  private readonly model: TraceModel;
  private readonly reorder: ReorderBuffer;
  private readonly rules: ActiveRule[];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly internalErrors: string[] = [];
  private readonly suppressNext = new Map<number, string[] | 'all'>();
  private readonly suppressFrom: Array<{ line: number; rules: string[] | 'all' }> = [];
  private readonly adapters: AdapterInfo[] = [];
  private readonly canonicalState: CanonicalState = { adapter: 'default' };
  private lineCount = 0;
  private finished: AnalysisResult | undefined;

  constructor(options: AnalyzeOptions & { dialect: Dialect }) {
    this.dialect = options.dialect;
    this.custom = options.customDialect;
    this.onEvent = options.onEvent;
    const keepEvents = options.keepEvents ?? true;
    this.model = new TraceModel({ keepEvents, keepEpisodes: options.keepEpisodes ?? true, onEpisodeClosed: (rec) => this.episodeEnd(rec) });
    this.reorder = new ReorderBuffer((raw) => this.process(raw));
    const stepSlowMs = options.stepSlowMs ?? DEFAULT_STEP_SLOW_MS;
    this.rules = [];
    for (const rule of RULES) {
      const setting: SeveritySetting = options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
      if (setting === 'off') continue;
      const active: ActiveRule = { id: rule.meta.id, severity: setting, docs: ruleDocs(rule.meta), handlers: {} };
      active.handlers = rule.create({
        report: (r) => this.report(active, r),
        model: this.model,
        stepSlowMs,
      });
      this.rules.push(active);
    }
  }

  /**
   * Whether a line can matter to this analyzer. In a driver log only lines that
   * may hold an OID event or a suppression comment do; a caller may skip the
   * others (without building them as strings) and pass the line count to `end`.
   */
  get skipsContext(): boolean {
    return this.dialect === 'wpp' && !this.custom;
  }

  /** Feeds one line (without its line break); `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void {
    this.lineCount = lineNumber;
    let parsed: ParsedLine | undefined;
    if (this.custom) parsed = parseCustomLine(text, lineNumber, this.custom, this.canonicalState);
    if (parsed?.event || parsed?.unknownOids) {
      // read by the user's patterns
    } else if (this.dialect === 'oidtrace' && !WPP_LINE.test(text)) {
      parsed = parseCanonicalLine(text, lineNumber, this.canonicalState);
    } else {
      parsed = parseDriverLine(text, lineNumber, this.canonicalState);
    }
    if (!parsed) return;
    if (parsed.adapter) this.adapters.push(parsed.adapter);
    if (parsed.suppression) this.suppress(lineNumber, parsed.suppression);
    if (parsed.syntaxError || parsed.unknownOids) {
      for (const rule of this.rules) {
        if (rule.handlers.line) this.run(rule, () => rule.handlers.line!(parsed!));
      }
    }
    if (parsed.event) this.reorder.push(parsed.event);
  }

  /**
   * Ends the trace. `totalLines` is for callers that fed only the lines that can
   * matter (see `mayMatter`) and skipped the rest.
   */
  end(totalLines?: number): AnalysisResult {
    if (this.finished) return this.finished;
    if (totalLines !== undefined && totalLines > this.lineCount) this.lineCount = totalLines;
    this.reorder.flush();
    this.model.finish();
    for (const rule of this.rules) if (rule.handlers.end) this.run(rule, () => rule.handlers.end!());

    this.finished = this.result(this.model.episodes.map((r) => r.episode), false);
    return this.finished;
  }

  /**
   * What the lines so far show, while more are still to come (a big file being
   * read): the preview draws the first episodes before the last line is read.
   * Order findings of episodes still open, and findings only the end of the
   * trace can give (requests never completed), are not in it yet.
   */
  snapshot(): AnalysisResult {
    if (this.finished) return this.finished;
    return this.result(this.model.episodesSoFar().map((e) => ({ ...e, problems: 0 })), true);
  }

  private result(episodes: Episode[], partial: boolean): AnalysisResult {
    const diagnostics = this.diagnostics.filter((d) => !this.isSuppressed(d));
    diagnostics.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column || a.rule.localeCompare(b.rule));
    for (const d of diagnostics) {
      const episode = d.episode === undefined ? undefined : episodes[d.episode];
      if (episode) episode.problems++;
    }
    const adapters = [...this.adapters];
    const seen = new Set(adapters.map((a) => a.name));
    for (const name of this.model.adapters.keys()) {
      if (!seen.has(name)) adapters.push({ name, line: 0 });
    }
    return {
      dialect: this.dialect,
      ...(partial ? { partial } : {}),
      lines: this.lineCount,
      events: this.model.events,
      eventCount: this.model.eventCount,
      episodes,
      episodeCount: this.model.episodeCount,
      diagnostics,
      adapters,
      internalErrors: [...this.internalErrors],
    };
  }

  private process(raw: RawEvent): void {
    const ev = this.model.prepare(raw);
    for (const rule of this.rules) if (rule.handlers.event) this.run(rule, () => rule.handlers.event!(ev));
    this.model.apply(ev);
    this.onEvent?.(ev);
  }

  private episodeEnd(record: EpisodeRecord): void {
    for (const rule of this.rules) if (rule.handlers.episodeEnd) this.run(rule, () => rule.handlers.episodeEnd!(record));
  }

  /** A rule that throws is switched off and said so once; the analysis goes on. */
  private run(rule: ActiveRule, fn: () => void): void {
    if (rule.failed) return;
    try {
      fn();
    } catch (error) {
      rule.failed = true;
      this.internalErrors.push(`rule ${rule.id} failed and was switched off: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private report(rule: ActiveRule, r: Report): void {
    const span = r.span ?? r.event?.span;
    if (!span) return;
    const d: Diagnostic = {
      rule: rule.id,
      severity: rule.severity,
      message: r.message,
      span,
      docs: r.docs ?? rule.docs,
      related: r.related ?? [],
    };
    if (r.event) {
      d.event = r.event.index;
      if (r.event.episode !== undefined) d.episode = r.event.episode;
    }
    if (r.note) d.note = r.note;
    if (r.tags) d.tags = r.tags;
    if (r.fix) d.fix = r.fix;
    this.diagnostics.push(d);
  }

  private suppress(line: number, s: Suppression): void {
    if (s.kind === 'next-line') this.suppressNext.set(line + 1, s.rules);
    else this.suppressFrom.push({ line, rules: s.rules });
  }

  private isSuppressed(d: Diagnostic): boolean {
    const matches = (rules: string[] | 'all') => rules === 'all' || rules.includes(d.rule);
    const next = this.suppressNext.get(d.span.line);
    if (next && matches(next)) return true;
    for (const s of this.suppressFrom) if (s.line < d.span.line && matches(s.rules)) return true;
    return false;
  }
}
