/**
 * Which previews exist, which follows which editor, and the serializer that
 * brings them back after a window reload. Like the Markdown preview: one
 * dynamic preview follows the active trace editor; locked ones stay put.
 */
import * as vscode from 'vscode';
import { episodeDiagram, type AnalysisResult } from '../engine';
import { PREVIEW_VIEW_TYPE, previewOptions, TracePreview, type PreviewSource } from './preview';
import { PreviewMemory } from './preview-memory';
import type { PreviewState } from './protocol';

const LANGUAGE_ID = 'oidtrace';

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly previews = new Set<TracePreview>();
  private active: TracePreview | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private readonly memory: PreviewMemory;
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  /** Fires when a preview opens, closes or moves to another trace. */
  readonly onDidChangePreviews = this.changedEmitter.event;

  /** `state` (the workspace's) keeps what each preview shows across window reloads. */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: PreviewSource,
    state?: vscode.Memento,
  ) {
    this.memory = new PreviewMemory(state);
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId !== LANGUAGE_ID) return;
        const cursor = this.traceLine(editor.document.uri, editor.selection.active.line + 1);
        for (const p of this.previews) {
          if (p.locked) continue;
          // Following another trace: the line to highlight is that editor's cursor line.
          p.show(cursor.resource, p.resource.toString() === cursor.resource.toString() ? undefined : cursor.line);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.languageId !== LANGUAGE_ID) return;
        const cursor = this.traceLine(e.textEditor.document.uri, e.selections[0]!.active.line + 1);
        for (const p of this.previewsOf(cursor.resource)) p.selectLine(cursor.line);
      }),
    );
  }

  /** The trace and line an editor's line shows: its own, or for a window of a big trace, that trace's. */
  private traceLine(uri: vscode.Uri, line: number): { resource: vscode.Uri; line: number } {
    return this.source.traceLineOf?.(uri, line) ?? { resource: uri, line };
  }

  /** The trace changed (an edit, a new analysis): its previews update, throttled. */
  refresh(resource: vscode.Uri): void {
    for (const p of this.previewsOf(resource)) p.update();
  }

  /** A new analysis of the trace exists (a big one arrives after its edit): previews not showing it update. */
  analysisChanged(resource: vscode.Uri): void {
    for (const p of this.previewsOf(resource)) p.analysisChanged();
  }

  /** A document closed: a preview waiting for its analysis (abandoned now) says what is left. */
  documentClosed(resource: vscode.Uri): void {
    for (const p of this.previewsOf(resource)) p.update(true);
  }

  refreshAll(): void {
    for (const p of this.previews) p.update(true);
  }

  show(resource: vscode.Uri, column: vscode.ViewColumn, line?: number): TracePreview {
    const existing = [...this.previews].find((p) => p.resource.toString() === resource.toString()) ?? [...this.previews].find((p) => !p.locked);
    if (existing) {
      existing.show(resource, line);
      existing.panel.reveal(column, true);
      this.active = existing;
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Diagram', { viewColumn: column, preserveFocus: true }, previewOptions(this.extensionUri));
    const preview = this.track(new TracePreview(panel, this.extensionUri, this.source, resource, false));
    if (line !== undefined) preview.selectLine(line, false);
    return preview;
  }

  get activePreview(): TracePreview | undefined {
    return this.active;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = state as Partial<PreviewState> | undefined;
    if (!s || typeof s.resource !== 'string') {
      panel.dispose();
      return;
    }
    // The webview's state names the trace its page was made with; the record says what it showed last.
    const id = typeof s.id === 'string' ? s.id : undefined;
    const shown = this.memory.recall(id);
    const resource = vscode.Uri.parse(shown?.resource ?? s.resource);
    const locked = shown?.locked ?? s.locked === true;
    if (this.source.restore) {
      await this.source.restore(resource).catch(() => undefined);
    } else {
      // Open the trace so there is an analysis to draw (the file is only read).
      await vscode.workspace.openTextDocument(resource).then(undefined, () => undefined);
    }
    this.track(new TracePreview(panel, this.extensionUri, this.source, resource, locked, id));
  }

  mermaidForExport(result: AnalysisResult): string {
    return result.episodes
      .map((episode) => {
        const d = episodeDiagram({ episode, events: result.events, diagnostics: result.diagnostics });
        return `## ${episode.title} (lines ${episode.firstLine}–${episode.lastLine}, ${episode.problems} problems)\n\n\`\`\`mermaid\n${d.text}\`\`\`\n`;
      })
      .join('\n');
  }

  /** A preview of the resource, if one is open. */
  previewOf(resource: vscode.Uri): TracePreview | undefined {
    return this.previewsOf(resource)[0];
  }

  /** Whether a preview shows the resource. */
  shows(resource: vscode.Uri): boolean {
    return this.previewsOf(resource).length > 0;
  }

  private previewsOf(resource: vscode.Uri): TracePreview[] {
    const key = resource.toString();
    return [...this.previews].filter((p) => p.resource.toString() === key);
  }

  private track(preview: TracePreview): TracePreview {
    this.previews.add(preview);
    this.active = preview;
    const remember = () => this.memory.remember({ id: preview.id, resource: preview.resource.toString(), locked: preview.locked });
    remember();
    preview.onDidChangeShown(() => {
      remember();
      this.changedEmitter.fire();
    });
    preview.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = preview;
    });
    preview.onDidDispose(() => {
      // Closed by the user (a reload ends the extension host without disposing): no record stays.
      if (!this.disposing) this.memory.forget(preview.id);
      this.previews.delete(preview);
      if (this.active === preview) this.active = undefined;
      if (!this.disposing) this.changedEmitter.fire();
    });
    return preview;
  }

  private disposing = false;

  dispose(): void {
    this.disposing = true;
    for (const p of this.previews) p.dispose();
    this.previews.clear();
    for (const d of this.disposables) d.dispose();
    this.changedEmitter.dispose();
  }
}
