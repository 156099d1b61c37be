/**
 * One preview panel's life: which trace it shows, updates (first at once, later
 * throttled), the cursor's line, reveal requests, export, dispose.
 */
import * as vscode from 'vscode';
import { DEFAULT_PAGE_SIZE, episodeDiagram, type AnalysisResult } from '../engine';
import { searchEpisodes, type EpisodeSearchTarget } from './episode-search';
import { newPreviewId } from './preview-memory';
import { contentSecurityPolicy, makeNonce } from './security';
import { episodeAtLine, episodeDetail, parseFromWebview, summarize, type EpisodeSummary, type PreviewState, type ToWebview } from './protocol';

export const PREVIEW_VIEW_TYPE = 'oidtrace.preview';

function pageSizeSetting(): number {
  const n = vscode.workspace.getConfiguration('oidtrace').get<number>('preview.pageSize') ?? DEFAULT_PAGE_SIZE;
  return Number.isInteger(n) && n >= 20 && n <= 5000 ? n : DEFAULT_PAGE_SIZE;
}
const THROTTLE_MS = 300;

/** The zoom the user last chose in any preview (undefined: fit): the next preview opens with it. */
let lastZoom: number | undefined;

export interface PreviewSource {
  /** The analysis of a resource: from its open document, or read from disk. */
  analysisOf(resource: vscode.Uri): AnalysisResult | undefined;
  /** True while the resource is being read from disk (its analysis may still be missing). */
  isReading?(resource: vscode.Uri): boolean;
  /** True while an open document's analysis is being made (a big trace, after an edit or a settings change). */
  isAnalysing?(resource: vscode.Uri): boolean;
  /** In a correlation, the file of a source index (0 host, 1 guest). */
  sourceUri?(resource: vscode.Uri, source: number): vscode.Uri | undefined;
  /** Before a preview restored after a reload shows a resource: make its analysis again (a correlation). */
  restore?(resource: vscode.Uri): Promise<void>;
  /** Shows a line of a trace the editor cannot open (over its 50 MB limit) some other way. */
  revealUnopenable?(resource: vscode.Uri, line: number): Promise<void>;
  /** For an editor that shows part of a trace (a window of a big one): that trace and its line. */
  traceLineOf?(uri: vscode.Uri, line: number): { resource: vscode.Uri; line: number } | undefined;
}

export function previewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class TracePreview implements vscode.Disposable, EpisodeSearchTarget {
  private generation = 0;
  private episode: number | undefined;
  private highlightLine: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private ready = false;
  private svgRequests = new Map<number, (svg: string | undefined) => void>();
  private nextRequest = 1;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly shownEmitter = new vscode.EventEmitter<void>();
  /** Fires when the preview moves to another trace or is locked or unlocked. */
  readonly onDidChangeShown = this.shownEmitter.event;
  private disposed = false;
  /** The analysis last posted to the webview. */
  private posted: AnalysisResult | undefined;
  /** The resource whose trace the webview shows, if any. */
  private shown: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly source: PreviewSource,
    public resource: vscode.Uri,
    public locked: boolean,
    readonly id: string = newPreviewId(),
  ) {
    panel.webview.options = previewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'preview-icon.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
    );
    this.updateTitle();
  }

  get state(): PreviewState {
    return { resource: this.resource.toString(), locked: this.locked, episode: this.episode, id: this.id, ...(lastZoom !== undefined ? { zoom: lastZoom } : {}) };
  }

  show(resource: vscode.Uri, line?: number): void {
    const changed = resource.toString() !== this.resource.toString();
    this.resource = resource;
    if (changed) {
      this.episode = undefined;
      this.highlightLine = undefined; // a line of the previous trace means nothing in this one
    }
    if (line !== undefined) this.selectLine(line, false);
    this.updateTitle();
    if (changed) this.shownEmitter.fire();
    this.update(true);
  }

  setLocked(locked: boolean): void {
    const changed = locked !== this.locked;
    this.locked = locked;
    this.updateTitle();
    if (changed) this.shownEmitter.fire();
    this.update(true);
  }

  /** The trace changed: the first update goes at once, later ones at most every 300 ms. */
  update(immediate = false): void {
    if (this.disposed) return;
    const now = Date.now();
    if (immediate || now - this.lastUpdate >= THROTTLE_MS) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.lastUpdate = now;
      this.post();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.lastUpdate = Date.now();
          this.post();
        },
        THROTTLE_MS - (now - this.lastUpdate),
      );
    }
  }

  /** The editor's cursor moved to a (1-based) line of this trace. */
  selectLine(line: number, send = true): void {
    const result = this.source.analysisOf(this.resource);
    this.highlightLine = line;
    if (!result) return;
    const index = episodeAtLine(result, line);
    if (index !== undefined && index !== this.episode) {
      this.episode = index;
      if (send) this.postEpisode(result);
    } else if (send) {
      this.postMessage({ type: 'highlight', line });
    }
  }

  /** The episode shown now (undefined before the trace is analysed or when it has none). */
  get currentEpisode(): number | undefined {
    return this.episode;
  }

  /** The summaries of the shown trace's episodes, as the picker lists them. */
  episodes(): EpisodeSummary[] | undefined {
    const result = this.source.analysisOf(this.resource);
    return result && summaries(result);
  }

  /** Shows an episode of the trace (from the picker or "Go to Episode…"). */
  selectEpisode(index: number): void {
    const result = this.source.analysisOf(this.resource);
    if (!result || index >= result.episodes.length) return;
    this.episode = index;
    this.postEpisode(result);
  }

  /** "Go to Episode…" over this preview's trace. */
  searchEpisodes(): Promise<void> {
    return searchEpisodes(this);
  }

  /** Mermaid text of the shown episode (the same function the CLI uses). */
  mermaidSource(): string | undefined {
    const result = this.source.analysisOf(this.resource);
    const episode = result?.episodes[this.episode ?? 0];
    if (!result || !episode) return undefined;
    return episodeDiagram({ episode, events: result.events, diagnostics: result.diagnostics }, { pageSize: pageSizeSetting() }).text;
  }

  async requestSvg(): Promise<string | undefined> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.svgRequests.set(requestId, resolve);
      this.postMessage({ type: 'requestSvg', requestId });
      setTimeout(() => {
        if (this.svgRequests.delete(requestId)) resolve(undefined);
      }, 10000);
    });
  }

  /** A new analysis may exist: post it if it is not the one already shown. */
  analysisChanged(): void {
    if (this.source.analysisOf(this.resource) !== this.posted) this.update();
  }

  private post(): void {
    if (!this.ready) return;
    const result = this.source.analysisOf(this.resource);
    this.posted = result;
    if (!result) {
      const name = vscode.workspace.asRelativePath(this.resource);
      const reading = this.source.isReading?.(this.resource) === true;
      const analysing = !reading && this.source.isAnalysing?.(this.resource) === true;
      // The trace on screen is this one, being analysed again: it stays until the new analysis comes.
      if ((reading || analysing) && this.shown === this.resource.toString()) return;
      // Otherwise what is on screen is another trace's, or none: the webview clears it.
      this.shown = undefined;
      if (reading || analysing) this.postMessage({ type: 'status', message: `${reading ? 'Reading' : 'Analysing'} ${name}…` });
      else this.postMessage({ type: 'error', message: `${this.resource.fsPath} is not open as an OID trace.` });
      return;
    }
    this.shown = this.resource.toString();
    if (this.episode === undefined || this.episode >= result.episodes.length) {
      const firstProblem = result.episodes.find((e) => e.problems > 0);
      this.episode = firstProblem?.index ?? (result.episodes.length ? 0 : undefined);
    }
    this.postMessage({
      type: 'trace',
      generation: ++this.generation,
      fileName: vscode.workspace.asRelativePath(this.resource),
      locked: this.locked,
      pageSize: pageSizeSetting(),
      episodes: summaries(result),
      detail: this.episode === undefined ? undefined : episodeDetail(result, this.episode),
      highlightLine: this.highlightLine,
      ...(result.partial ? { readingLines: result.lines } : {}),
    });
  }

  private postEpisode(result: AnalysisResult): void {
    const detail = this.episode === undefined ? undefined : episodeDetail(result, this.episode);
    if (detail) this.postMessage({ type: 'episode', generation: ++this.generation, detail, highlightLine: this.highlightLine });
  }

  private postMessage(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // A new page (the panel was hidden and shown again): it shows nothing yet.
        this.shown = undefined;
        this.post();
        break;
      case 'selectEpisode':
        this.selectEpisode(message.index);
        break;
      case 'searchEpisodes':
        await this.searchEpisodes();
        break;
      case 'reveal':
        await this.reveal(message.line, message.source === undefined ? this.resource : this.source.sourceUri?.(this.resource, message.source));
        break;
      case 'zoom':
        lastZoom = message.zoom;
        break;
      case 'svg':
        this.svgRequests.get(message.requestId)?.(message.svg);
        this.svgRequests.delete(message.requestId);
        break;
    }
  }

  /**
   * Reveals and selects a trace line in its editor; a trace the editor cannot open is
   * shown the source's other way, or the reason is said. Lines past the end of the
   * document (it was edited since) are ignored.
   */
  private async reveal(line: number, uri: vscode.Uri | undefined): Promise<void> {
    if (!uri) return;
    let document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) {
      try {
        document = await vscode.workspace.openTextDocument(uri);
      } catch (error) {
        await this.revealUnopenable(uri, line, error);
        return;
      }
    }
    if (line > document.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const range = document.lineAt(line - 1).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async revealUnopenable(uri: vscode.Uri, line: number, openError: unknown): Promise<void> {
    const name = vscode.workspace.asRelativePath(uri);
    const why = (error: unknown) => (error instanceof Error ? error.message : String(error));
    if (!this.source.revealUnopenable) {
      void vscode.window.showErrorMessage(`OID Trace: cannot open ${name}: ${why(openError)}`);
      return;
    }
    try {
      await this.source.revealUnopenable(uri, line);
    } catch (error) {
      void vscode.window.showErrorMessage(`OID Trace: cannot show line ${line} of ${name}: ${why(error)}`);
    }
  }

  private updateTitle(): void {
    let name = this.resource.path.split('/').pop() ?? 'trace';
    // A correlation's resource carries the guest's file in its query.
    const guest = /(?:^|&)oidtrace-correlate=([^&]+)/.exec(this.resource.query)?.[1];
    if (guest) name += ` + ${decodeURIComponent(guest).split('/').pop()}`;
    this.panel.title = this.locked ? `[Locked] Diagram ${name}` : `Diagram ${name}`;
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = makeNonce();
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('preview.css')}">
<title>OID Trace diagram</title>
</head>
<body>
<div id="app" data-state="${escapeAttr(JSON.stringify(this.state))}"></div>
<script type="module" nonce="${nonce}" src="${media('preview/main.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const resolve of this.svgRequests.values()) resolve(undefined);
    this.svgRequests.clear();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.shownEmitter.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Each episode of a trace as the picker lists it. */
function summaries(result: AnalysisResult): EpisodeSummary[] {
  return result.episodes.map((e) => summarize(e, result.events));
}
