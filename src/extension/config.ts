/** The extension's settings, read in one place. */
import * as vscode from 'vscode';
import { RULE_IDS, type AnalyzeOptions, type SeveritySetting } from '../engine';

export const LANGUAGE_ID = 'oidtrace';
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export interface Settings {
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  stepSlowMs: number;
  associations: string[];
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
    associations: (c.get<string[]>('associations') ?? []).filter((g) => typeof g === 'string' && g.length > 0),
  };
}

export function analyzeOptions(document: vscode.TextDocument, settings: Settings): AnalyzeOptions {
  return { fileName: document.uri.path, rules: settings.rules, stepSlowMs: settings.stepSlowMs };
}

export function isTraceDocument(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}
