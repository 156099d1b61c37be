/**
 * Analyses of trace files read from disk (Lint File…, previews of traces over
 * the editor's 50 MB limit), which no document change ever refreshes:
 * - a file whose problems or preview are shown is watched, and read again when it
 *   changes on disk or the settings change (a newer read replaces an older one);
 * - the analysis itself (events and episodes, large) is kept only while a preview
 *   shows it; its problems stay in the Problems panel, a few bytes each.
 */
import type * as vscode from 'vscode';
import type { AnalysisResult } from '../engine';

export interface DiskAnalysesHost {
  /** Reads and analyses a file; undefined when cancelled (by the user, or `cancelled()`). */
  read(uri: vscode.Uri, onSnapshot: (partial: AnalysisResult) => void, cancelled: () => boolean): Promise<AnalysisResult | undefined>;
  /** Calls `changed` when the file changes on disk. */
  watch(uri: vscode.Uri, changed: () => void): vscode.Disposable;
  /** The file's problems (undefined: none to show, its read failed or was cancelled). */
  publish(uri: vscode.Uri, result: AnalysisResult | undefined): void;
  /** Whether a preview shows the file. */
  isShown(uri: vscode.Uri): boolean;
  /** The analysis of the file changed (or its read started or ended): previews redraw. */
  changed(uri: vscode.Uri): void;
  onError(uri: vscode.Uri, error: unknown): void;
}

interface Tracked {
  uri: vscode.Uri;
  watcher: vscode.Disposable;
  /** Increases with every read; an older read's result is dropped. */
  generation: number;
  reading?: Promise<AnalysisResult | undefined>;
  /** Kept whatever the previews (while the user decides, after Lint File…). */
  pinned: number;
}

export class DiskAnalyses implements vscode.Disposable {
  private readonly results = new Map<string, AnalysisResult>();
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly host: DiskAnalysesHost) {}

  get(uri: vscode.Uri): AnalysisResult | undefined {
    return this.results.get(uri.toString());
  }

  isReading(uri: vscode.Uri): boolean {
    return this.tracked.get(uri.toString())?.reading !== undefined;
  }

  /** Whether the file was read from disk and is kept up to date. */
  has(uri: vscode.Uri): boolean {
    return this.tracked.has(uri.toString());
  }

  /**
   * Reads the file (again); a read under way for it is abandoned. With `pin`, the
   * analysis stays until `unpin` even if no preview shows it.
   */
  read(uri: vscode.Uri, options: { pin?: boolean } = {}): Promise<AnalysisResult | undefined> {
    const key = uri.toString();
    let t = this.tracked.get(key);
    if (!t) {
      t = { uri, generation: 0, pinned: 0, watcher: this.host.watch(uri, () => this.reread(uri)) };
      this.tracked.set(key, t);
    }
    if (options.pin) t.pinned++;
    const entry = t;
    const generation = ++entry.generation;
    const current = () => this.tracked.get(key) === entry && entry.generation === generation;
    const promise = (async () => {
      try {
        const result = await this.host.read(
          uri,
          (partial) => {
            if (!current()) return;
            this.results.set(key, partial);
            this.host.changed(uri);
          },
          () => !current(),
        );
        if (!current()) return undefined;
        if (result) {
          this.host.publish(uri, result);
          if (entry.pinned > 0 || this.host.isShown(uri)) this.results.set(key, result);
          else this.results.delete(key);
        } else {
          // Cancelled: no half analysis stays behind, and nothing is watched for it.
          this.forget(uri);
        }
        return result;
      } catch (error) {
        if (current()) {
          this.forget(uri);
          this.host.onError(uri, error);
        }
        return undefined;
      } finally {
        if (current()) entry.reading = undefined;
        this.host.changed(uri);
      }
    })();
    entry.reading = promise;
    this.host.changed(uri);
    return promise;
  }

  unpin(uri: vscode.Uri): void {
    const t = this.tracked.get(uri.toString());
    if (t && t.pinned > 0) t.pinned--;
    this.release();
  }

  private reread(uri: vscode.Uri): void {
    this.read(uri).catch((error: unknown) => this.host.onError(uri, error));
  }

  /** Settings changed: every file read from disk is read again. */
  refreshAll(): void {
    for (const t of [...this.tracked.values()]) this.reread(t.uri);
  }

  /** Previews closed or moved on: analyses no preview shows (and none pinned) go; their problems stay. */
  release(): void {
    for (const key of [...this.results.keys()]) {
      const t = this.tracked.get(key);
      if (t && (t.pinned > 0 || t.reading || this.host.isShown(t.uri))) continue;
      this.results.delete(key);
    }
  }

  /** Nothing more of this file: its analysis, its watcher, its problems. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.tracked.get(key);
    t?.watcher.dispose();
    this.tracked.delete(key);
    this.results.delete(key);
    this.host.publish(uri, undefined);
  }

  dispose(): void {
    for (const t of this.tracked.values()) t.watcher.dispose();
    this.tracked.clear();
    this.results.clear();
  }
}
