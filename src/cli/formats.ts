/** The CLI's output formats: text (a problem-matcher line each), JSON, SARIF 2.1.0. */
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import {
  describeReading,
  OWN_FORMAT_DOCS,
  RULES,
  ruleDocs,
  type AnalysisResult,
  type Diagnostic,
  type Episode,
  type ReadingReport,
  type Severity,
  type TraceEvent,
} from '../engine';

/**
 * What the formats need of one file's analysis, and nothing more: plain data,
 * the same whether the file was linted in this thread or in a worker (it is what
 * crosses the thread boundary). An `AnalysisResult` is one.
 */
export interface LintedFile {
  diagnostics: Diagnostic[];
  eventCount: number;
  lines: number;
  reading: ReadingReport;
  /** With `lint --episodes`: each episode with its steps, as the JSON shows it. */
  episodeReports?: EpisodeReport[];
}

export interface FileReport {
  path: string;
  result?: LintedFile;
  error?: string;
  /** In a correlation: the paths of the files by source index (a related location may be in the other one). */
  sources?: string[];
}

/** The file a related location is in. */
function relatedPath(r: FileReport, source: number | undefined): string {
  return source === undefined ? r.path : (r.sources?.[source] ?? r.path);
}

/** `path:line:col: severity rule-id message`, what the `$oidtrace` problem matcher reads. */
export function formatText(reports: readonly FileReport[]): string {
  return [...textChunks(reports)].join('');
}

/**
 * The text format in pieces of about `size` characters, to be written one after
 * the other: a trace with a million findings is not held as one string, nor as
 * a million pieces waiting to be joined.
 */
export function* textChunks(reports: readonly FileReport[], size = 1 << 20): Generator<string> {
  let out: string[] = [];
  let length = 0;
  for (const r of reports) {
    if (r.error) continue;
    for (const d of r.result!.diagnostics) {
      const line = `${r.path}:${d.span.line}:${d.span.column}: ${d.severity} ${d.rule} ${d.message}\n`;
      out.push(line);
      length += line.length;
      if (length >= size) {
        yield out.join('');
        out = [];
        length = 0;
      }
    }
  }
  if (out.length) yield out.join('');
}

function jsonDiagnostic(d: Diagnostic, r: FileReport) {
  return {
    line: d.span.line,
    column: d.span.column,
    endLine: d.span.endLine,
    endColumn: d.span.endColumn,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    docs: d.docs,
    related: d.related.map((rel) => ({
      ...(rel.source !== undefined ? { path: relatedPath(r, rel.source) } : {}),
      line: rel.line,
      column: rel.column,
      message: rel.message,
    })),
  };
}

type EpisodeReport = ReturnType<typeof jsonEpisode>;

/** The plain part of an analysis the formats use; `episodes`: with each episode's steps (`lint --episodes`). */
export function lintedFile(result: AnalysisResult, episodes = false): LintedFile {
  const { diagnostics, eventCount, lines, reading } = result;
  return { diagnostics, eventCount, lines, reading, ...(episodes ? { episodeReports: result.episodes.map((e) => jsonEpisode(e, result.events)) } : {}) };
}

/** An episode with its documented steps: which came, in order or not, and how long each took. */
function jsonEpisode(e: Episode, events: readonly TraceEvent[]) {
  return {
    title: e.title,
    kind: e.kind,
    adapter: e.adapter,
    ...(e.vf !== undefined ? { vf: e.vf } : {}),
    firstLine: e.firstLine,
    lastLine: e.lastLine,
    problems: e.problems,
    steps: e.steps.map((s) => ({
      id: s.id,
      state: s.state,
      ...(s.event !== undefined && events[s.event] ? { line: events[s.event]!.line } : {}),
      ...(s.latencyMs !== undefined ? { latencyMs: Math.round(s.latencyMs * 1000) / 1000 } : {}),
    })),
  };
}

/**
 * The one line standard error carries for a file OID Trace could not read
 * (`result.reading.notRead`), undefined for one it read: the text output is never
 * silent about such a file, and stdout keeps only the problem-matcher lines.
 */
export function notReadNote(r: FileReport): string | undefined {
  const result = r.result;
  if (!result?.reading.notRead) return undefined;
  return `oidtrace: ${r.path}: ${describeReading(result.reading, result.lines)} — see "Your own format": ${OWN_FORMAT_DOCS}\n`;
}

/** What JSON and SARIF say of a file that was not read: the counts, the first such lines, the sentence. */
function notReadCounts(result: LintedFile) {
  const g = result.reading;
  return {
    lines: result.lines,
    eventLines: g.eventLines,
    unreadLines: g.unreadLines,
    unreadBy: g.unreadBy,
    firstUnread: g.firstUnread,
    message: describeReading(g, result.lines),
  };
}

/** One file of the JSON format; `episodes`: also its episodes with their steps' states and durations (`lint --episodes`). */
function jsonFile(r: FileReport, episodes: boolean) {
  if (r.error) return { path: r.path, error: r.error, events: 0, diagnostics: [] };
  const result = r.result!;
  return {
    path: r.path,
    events: result.eventCount,
    // Only for a file not read: the output of a file read whole is as it always was.
    ...(result.reading.notRead ? { notRead: notReadCounts(result) } : {}),
    diagnostics: result.diagnostics.map((d) => jsonDiagnostic(d, r)),
    ...(episodes ? { episodes: result.episodeReports ?? [] } : {}),
  };
}

/** `{ "files": [...] }`, indented by two; `episodes` as in `jsonFile`. */
export function formatJson(reports: readonly FileReport[], episodes = false): string {
  const writer = jsonWriter(episodes);
  return [...reports.flatMap((r) => [...writer.file(r)]), ...writer.end()].join('');
}

/**
 * A report written a file at a time, as each file is done (and all before it):
 * `file()` gives the output of one file, `end()` what comes after the last.
 * Together, the bytes the whole report in one piece would have been.
 */
export interface ReportWriter {
  file(report: FileReport): Iterable<string>;
  end(): Iterable<string>;
}

/** The writer of a format: text and JSON stream; SARIF lists its rules before the results, so it is written at the end. */
export function reportWriter(format: string, options: { episodes?: boolean; version: string }): ReportWriter {
  if (format === 'json') return jsonWriter(options.episodes === true);
  if (format === 'sarif') {
    const reports: FileReport[] = [];
    return {
      file(r) {
        reports.push(r);
        return [];
      },
      end: () => [formatSarif(reports, options.version)],
    };
  }
  return { file: (r) => textChunks([r]), end: () => [] };
}

/** JSON.stringify({ files }, null, 2) + '\n', one file at a time: each element indented by four. */
function jsonWriter(episodes: boolean): ReportWriter {
  let files = 0;
  return {
    *file(r) {
      const element = JSON.stringify(jsonFile(r, episodes), null, 2).replace(/\n/g, '\n    ');
      yield `${files++ === 0 ? '{\n  "files": [\n' : ',\n'}    ${element}`;
    },
    *end() {
      yield files === 0 ? '{\n  "files": []\n}\n' : '\n  ]\n}\n';
    },
  };
}

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** Not a rule of the engine (it checks no order): the reading's own report, in SARIF only when a file was not read. */
const NOT_READ_ID = 'not-read';
const NOT_READ_RULE = {
  id: NOT_READ_ID,
  name: 'NotRead',
  shortDescription: { text: 'Lines name an OID or mention a VF, but OID Trace read few or no events from the file: its format is not one OID Trace reads' },
  helpUri: OWN_FORMAT_DOCS,
  defaultConfiguration: { level: 'note' as const },
};

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const rules = RULES.map((r): ReportingDescriptor => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.description },
    helpUri: ruleDocs(r.meta),
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.defaultSeverity] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const r of reports) {
    if (r.error) {
      notifications.push({ level: 'error', message: { text: `${r.path}: ${r.error}` } });
      continue;
    }
    const unread = r.result!.reading;
    if (unread.notRead && unread.firstSpan) {
      // A result, not only a notification: SARIF viewers list results (VS Code's SARIF
      // Viewer shows nothing else), and a run with no result would look clean.
      if (!ruleIndex.has(NOT_READ_ID)) {
        ruleIndex.set(NOT_READ_ID, rules.length);
        rules.push(NOT_READ_RULE);
      }
      const s = unread.firstSpan;
      results.push({
        ruleId: NOT_READ_ID,
        ruleIndex: ruleIndex.get(NOT_READ_ID),
        level: 'note',
        message: { text: `${describeReading(unread, r.result!.lines)} — see "Your own format"` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(r.path) },
              region: { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn },
            },
          },
        ],
        properties: notReadCounts(r.result!),
      });
    }
    for (const d of r.result!.diagnostics) {
      results.push({
        ruleId: d.rule,
        ruleIndex: ruleIndex.get(d.rule),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(r.path) },
              region: { startLine: d.span.line, startColumn: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn },
            },
          },
        ],
        relatedLocations: d.related.map((rel, id): Location => ({
          id,
          message: { text: rel.message },
          physicalLocation: {
            artifactLocation: { uri: toUri(relatedPath(r, rel.source)) },
            region: { startLine: rel.line, startColumn: rel.column, endColumn: rel.endColumn },
          },
        })),
      });
    }
  }
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'oidtrace', version, informationUri: 'https://github.com/oidtrace/oidtrace', rules } },
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function toUri(path: string): string {
  return path === '-' ? 'stdin' : path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
