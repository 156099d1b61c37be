/**
 * Diagnostics on open and on change (debounced; or on save), cleared on close.
 * Always for the newest version of the text: a pending run is replaced by a
 * newer one, and a result is only published if the document has not moved on.
 */
import * as vscode from 'vscode';
import type { AnalysisCache } from './analysis-cache';
import { isTraceDocument, readSettings } from './config';
import { diagnosticsOf } from './not-read';
import { shownUris, tabUris } from './tabs';

const DEBOUNCE_MS = 200;

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('oidtrace');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly cache: AnalysisCache,
    private readonly onError: (message: string) => void,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !isTraceDocument(e.document)) return;
        if (readSettings(e.document.uri).run === 'onType') this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.hidden.delete(d.uri.toString());
        this.forget(d.uri);
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsChanged(e)),
    );
    for (const d of vscode.workspace.textDocuments) this.lintNow(d);
  }

  /** A document whose language changed to ours (or away from it). */
  refresh(document: vscode.TextDocument): void {
    if (isTraceDocument(document)) this.lintNow(document);
    else this.forget(document.uri);
  }

  relintAll(): void {
    this.cache.clear();
    for (const d of vscode.workspace.textDocuments) this.refresh(d);
  }

  lintNow(document: vscode.TextDocument): void {
    if (!isTraceDocument(document) || this.hidden.has(document.uri.toString())) return;
    this.cancel(document.uri);
    void this.cache.ensure(document).then(
      (analysis) => {
        // Published only for the text as it is now: an analysis overtaken by an edit is dropped.
        if (!analysis || document.isClosed || analysis.version !== document.version || !isTraceDocument(document)) return;
        if (this.hidden.has(document.uri.toString())) return;
        this.collection.set(document.uri, diagnosticsOf(document.uri, analysis.result));
        this.published.set(document.uri.toString(), analysis.version);
        for (const e of analysis.result.internalErrors) this.onError(`${document.uri.fsPath}: ${e}`);
      },
      (error: unknown) => {
        // Never take the extension host down for one bad trace.
        this.collection.delete(document.uri);
        this.onError(`OID Trace could not analyse ${document.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  /**
   * Traces whose last tab the user closed while VS Code keeps their document
   * open (a restored preview, another extension holds it): their problems go
   * when the tab goes, as for any closed file, and come back with a tab.
   */
  private readonly hidden = new Set<string>();

  private tabsChanged(e: vscode.TabChangeEvent): void {
    const shown = shownUris();
    for (const tab of e.closed) {
      for (const uri of tabUris(tab)) {
        const key = uri.toString();
        if (shown.has(key) || !this.collection.has(uri)) continue;
        this.forget(uri);
        this.hidden.add(key);
      }
    }
    for (const tab of e.opened) {
      for (const uri of tabUris(tab)) {
        if (!this.hidden.delete(uri.toString())) continue;
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (document) this.lintNow(document);
      }
    }
  }

  /** The document version whose diagnostics are shown, by URI (the reliability benchmark reads it). */
  readonly published = new Map<string, number>();

  private schedule(document: vscode.TextDocument): void {
    this.cancel(document.uri);
    const key = document.uri.toString();
    const version = document.version;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed || document.version !== version) return;
        this.lintNow(document);
      }, DEBOUNCE_MS),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.collection.delete(uri);
    this.published.delete(uri.toString());
    this.cache.delete(uri);
  }

  dispose(): void {
    this.hidden.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
