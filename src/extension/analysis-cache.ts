/**
 * One analysis per document version, shared by diagnostics, hover, symbols,
 * definitions, the status item and the preview: nothing analyses twice.
 *
 * A small trace (up to SYNC_LINES lines, a few milliseconds) is analysed on the
 * spot. A bigger one never blocks the extension host: it is analysed in the
 * analysis worker (a thread of its own, which holds the text and hears only its
 * edits), or, when the worker cannot run, here in slices of a few milliseconds.
 * A newer version overtakes an older one's run, and until the new analysis is
 * there, features use the newest one there is.
 */
import * as vscode from 'vscode';
import { analyze, createAnalyzer, SNIFF_CHARS, type AnalysisResult, type TraceEvent } from '../engine';
import { analyzeOptions, readSettings } from './config';
import type { AnalysisWorkerClient } from './analysis-worker-client';
import { threadTimes, type ThreadTimes } from './thread-clock';

/** Up to this many lines (about 0.5 MB of trace, a few ms) a document is analysed synchronously. */
export const SYNC_LINES = 5_000;
/** A stretch an analysis held the thread: wall times (performance.now()) and, on Linux, the thread's time on and waiting for a CPU. */
export interface LongSlice {
  start: number;
  end: number;
  cpuMs?: number;
  waitMs?: number;
}

/** A slice of a sliced analysis holds the thread this long, then yields. */
const SLICE_MS = 8;
/** The clock is read every this many lines (a few hundred µs of work). */
const CHECK_EVERY_LINES = 256;
/** Slices at least this long are kept (with their times) so that the host stats can tell GC pauses in them. */
export const LONG_SLICE_MS = 20;
const MAX_LONG_SLICES = 200;

export interface Analysis {
  uri: string;
  version: number;
  result: AnalysisResult;
  /** Milliseconds of analysis (for a sliced one, the sum of its slices). */
  ms: number;
  /** Made in the analysis worker, off the host's thread. */
  inWorker?: boolean;
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
  /**
   * How many analyses ran (of them, how many in the worker), the longest single stretch one held the thread (ms),
   * and the long stretches' times (performance.now()), reset by the host stats.
   */
  readonly stats = { analyses: 0, workerAnalyses: 0, longestSliceMs: 0, longSlices: [] as LongSlice[] };

  /**
   * `onError` hears of an analysis that failed with nobody waiting for it;
   * `worker` analyses big documents off this thread (without it, or when it
   * cannot run, they are analysed here in slices).
   */
  constructor(
    private readonly onError: (message: string) => void = () => undefined,
    private readonly worker?: AnalysisWorkerClient,
  ) {}

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
    if (!cached && !this.running.has(document.uri.toString())) {
      this.ensure(document).catch((error: unknown) =>
        this.onError(`OID Trace could not analyse ${document.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
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
    const made = this.worker?.available ? this.analyzeInWorker(document, next) : this.analyzeInSlices(document, next);
    next.promise = made.finally(() => {
      if (this.running.get(key) === next) this.running.delete(key);
    });
    this.running.set(key, next);
    return next.promise;
  }

  /** Whether a document's analysis is being made in slices (its newest may be missing or of an earlier version). */
  isAnalysing(uri: vscode.Uri): boolean {
    return this.running.has(uri.toString());
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
    this.worker?.forget(uri);
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
    const end = performance.now();
    this.noteSlice(start, end);
    return this.store(document, result, end - start);
  }

  private async analyzeInWorker(document: vscode.TextDocument, run: Running): Promise<Analysis | undefined> {
    let made;
    try {
      made = await this.worker!.analyze(document, analyzeOptions(document, readSettings(document.uri)));
    } catch (error) {
      if (run.cancelled || document.isClosed) return undefined;
      // The worker could not run (it failed to start, or exited): analyse here, in slices.
      this.onError(`OID Trace analyses ${document.uri.fsPath} on the extension host: ${error instanceof Error ? error.message : String(error)}`);
      return this.analyzeInSlices(document, run);
    }
    // Only the version asked for is kept: an edit that came meanwhile has its own run.
    if (run.cancelled || document.isClosed || made.version !== run.version || document.version !== run.version) return undefined;
    this.stats.workerAnalyses++;
    return this.store(document, made.result, made.ms, true);
  }

  private async analyzeInSlices(document: vscode.TextDocument, run: Running): Promise<Analysis | undefined> {
    const version = document.version;
    const lineCount = document.lineCount;
    const stale = () => run.cancelled || document.isClosed || document.version !== version;
    // Line by line from the document into the engine: no copy of the whole text (a
    // 20 MB trace is 40 MB of string) and no slice strings to split again, so the
    // host's heap sees little more than the events. The dialect is told from the head.
    const head: string[] = [];
    for (let i = 0, size = 0; i < lineCount && size < SNIFF_CHARS; i++) {
      const text = document.lineAt(i).text;
      head.push(text);
      size += text.length + 1;
    }
    const analyzer = createAnalyzer(head.join('\n'), analyzeOptions(document, readSettings(document.uri)));
    let busy = 0;
    for (let at = 0; at < lineCount;) {
      const start = performance.now();
      const times = threadTimes();
      // A slice ends when its time is up (checked every few hundred lines).
      const until = start + SLICE_MS;
      while (at < lineCount) {
        const stop = Math.min(lineCount, at + CHECK_EVERY_LINES);
        for (; at < stop; at++) analyzer.line(document.lineAt(at).text, at + 1);
        if (performance.now() >= until) break;
      }
      const end = performance.now();
      busy += end - start;
      this.noteSlice(start, end, times);
      if (at < lineCount) {
        // Hand the thread back between slices (the engine works line by line, so any cut is fine).
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (stale()) return undefined;
      }
    }
    const start = performance.now();
    const times = threadTimes();
    const result = analyzer.end(lineCount);
    const end = performance.now();
    busy += end - start;
    this.noteSlice(start, end, times);
    if (stale()) return undefined;
    return this.store(document, result, busy);
  }

  /** Keeps the longest stretches the thread was held, for the host stats (which subtract GC pauses from them). */
  private noteSlice(start: number, end: number, before?: ThreadTimes): void {
    const ms = end - start;
    if (ms > this.stats.longestSliceMs) this.stats.longestSliceMs = ms;
    if (ms < LONG_SLICE_MS) return;
    const after = before && threadTimes();
    const cpuMs = after ? after.cpuMs - before.cpuMs : undefined;
    const waitMs = after ? after.waitMs - before.waitMs : undefined;
    this.stats.longSlices.push({ start, end, cpuMs, waitMs });
    if (this.stats.longSlices.length > MAX_LONG_SLICES) this.stats.longSlices.shift();
  }

  private store(document: vscode.TextDocument, result: AnalysisResult, ms: number, inWorker = false): Analysis {
    const key = document.uri.toString();
    this.stats.analyses++;
    let index: Map<number, TraceEvent[]> | undefined;
    const entry: Analysis = {
      uri: key,
      version: document.version,
      result,
      ms,
      inWorker,
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
