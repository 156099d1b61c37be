/**
 * One analysis per document version, shared by diagnostics, hover, symbols,
 * definitions, the status item and the preview: nothing analyses twice.
 */
import * as vscode from 'vscode';
import { analyze, type AnalysisResult, type TraceEvent } from '../engine';
import { analyzeOptions, readSettings } from './config';

export interface Analysis {
  uri: string;
  version: number;
  result: AnalysisResult;
  ms: number;
  /** Events by 1-based line, built on first use. */
  byLine(): Map<number, TraceEvent[]>;
}

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Analysis>();
  private readonly changed = new vscode.EventEmitter<Analysis>();
  /** Fires when a document has a new analysis. */
  readonly onDidAnalyze = this.changed.event;

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached;
    const start = performance.now();
    const result = analyze(document.getText(), analyzeOptions(document, readSettings(document.uri)));
    const ms = performance.now() - start;
    let index: Map<number, TraceEvent[]> | undefined;
    const entry: Analysis = {
      uri: key,
      version: document.version,
      result,
      ms,
      byLine() {
        if (!index) {
          index = new Map();
          for (const ev of result.events) {
            const list = index.get(ev.line);
            if (list) list.push(ev);
            else index.set(ev.line, [ev]);
          }
        }
        return index;
      },
    };
    this.entries.set(key, entry);
    this.changed.fire(entry);
    return entry;
  }

  peek(uri: vscode.Uri): Analysis | undefined {
    return this.entries.get(uri.toString());
  }

  /** Settings changed: every analysis is stale. */
  clear(): void {
    this.entries.clear();
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  dispose(): void {
    this.entries.clear();
    this.changed.dispose();
  }
}

/** The event whose token is at a position, if any. */
export function eventAt(analysis: Analysis, position: vscode.Position): TraceEvent | undefined {
  const list = analysis.byLine().get(position.line + 1);
  if (!list) return undefined;
  const col = position.character + 1;
  return list.find((ev) => col >= ev.span.column && col <= ev.span.endColumn) ?? undefined;
}
