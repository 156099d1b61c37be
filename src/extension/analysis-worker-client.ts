/**
 * The extension host's side of the analysis worker (src/node/analysis-worker.ts):
 * a long-lived thread that holds the texts of big traces and analyses them, so
 * that this thread only sends edits and takes results.
 *
 * A document's text reaches the worker once: read by the worker itself from
 * disk when the editor has not changed it (checked afterwards: same length and
 * line count as the editor's, else the editor's text is sent), or sent whole.
 * After that only its edits cross. A worker that fails or exits is started
 * again on the next request (at most a few times); callers fall back to
 * analysing on this thread when it cannot run.
 */
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { AnalysisResult, AnalyzeOptions, PatternReading, PatternSpec } from '../engine';
import type { FromWorker, TextChange, ToWorker } from '../node/worker-protocol';

export interface WorkerAnalysis {
  version: number;
  result: AnalysisResult;
  /** Milliseconds the analysis took in the worker. */
  ms: number;
}

/** Restarts after which the worker is given up for this session (a crash loop must not go on). */
const MAX_STARTS = 3;

/** A pattern that takes longer than this to read a file is taken for one that backtracks without end. */
const PATTERN_TIMEOUT_MS = 10_000;

/** A line pattern read too slowly: the worker was stopped (the next request starts another). */
export class PatternTimeout extends Error {}

interface Waiting {
  resolve(message: FromWorker): void;
  reject(error: Error): void;
}

export class AnalysisWorkerClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private starts = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** The version of each document whose text the worker holds. */
  private readonly held = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly script: string,
    private readonly onError: (message: string) => void,
    private readonly patternTimeoutMs = PATTERN_TIMEOUT_MS,
  ) {
    this.subscriptions = [vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)), vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri))];
  }

  /** Whether the worker can run (false once it has failed too often). */
  get available(): boolean {
    return this.worker !== undefined || this.starts < MAX_STARTS;
  }

  /**
   * The analysis of the document's text as the worker holds it: the current
   * version, unless the document changed while the worker was analysing (the
   * caller compares versions).
   */
  async analyze(document: vscode.TextDocument, options: Omit<AnalyzeOptions, 'onEvent'>): Promise<WorkerAnalysis> {
    const key = document.uri.toString();
    const fromDisk = this.held.get(key) === undefined && !document.isDirty && document.uri.scheme === 'file';
    const ask = (id: number): ToWorker => ({ type: 'analyze', id, uri: key, options });
    this.hold(document, fromDisk);
    let reply = await this.request(ask);
    if (reply.type === 'result' && fromDisk && !this.matches(document, reply)) {
      // The file on disk is not the editor's text (another encoding, changed since): send the text.
      this.hold(document, false, true);
      reply = await this.request(ask);
    }
    if (reply.type === 'missing') {
      this.hold(document, false, true);
      reply = await this.request(ask);
    }
    if (reply.type === 'result') return { version: reply.version, result: reply.result, ms: reply.ms };
    throw new Error(reply.type === 'failed' ? reply.message : 'the analysis worker lost the document');
  }

  /**
   * What a line pattern being taught reads in the document (readWithPattern), worked out in
   * the worker: the text crosses once (not at all when the worker holds it already), then
   * only the patterns and their readings.
   */
  async readPattern(document: vscode.TextDocument, spec: PatternSpec, fileName: string): Promise<PatternReading> {
    const ask = (id: number): ToWorker => ({ type: 'pattern', id, uri: document.uri.toString(), spec, fileName });
    this.hold(document, false);
    let reply = await this.within(this.request(ask));
    if (reply.type === 'missing') {
      this.hold(document, false, true);
      reply = await this.within(this.request(ask));
    }
    if (reply.type === 'pattern') return reply.reading;
    throw new Error(reply.type === 'failed' ? reply.message : 'the analysis worker lost the document');
  }

  /** Whether the worker holds the document's text (a big trace's, for its analyses). */
  holds(uri: vscode.Uri): boolean {
    return this.held.has(uri.toString());
  }

  /** The dialog that tried patterns on the document ended: the lines split for them go. */
  endPatterns(uri: vscode.Uri): void {
    if (this.worker) this.post({ type: 'end-patterns', uri: uri.toString() });
  }

  /** A pattern's reply, or PatternTimeout (and the worker stopped) when it does not come in time. */
  private async within(reply: Promise<FromWorker>): Promise<FromWorker> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new PatternTimeout(`reading the file with the pattern took over ${this.patternTimeoutMs / 1000} s`);
        this.stop(error);
        reject(error);
      }, this.patternTimeoutMs);
    });
    try {
      return await Promise.race([reply, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops a document's text from the worker (closed, or no longer a trace). */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.held.delete(key)) return;
    this.post({ type: 'close', uri: key });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.stop(new Error('OID Trace is shutting down'));
    this.starts = MAX_STARTS;
  }

  /** Makes the worker hold the document's current version: as it is, by a load from disk, or by its whole text. */
  private hold(document: vscode.TextDocument, fromDisk: boolean, force = false): void {
    const key = document.uri.toString();
    // Started first: a worker that starts now holds nothing, whatever was held before.
    if (!this.ensureWorker()) return;
    if (!force && this.held.get(key) === document.version) return;
    this.held.set(key, document.version);
    if (fromDisk) this.post({ type: 'load', uri: key, version: document.version, path: document.uri.fsPath });
    else this.post({ type: 'set', uri: key, version: document.version, text: document.getText() });
  }

  private matches(document: vscode.TextDocument, reply: Extract<FromWorker, { type: 'result' }>): boolean {
    if (reply.version !== document.version) return true; // edited meanwhile: the edits crossed too, nothing to compare
    const last = document.lineAt(document.lineCount - 1);
    return reply.result.lines === document.lineCount && reply.length === document.offsetAt(last.range.end);
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const from = this.held.get(key);
    if (from === undefined || e.contentChanges.length === 0) return;
    if (from === e.document.version) return; // the whole text of this version was sent already
    const changes: TextChange[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    this.held.set(key, e.document.version);
    this.post({ type: 'edit', uri: key, from, version: e.document.version, changes });
  }

  private request(message: (id: number) => ToWorker): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise<FromWorker>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (!this.post(message(id))) {
        this.waiting.delete(id);
        reject(new Error('the analysis worker is not running'));
      }
    });
  }

  private post(message: ToWorker): boolean {
    const worker = this.ensureWorker();
    if (!worker) return false;
    worker.postMessage(message);
    return true;
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.starts >= MAX_STARTS) return undefined;
    this.starts++;
    this.held.clear(); // a new worker holds nothing
    const worker = new Worker(this.script, { name: 'OID Trace analysis' });
    worker.unref(); // never keeps the extension host alive
    worker.on('message', (message: FromWorker) => {
      const w = this.waiting.get(message.id);
      if (!w) return;
      this.waiting.delete(message.id);
      w.resolve(message);
    });
    worker.on('error', (error) => {
      this.onError(`OID Trace's analysis worker failed: ${error.message}`);
      this.stop(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`the analysis worker exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    this.held.clear();
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
    if (worker) worker.terminate().catch(() => undefined);
  }
}
