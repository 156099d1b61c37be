/**
 * The runner: lines -> dialect -> events in time order -> sequence model and
 * rules -> diagnostics, with suppression comments and severity overrides. It
 * works a line at a time, so the same code serves a string (`analyze`) and a
 * file too large to hold (`analyzeStream`).
 */
import { parseCanonicalLine, type CanonicalState } from './dialects/canonical';
import { parseCustomLine } from './dialects/custom';
import { mayHoldOidEvent, parseDriverLine } from './dialects/driver-log';
import { kernelLogPrefix } from './dialects/kernel-line';
import { newGuestState, parseGuestLine, type GuestState } from './dialects/linux-guest';
import type { ParsedLine, RawEvent, Suppression } from './dialects/parsed-line';
import { ReorderBuffer } from './model/reorder';
import { ReadingCounter } from './reading';
import { TraceModel, type EpisodeRecord } from './model/trace-model';
import { RULES } from './rules';
import { attachStepFindings } from './step-findings';
import { ruleDocs, type Report, type RuleHandlers } from './rules/rule';
import type { AdapterInfo, AnalysisResult, AnalyzeOptions, CustomDialect, Diagnostic, Dialect, Episode, Severity, SeveritySetting, TraceEvent } from './types';

export const DEFAULT_STEP_SLOW_MS = 5000;
const WPP_LINE = /^\[\d+\][0-9A-Fa-f]{1,8}\.[0-9A-Fa-f]{1,8}::/;
/** The names Linux gives its kernel logs: dmesg*.txt (and a bare dmesg), messages, syslog, and their rotations. */
const LINUX_LOG_NAME = /(?:^|[\\/])(?:dmesg[^\\/]*\.txt|dmesg|(?:messages|syslog)(?:[.-]\d+)?)$/i;

/**
 * The dialect a file's name says: `.oidtrace`; a Linux kernel log by its usual
 * names; any other name is a driver log, a guess that the content may overrule
 * (`dialectOf`: a Linux guest's log saved as `guest.log`).
 */
export function dialectForFile(fileName: string | undefined): Dialect | undefined {
  if (!fileName) return undefined;
  if (/\.oidtrace$/i.test(fileName)) return 'oidtrace';
  return LINUX_LOG_NAME.test(fileName) ? 'linux' : 'wpp';
}

/** For text with no file name: canonical, a Linux guest's kernel log, or else a driver log. */
export function sniffDialect(sample: string): Dialect {
  if (looksLikeGuestLog(sample)) return 'linux';
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

/**
 * Whether the start of a log is a Linux kernel log (dmesg in its forms, syslog,
 * the journal, logread, quoted, or inside another program's log): most of its
 * lines carry such a prefix, at least one is the kernel's, and none names an
 * OID (a driver log with ISO timestamps stays a driver log).
 */
export function looksLikeGuestLog(sample: string): boolean {
  let lines = 0;
  let prefixed = 0;
  let kernel = 0;
  for (const text of sample.split(/\r\n|\r|\n/, 1000)) {
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    lines++;
    if (mayHoldOidEvent(text) && parseDriverLine(text, 0, { adapter: 'default' })?.event) return false;
    const prefix = kernelLogPrefix(text);
    if (!prefix) continue;
    prefixed++;
    if (prefix.program === undefined || prefix.program === 'kernel') kernel++;
  }
  return kernel > 0 && prefixed * 2 > lines;
}

/** The dialect of a trace: the one asked for, else the file name's, checked against the text's start where the name only guesses. */
export function dialectOf(sample: string, options: Pick<AnalyzeOptions, 'dialect' | 'fileName'>): Dialect {
  if (options.dialect && options.dialect !== 'auto') return options.dialect;
  const byName = dialectForFile(options.fileName);
  if (byName === 'wpp') return looksLikeGuestLog(sample) ? 'linux' : 'wpp';
  return byName ?? sniffDialect(sample);
}

/** Whether `dialectOf` needs the text's start to decide (no dialect asked for, a name that only guesses). */
export function dialectNeedsSample(options: Pick<AnalyzeOptions, 'dialect' | 'fileName'>): boolean {
  if (options.dialect && options.dialect !== 'auto') return false;
  const byName = dialectForFile(options.fileName);
  return byName === undefined || byName === 'wpp';
}

interface ActiveRule {
  id: string;
  severity: Severity;
  docs: string;
  handlers: RuleHandlers;
  failed?: boolean;
}

/** How much of a trace's start is read to tell its dialect. */
export const SNIFF_CHARS = 64 * 1024;
/**
 * An analyzer for a trace whose first lines are `head` (the dialect is sniffed
 * from them when neither the options nor the file name say it): for callers
 * that feed lines themselves, one `line()` at a time, then `end()` — a
 * document read line by line in the editor, a file of a correlation.
 */
export function createAnalyzer(head: string, options: AnalyzeOptions & { eventSink?: (raw: RawEvent) => void } = {}): Analyzer {
  return new Analyzer({ ...options, dialect: dialectOf(head.slice(0, SNIFF_CHARS), options) });
}

export class Analyzer {
  readonly dialect: Dialect;
  private readonly custom: CustomDialect | undefined;
  /** Parsed events go here instead of the model (a correlation gathers each file's events first). */
  private readonly sink: ((raw: RawEvent) => void) | undefined;
  private readonly onEvent: ((event: TraceEvent) => void) | undefined;
  private readonly model: TraceModel;
  private readonly reorder: ReorderBuffer;
  private readonly rules: ActiveRule[];
  /** The rules that look at every event, and those that check requests as they take effect. */
  private readonly eventRules: ActiveRule[];
  private readonly actionRules: ActiveRule[];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly internalErrors: string[] = [];
  private readonly suppressNext = new Map<number, string[] | 'all'>();
  private readonly suppressFrom: Array<{ line: number; rules: string[] | 'all' }> = [];
  private readonly adapters: AdapterInfo[] = [];
  private readonly canonicalState: CanonicalState = { adapter: 'default' };
  private guestState: GuestState | undefined;
  private readonly reading: ReadingCounter;
  private lineCount = 0;
  /** The latest time of any event processed; in a correlation, per file (an event's `source`). */
  private lastEventTime: number | undefined;
  private readonly lastSourceTimes: Array<number | undefined> = [];
  private finished: AnalysisResult | undefined;

  constructor(options: AnalyzeOptions & { dialect: Dialect; eventSink?: (raw: RawEvent) => void }) {
    this.dialect = options.dialect;
    this.custom = options.customDialect;
    this.sink = options.eventSink;
    this.reading = new ReadingCounter(options.dialect);
    this.onEvent = options.onEvent;
    const keepEvents = options.keepEvents ?? true;
    this.model = new TraceModel({
      keepEvents,
      keepEpisodes: options.keepEpisodes ?? true,
      maxOutstanding: options.maxOutstanding,
      onEpisodeClosed: (rec) => this.episodeEnd(rec),
    });
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
        lastTime: (source) => this.lastTime(source),
      });
      this.rules.push(active);
    }
    this.eventRules = this.rules.filter((r) => r.handlers.event !== undefined);
    this.actionRules = this.rules.filter((r) => r.handlers.action !== undefined);
  }

  /**
   * Which lines a caller may skip without building them as strings (passing the
   * line count to `end`): in a driver log, a line that holds none of SCAN_NEEDLES
   * (dialects/line-needles.ts); in a canonical trace, a blank line and a `#`
   * comment that holds none of them. Undefined: every line can matter (a Linux
   * guest's log, a user's own patterns).
   */
  get skippable(): 'lines without needles' | 'comments without needles' | undefined {
    if (this.custom) return undefined;
    if (this.dialect === 'wpp') return 'lines without needles';
    return this.dialect === 'oidtrace' ? 'comments without needles' : undefined;
  }

  /**
   * Whether this analyzer keeps nothing of a line, so that a caller may hand it
   * over as a slice of a bigger text (no copy of its own): a comment of a
   * canonical trace that is not a suppression comment.
   */
  keepsNothingOf(text: string): boolean {
    return this.dialect === 'oidtrace' && !this.custom && text.charCodeAt(0) === 35 && !text.includes('oidtrace-disable');
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
      // A Linux guest's kernel line pasted into a canonical trace: the guest event, on the adapter in force.
      if (parsed?.syntaxError) {
        const guest = parseGuestLine(text, lineNumber, (this.guestState ??= newGuestState()), { adapter: this.canonicalState.adapter });
        if (guest) parsed = guest;
      }
    } else if (this.dialect === 'linux') {
      parsed = parseGuestLine(text, lineNumber, (this.guestState ??= newGuestState()));
    } else {
      parsed = parseDriverLine(text, lineNumber, this.canonicalState);
    }
    if (!parsed) {
      this.reading.nothing(text, lineNumber);
      return;
    }
    if (parsed.adapter) this.adapters.push(parsed.adapter);
    if (parsed.suppression) this.suppress(lineNumber, parsed.suppression);
    if (parsed.syntaxError || parsed.unknownOids) {
      for (const rule of this.rules) {
        if (rule.handlers.line) this.run(rule, () => rule.handlers.line!(parsed));
      }
    }
    if (parsed.event) {
      this.reading.event();
      if (this.sink) this.sink(parsed.event);
      else this.reorder.push(parsed.event);
    }
  }

  /** An event read elsewhere (a correlation merges the events of several files): straight to the model, in time order. */
  event(raw: RawEvent): void {
    this.reorder.push(raw);
  }

  /**
   * Ends the trace. `totalLines` is for callers that fed only the lines that can
   * matter (see `mayMatter`) and skipped the rest.
   */
  end(totalLines?: number): AnalysisResult {
    if (this.finished) return this.finished;
    if (totalLines !== undefined && totalLines > this.lineCount) this.lineCount = totalLines;
    this.reorder.flush();
    this.act(this.model.settleAll());
    this.model.finish();
    for (const rule of this.rules) if (rule.handlers.end) this.run(rule, () => rule.handlers.end!());

    this.finished = this.result(
      this.model.episodes.map((r) => r.episode),
      false,
    );
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
    return this.result(
      this.model.episodesSoFar().map((e) => ({ ...e, problems: 0 })),
      true,
    );
  }

  private result(episodes: Episode[], partial: boolean): AnalysisResult {
    const diagnostics = this.diagnostics.filter((d) => !this.isSuppressed(d));
    diagnostics.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column || a.rule.localeCompare(b.rule));
    for (const d of diagnostics) {
      const episode = d.episode === undefined ? undefined : episodes[d.episode];
      if (episode) episode.problems++;
    }
    attachStepFindings(episodes, diagnostics);
    const adapters = [...this.adapters];
    const seen = new Set(adapters.map((a) => a.name));
    for (const name of this.model.adapterNames) {
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
      reading: this.reading.report(),
    };
  }

  /** The latest time the trace has shown: its events', and a kernel log's context lines'; in a correlation, one file's events'. */
  private lastTime(source: number | undefined): number | undefined {
    if (source !== undefined) return this.lastSourceTimes[source];
    const context = this.guestState?.lastTime;
    if (context === undefined) return this.lastEventTime;
    return this.lastEventTime === undefined || context > this.lastEventTime ? context : this.lastEventTime;
  }

  private noteTime(ev: TraceEvent): void {
    const t = ev.time!;
    if (ev.source === undefined) {
      if (!(t <= (this.lastEventTime ?? -Infinity))) this.lastEventTime = t;
    } else if (!(t <= (this.lastSourceTimes[ev.source] ?? -Infinity))) this.lastSourceTimes[ev.source] = t;
  }

  private process(raw: RawEvent): void {
    const ev = this.model.prepare(raw);
    if (ev.time !== undefined) this.noteTime(ev);
    const actions = this.model.actions();
    if (actions.length) this.act(actions);
    // Not through run(): no closure per rule per event on the hot path.
    for (const rule of this.eventRules) {
      if (rule.failed) continue;
      try {
        rule.handlers.event!(ev);
      } catch (error) {
        this.fail(rule, error);
      }
    }
    this.model.apply(ev);
    this.onEvent?.(ev);
  }

  /** Requests taking effect: each checked by the rules against the state before it, then applied. */
  private act(requests: readonly TraceEvent[]): void {
    for (const request of requests) {
      for (const rule of this.actionRules) {
        if (rule.failed) continue;
        try {
          rule.handlers.action!(request);
        } catch (error) {
          this.fail(rule, error);
        }
      }
      this.model.act(request);
    }
  }

  private episodeEnd(record: EpisodeRecord): void {
    // Not through run(): no closure per rule per episode.
    for (const rule of this.rules) {
      if (!rule.handlers.episodeEnd || rule.failed) continue;
      try {
        rule.handlers.episodeEnd(record);
      } catch (error) {
        this.fail(rule, error);
      }
    }
  }

  /** A rule that throws is switched off and said so once; the analysis goes on. */
  private run(rule: ActiveRule, fn: () => void): void {
    if (rule.failed) return;
    try {
      fn();
    } catch (error) {
      this.fail(rule, error);
    }
  }

  private fail(rule: ActiveRule, error: unknown): void {
    rule.failed = true;
    this.internalErrors.push(`rule ${rule.id} failed and was switched off: ${error instanceof Error ? error.message : String(error)}`);
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
    if (r.event?.source !== undefined) d.source = r.event.source;
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

  /** Whether this file's suppression comments hide a diagnostic on one of its lines. */
  suppresses(d: Diagnostic): boolean {
    return this.isSuppressed(d);
  }

  private isSuppressed(d: Diagnostic): boolean {
    const matches = (rules: string[] | 'all') => rules === 'all' || rules.includes(d.rule);
    const next = this.suppressNext.get(d.span.line);
    if (next && matches(next)) return true;
    for (const s of this.suppressFrom) if (s.line < d.span.line && matches(s.rules)) return true;
    return false;
  }
}
