/**
 * One analysis per document version, shared by diagnostics, hover, symbols,
 * definitions, the status item and the preview: nothing analyses twice.
 *
 * A small trace is analysed on the spot. A big one (more than SYNC_LINES lines)
 * never blocks the extension host for long: it is analysed in slices of a few
 * milliseconds, a newer version abandons the run for an older one, and until
 * the new analysis is there, features use the newest one there is.
 */
import * as vscode from 'vscode';
import { analyze, analyzeStream, type AnalysisResult, type TraceEvent } from '../engine';
import { analyzeOptions, readSettings } from './config';

/** Up to this many lines (about 1 MB of trace, ~15 ms) a document is analysed synchronously. */
export const SYNC_LINES = 20_000;
/** Characters of text the sliced analysis takes between two yields (a few ms of work). */
const SLICE_CHARS = 128 * 1024;

export interface Analysis {
  uri: string;
  version: number;
  result: AnalysisResult;
  /** Milliseconds of analysis (for a sliced one, the sum of its slices). */
  ms: number;
  /** Events by 1-based line, built on first use. */
  byLine(): Map<number, TraceEvent[]>;
}

interface Running {
  version: number;
  promise: Promise<Analysis | undefined>;
  cancelled: boolean;
}

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, Analysis>();
  private readonly running = new Map<string, Running>();
  private readonly changed = new vscode.EventEmitter<Analysis>();
  /** Fires when a document has a new analysis. */
  readonly onDidAnalyze = this.changed.event;
  /** How many analyses ran, and the longest single stretch one held the thread (ms). */
  readonly stats = { analyses: 0, longestSliceMs: 0, longestSliceCpuMs: 0 };

  /**
   * The analysis of a document. Current for a small document; for a big one, the
   * newest there is (it may be of an earlier version while the current one is
   * being made), or undefined before the first is done. Only `ensure` starts a
   * big one's analysis (the diagnostics, debounced): features asking on every
   * keystroke never pile up analyses.
   */
  get(document: vscode.TextDocument): Analysis | undefined {
    const cached = this.entries.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached;
    if (document.lineCount <= SYNC_LINES) return this.analyzeNow(document);
    if (!cached && !this.running.has(document.uri.toString())) void this.ensure(document);
    return cached;
  }

  /** The analysis of the document's current version, made now or in slices; undefined if it moved on meanwhile. */
  async ensure(document: vscode.TextDocument): Promise<Analysis | undefined> {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached;
    if (document.lineCount <= SYNC_LINES) return this.analyzeNow(document);
    const run = this.running.get(key);
    if (run && run.version === document.version) return run.promise;
    if (run) run.cancelled = true; // an older version: abandoned at its next slice
    const next: Running = { version: document.version, cancelled: false, promise: Promise.resolve(undefined) };
    next.promise = this.analyzeInSlices(document, next).finally(() => {
      if (this.running.get(key) === next) this.running.delete(key);
    });
    this.running.set(key, next);
    return next.promise;
  }

  peek(uri: vscode.Uri): Analysis | undefined {
    return this.entries.get(uri.toString());
  }

  /** Settings changed: every analysis is stale. */
  clear(): void {
    this.entries.clear();
    for (const run of this.running.values()) run.cancelled = true;
    this.running.clear();
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.delete(key);
    const run = this.running.get(key);
    if (run) run.cancelled = true;
    this.running.delete(key);
  }

  dispose(): void {
    this.clear();
    this.changed.dispose();
  }

  private analyzeNow(document: vscode.TextDocument): Analysis {
    const start = performance.now();
    const result = analyze(document.getText(), analyzeOptions(document, readSettings(document.uri)));
    const ms = performance.now() - start;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, ms);
    this.stats.longestSliceCpuMs = Math.max(this.stats.longestSliceCpuMs, ms);
    return this.store(document, result, ms);
  }

  private async analyzeInSlices(document: vscode.TextDocument, run: Running): Promise<Analysis | undefined> {
    const version = document.version;
    let busy = 0;
    let sliceStart = performance.now();
    // CPU time too: on a busy machine a slice's wall time includes the time the OS gave to others.
    let cpuStart = process.cpuUsage();
    const cpuMs = () => {
      const d = process.cpuUsage(cpuStart);
      return (d.user + d.system) / 1000;
    };
    let longestCpu = 0;
    // Line by line from the document, not one copy of its whole text (a 20 MB trace
    // is 40 MB of string per analysis): the version check below stops a run whose
    // document changed under it.
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const lineCount = document.lineCount;
    const slices = async function* (): AsyncGenerator<string> {
      for (let at = 0; at < lineCount; ) {
        const parts: string[] = [];
        let size = 0;
        for (; at < lineCount && size < SLICE_CHARS; at++) {
          const text = document.lineAt(at).text;
          parts.push(text);
          size += text.length + 1;
        }
        yield parts.join(eol) + (at < lineCount ? eol : '');
        // Hand the thread back between slices (the engine works line by line, so any cut is fine).
        const held = performance.now() - sliceStart;
        busy += held;
        longest = Math.max(longest, held);
        longestCpu = Math.max(longestCpu, cpuMs());
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (run.cancelled || document.isClosed || document.version !== version) return;
        sliceStart = performance.now();
        cpuStart = process.cpuUsage();
      }
    };
    let longest = 0;
    const result = await analyzeStream(slices(), analyzeOptions(document, readSettings(document.uri)));
    const held = performance.now() - sliceStart;
    busy += held;
    longest = Math.max(longest, held);
    longestCpu = Math.max(longestCpu, cpuMs());
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, longest);
    this.stats.longestSliceCpuMs = Math.max(this.stats.longestSliceCpuMs, longestCpu);
    if (run.cancelled || document.isClosed || document.version !== version) return undefined;
    return this.store(document, result, busy);
  }

  private store(document: vscode.TextDocument, result: AnalysisResult, ms: number): Analysis {
    const key = document.uri.toString();
    this.stats.analyses++;
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
}

/** The event whose token is at a position, if any. */
export function eventAt(analysis: Analysis, position: vscode.Position): TraceEvent | undefined {
  const list = analysis.byLine().get(position.line + 1);
  if (!list) return undefined;
  const col = position.character + 1;
  return list.find((ev) => col >= ev.span.column && col <= ev.span.endColumn) ?? undefined;
}
