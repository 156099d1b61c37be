/** The language status item: events and problems in the current trace, and how long the analysis took. */
import * as vscode from 'vscode';
import type { Analysis, AnalysisCache } from './analysis-cache';
import { LANGUAGE_ID } from './config';
import { plural } from './plural';

export class TraceStatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('oidtrace.status', { language: LANGUAGE_ID });
  private readonly subscription: vscode.Disposable;
  private readonly editors: vscode.Disposable;

  constructor(private readonly cache: AnalysisCache) {
    this.item.name = 'OID Trace';
    this.item.command = { command: 'oidtrace.showPreviewToSide', title: 'Open Sequence Diagram' };
    this.subscription = cache.onDidAnalyze((a) => {
      if (vscode.window.activeTextEditor?.document.uri.toString() === a.uri) this.show(a);
    });
    this.editors = vscode.window.onDidChangeActiveTextEditor((e) => this.update(e));
    this.update(vscode.window.activeTextEditor);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId !== LANGUAGE_ID) return;
    const analysis = this.cache.get(editor.document);
    if (analysis) this.show(analysis);
  }

  private show(a: Analysis): void {
    const problems = a.result.diagnostics.length;
    const errors = a.result.diagnostics.filter((d) => d.severity === 'error').length;
    const events = a.result.eventCount;
    this.item.text = `${plural(events, 'OID event')} · ${plural(problems, 'problem')}`;
    const episodes = a.result.episodes.length;
    this.item.detail = `${plural(episodes, 'episode')}, analysed in ${a.ms.toFixed(1)} ms`;
    this.item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : problems > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.subscription.dispose();
    this.editors.dispose();
    this.item.dispose();
  }
}
