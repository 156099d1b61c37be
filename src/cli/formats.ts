/** The CLI's output formats: text (a problem-matcher line each), JSON, SARIF 2.1.0. */
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { RULES, ruleDocs, type AnalysisResult, type Diagnostic, type Episode, type Severity, type TraceEvent } from '../engine';

export interface FileReport {
  path: string;
  result?: AnalysisResult;
  error?: string;
  /** In a correlation: the paths of the files by source index (a related location may be in the other one). */
  sources?: string[];
}

/** The file a related location is in. */
function relatedPath(r: FileReport, source: number | undefined): string {
  return source === undefined ? r.path : r.sources?.[source] ?? r.path;
}

/** `path:line:col: severity rule-id message`, what the `$oidtrace` problem matcher reads. */
export function formatText(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    if (r.error) continue;
    for (const d of r.result!.diagnostics) {
      out.push(`${r.path}:${d.span.line}:${d.span.column}: ${d.severity} ${d.rule} ${d.message}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
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
    related: d.related.map((rel) => ({ ...(rel.source !== undefined ? { path: relatedPath(r, rel.source) } : {}), line: rel.line, column: rel.column, message: rel.message })),
  };
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

/** `episodes`: also list each file's episodes with their steps' states and durations (`lint --episodes`). */
export function formatJson(reports: readonly FileReport[], episodes = false): string {
  const files = reports.map((r) =>
    r.error
      ? { path: r.path, error: r.error, events: 0, diagnostics: [] }
      : {
          path: r.path,
          events: r.result!.eventCount,
          diagnostics: r.result!.diagnostics.map((d) => jsonDiagnostic(d, r)),
          ...(episodes ? { episodes: r.result!.episodes.map((e) => jsonEpisode(e, r.result!.events)) } : {}),
        },
  );
  return JSON.stringify({ files }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const rules = RULES.map(
    (r): ReportingDescriptor => ({
      id: r.meta.id,
      name: r.meta.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r.meta.description },
      helpUri: ruleDocs(r.meta),
      defaultConfiguration: { level: SARIF_LEVEL[r.meta.defaultSeverity] },
    }),
  );
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const r of reports) {
    if (r.error) {
      notifications.push({ level: 'error', message: { text: `${r.path}: ${r.error}` } });
      continue;
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
