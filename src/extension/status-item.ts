/**
 * The language status item: events and problems in the current trace, and how
 * long the analysis took; for a trace OID Trace could not read, how little it
 * read, never a clean-looking count.
 */
import * as vscode from 'vscode';
import { describeReading, OWN_FORMAT_DOCS, type AnalysisResult } from '../engine';
import type { Analysis, AnalysisCache } from './analysis-cache';
import { LANGUAGE_ID } from './config';
import { LEARN_OWN_FORMAT } from './not-read';
import { plural } from './plural';

const PREVIEW: vscode.Command = { command: 'oidtrace.showPreviewToSide', title: 'Open Sequence Diagram' };

/** What the item says of an analysis: its text, detail, severity and command. */
export function statusOf(
  result: AnalysisResult,
  ms: number,
  inWorker = false,
): { text: string; detail: string; severity: 'info' | 'warning' | 'error'; command: vscode.Command } {
  const problems = result.diagnostics.length;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const events = result.eventCount;
  const timing = `analysed in ${ms.toFixed(1)} ms${inWorker ? ' in the background' : ''}`;
  const r = result.reading;
  if (r.notRead && !result.partial) {
    const parts = [`OID Trace: ${plural(events, 'event')} read`];
    if (events > 0) parts.push(`${plural(r.unreadLines, 'line')} not read`);
    if (problems > 0) parts.push(plural(problems, 'problem'));
    return {
      text: parts.join(' · '),
      detail: `${describeReading(r, result.lines)}; ${timing}`,
      severity: errors > 0 ? 'error' : 'warning',
      command: { command: 'vscode.open', title: LEARN_OWN_FORMAT, arguments: [vscode.Uri.parse(OWN_FORMAT_DOCS)] },
    };
  }
  return {
    text: `${plural(events, 'OID event')} · ${plural(problems, 'problem')}`,
    detail: `${plural(result.episodes.length, 'episode')}, ${timing}`,
    severity: errors > 0 ? 'error' : problems > 0 ? 'warning' : 'info',
    command: PREVIEW,
  };
}

const SEVERITY = { info: vscode.LanguageStatusSeverity.Information, warning: vscode.LanguageStatusSeverity.Warning, error: vscode.LanguageStatusSeverity.Error } as const;

export class TraceStatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('oidtrace.status', { language: LANGUAGE_ID });
  private readonly subscription: vscode.Disposable;
  private readonly editors: vscode.Disposable;

  /** `windowStatus`: what to say of a document showing part of a bigger trace (not its own analysis). */
  constructor(
    private readonly cache: AnalysisCache,
    private readonly windowStatus: (document: vscode.TextDocument) => { text: string; detail: string } | undefined = () => undefined,
  ) {
    this.item.name = 'OID Trace';
    this.item.command = PREVIEW;
    this.subscription = cache.onDidAnalyze((a) => {
      const document = vscode.window.activeTextEditor?.document;
      if (document?.uri.toString() === a.uri && !this.windowStatus(document)) this.show(a);
    });
    this.editors = vscode.window.onDidChangeActiveTextEditor((e) => this.update(e));
    this.update(vscode.window.activeTextEditor);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId !== LANGUAGE_ID) return;
    const window = this.windowStatus(editor.document);
    if (window) {
      this.item.text = window.text;
      this.item.detail = window.detail;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = PREVIEW;
      return;
    }
    const analysis = this.cache.get(editor.document);
    if (analysis) this.show(analysis);
  }

  private show(a: Analysis): void {
    const s = statusOf(a.result, a.ms, a.inWorker);
    this.item.text = s.text;
    this.item.detail = s.detail;
    this.item.severity = SEVERITY[s.severity];
    this.item.command = s.command;
  }

  dispose(): void {
    this.subscription.dispose();
    this.editors.dispose();
    this.item.dispose();
  }
}
