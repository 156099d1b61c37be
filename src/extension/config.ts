/** The extension's settings, read in one place. */
import * as vscode from 'vscode';
import { compileCustomDialects, RULE_IDS, type AnalyzeOptions, type CustomDialect, type SeveritySetting } from '../engine';
import { matchesGlob } from '../engine/text/glob';

export { matchesGlob };

export const LANGUAGE_ID = 'oidtrace';
/** The read-only windows of lines of traces too big for the editor (window-view.ts). */
export const WINDOW_SCHEME = 'oidtrace-window';
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export interface Settings {
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  stepSlowMs: number;
  associations: string[];
  /** The user's own formats (`oidtrace.dialects`) that compiled. */
  dialects: CustomDialect[];
  /** One line per problem in `oidtrace.dialects`. */
  dialectErrors: string[];
}

/** `oidtrace.dialects` compiled once per distinct value. */
let compiledFor = '';
let compiled: { dialects: CustomDialect[]; errors: string[] } = { dialects: [], errors: [] };

function dialectsOf(raw: unknown): { dialects: CustomDialect[]; errors: string[] } {
  const key = JSON.stringify(raw ?? []);
  if (key !== compiledFor) {
    compiled = compileCustomDialects(raw ?? [], 'oidtrace.dialects');
    compiledFor = key;
  }
  return compiled;
}

/** The user's format for a file: the first dialect whose `files` match it (one with no `files` matches every trace). */
export function customDialectFor(path: string, settings: Settings): CustomDialect | undefined {
  return settings.dialects.find((d) => d.files.length === 0 || d.files.some((g) => matchesGlob(path, g)));
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('oidtrace', scope);
  const raw = c.get<Record<string, string>>('rules') ?? {};
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(raw)) {
    // Unknown ids or severities are ignored here; the settings schema flags them.
    if (RULE_IDS.includes(id) && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
  }
  const stepSlowMs = c.get<number>('stepSlowMs') ?? 5000;
  return {
    rules,
    run: c.get<string>('lint.run') === 'onSave' ? 'onSave' : 'onType',
    stepSlowMs: Number.isFinite(stepSlowMs) && stepSlowMs >= 0 ? stepSlowMs : 5000,
    associations: listOfGlobs(c.get<unknown>('associations')),
    ...(({ dialects, errors }) => ({ dialects, dialectErrors: errors }))(dialectsOf(c.get<unknown>('dialects'))),
  };
}

/** A setting's list of globs; a value of another type (a bare string, an object) counts as a list of none. */
function listOfGlobs(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string' && g.length > 0) : [];
}

export function analyzeOptions(document: vscode.TextDocument, settings: Settings): AnalyzeOptions {
  return { fileName: document.uri.path, rules: settings.rules, stepSlowMs: settings.stepSlowMs, customDialect: customDialectFor(document.uri.path, settings) };
}

/** A trace the editor holds whole; a window of a bigger one shows the whole file's problems, not its own. */
export function isTraceDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID && document.uri.scheme !== WINDOW_SCHEME;
}
