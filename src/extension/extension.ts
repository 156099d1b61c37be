/**
 * Activation: wires the engine's analysis into VS Code. Every feature is a thin
 * layer over the engine; nothing here parses or checks traces itself.
 */
import * as vscode from 'vscode';
import type { AnalysisResult } from '../engine';
import { PreviewManager } from '../preview/preview-manager';
import { AnalysisCache } from './analysis-cache';
import { AnalysisWorkerClient } from './analysis-worker-client';
import { RuleCodeActionProvider } from './code-actions';
import { isTraceDocument, LANGUAGE_ID, readSettings } from './config';
import { DiagnosticsController } from './diagnostics';
import { diagnosticsOf } from './not-read';
import { OidHoverProvider } from './hover';
import { LanguageOffer } from './language-offer';
import { analyzeFileFromDisk, lintWorkspace } from './lint-commands';
import { DiskAnalyses } from './disk-analyses';
import { EpisodeSymbolProvider, PairDefinitionProvider } from './navigation';
import { TraceStatusItem } from './status-item';
import { commandUri, lintFromDisk, pickFile, type DiskLintHost } from './disk-lint';
import { WindowView } from './window-view';
import { plural } from './plural';
import { registerHostStats } from './host-stats';
import { correlateTraces, parseCorrelationResource, type CorrelationView } from './correlate-command';
import { TEACH_FORMAT, teachFormat } from './teach-format';
import { registerExportCommands } from './export-commands';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('OID Trace', { log: true });
  const worker = new AnalysisWorkerClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'analysis-worker.js').fsPath, (m) => output.error(m));
  context.subscriptions.push(worker);
  const cache = new AnalysisCache((m) => output.error(m), worker);
  const diagnostics = new DiagnosticsController(cache, (m) => output.error(m));
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };

  /** The analysis of a trace: its open document's (whatever language it has now), else one read from disk. */
  /** Correlations of a host trace and a guest log, by the preview resource that shows them. */
  const correlations = new Map<string, CorrelationView>();
  const analysisOf = (resource: vscode.Uri): AnalysisResult | undefined => {
    const correlation = correlations.get(resource.toString());
    if (correlation) return correlation.result;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString());
    if (document) return cache.get(document)?.result;
    return disk.get(resource);
  };
  const previews = new PreviewManager(
    context.extensionUri,
    {
      restore: (uri) => restorePreviewOf(uri),
      analysisOf,
      isReading: (uri) => disk.isReading(uri),
      isAnalysing: (uri) => cache.isAnalysing(uri),
      sourceUri: (uri, source) => {
        const c = correlations.get(uri.toString());
        return c ? [c.host, c.guest][source] : source === 0 ? uri : undefined;
      },
      revealUnopenable: (uri, line) => windows.show(uri, line),
      traceLineOf: (uri, line) => windows.fileLine(uri, line),
    },
    context.workspaceState,
  );

  /**
   * A preview restored after a window reload: a correlation is made again from its two
   * files (the pair's choices are in its resource); a trace is opened (only read), or
   * read from disk when it is too big to open.
   */
  const restorePreviewOf = async (uri: vscode.Uri): Promise<void> => {
    const pair = parseCorrelationResource(uri);
    if (pair) {
      const view = await correlateTraces(diagnostics.collection, { ...pair, quiet: true });
      if (view) correlations.set(uri.toString(), view);
      return;
    }
    const opened = await vscode.workspace.openTextDocument(uri).then(
      () => true,
      () => false,
    );
    if (!opened && uri.scheme === 'file')
      readForPreview(uri).catch((error: unknown) => output.error(`reading ${uri.toString()} for its preview: ${error instanceof Error ? error.message : String(error)}`));
  };

  /**
   * Traces read from disk (over the editor's 50 MB limit, or picked for Lint File…):
   * kept up to date with the file and the settings; a preview draws what the file
   * shows so far while the rest is still being read.
   */
  const disk: DiskAnalyses = new DiskAnalyses({
    read: (uri, onSnapshot, cancelled) => analyzeFileFromDisk(uri, onSnapshot, cancelled),
    watch: (uri, changed) => {
      const folder = vscode.Uri.joinPath(uri, '..');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.split('/').pop()!));
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(() => disk.forget(uri));
      return watcher;
    },
    publish: (uri, result) => {
      // An open document's problems are the editor's, from its text as edited.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && isTraceDocument(d))) return;
      if (result) diagnostics.collection.set(uri, diagnosticsOf(uri, result));
      else diagnostics.collection.delete(uri);
    },
    isShown: (uri) => previews.shows(uri),
    changed: (uri) => previews.refresh(uri),
    onError: (uri, error) =>
      void vscode.window.showErrorMessage(`OID Trace: ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}: ${error instanceof Error ? error.message : String(error)}`),
  });
  const readForPreview = async (uri: vscode.Uri): Promise<void> => {
    if (disk.isReading(uri) || analysisOf(uri)) return;
    await disk.read(uri);
  };

  /** A bad pattern in `oidtrace.dialects` is a clear message, once per change of the setting; that dialect is not used. */
  const reportDialectErrors = () => {
    const errors = readSettings().dialectErrors;
    if (errors.length === 0) return;
    for (const e of errors) output.error(e);
    const open = 'Open Settings';
    void vscode.window
      .showErrorMessage(`OID Trace: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more, see the OID Trace output)` : ''}`, open)
      .then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'oidtrace.dialects');
      });
  };
  reportDialectErrors();

  const windows = new WindowView(analysisOf);
  const symbols = new EpisodeSymbolProvider(cache);
  context.subscriptions.push(
    output,
    cache,
    diagnostics,
    previews,
    disk,
    previews.onDidChangePreviews(() => disk.release()),
    windows,
    new TraceStatusItem(cache, (d) => windows.status(d)),
    registerHostStats(cache, diagnostics, output),
    new LanguageOffer(context.globalState, context.workspaceState, (m) => output.error(m)),
    vscode.languages.registerHoverProvider(selector, new OidHoverProvider(cache)),
    vscode.languages.registerDocumentSymbolProvider(selector, symbols, { label: 'OID Trace episodes' }),
    vscode.languages.registerFoldingRangeProvider(selector, symbols),
    vscode.languages.registerDefinitionProvider(selector, new PairDefinitionProvider(cache)),
    vscode.languages.registerCodeActionsProvider(selector, new RuleCodeActionProvider(cache), {
      providedCodeActionKinds: RuleCodeActionProvider.kinds,
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) previews.analysisChanged(e.document.uri);
    }),
    // A big trace's analysis arrives after its edit (made in slices): the preview follows it.
    cache.onDidAnalyze((a) => previews.analysisChanged(vscode.Uri.parse(a.uri))),
    // Closing it abandons an analysis under way: a preview waiting for it must not wait forever.
    vscode.workspace.onDidCloseTextDocument((d) => previews.documentClosed(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('oidtrace.dialects')) reportDialectErrors();
      if (e.affectsConfiguration('oidtrace')) {
        diagnostics.relintAll();
        disk.refreshAll();
        previews.refreshAll();
      }
    }),
  );

  const traceUri = (arg?: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    const editor = vscode.window.activeTextEditor;
    if (editor && isTraceDocument(editor.document)) return editor.document.uri;
    return previews.activePreview?.resource;
  };
  const command = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  command('oidtrace.lintFile', () => {
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      cache.delete(editor.document.uri);
      diagnostics.lintNow(editor.document);
    }
  });
  command('oidtrace.lintWorkspace', () =>
    lintWorkspace(diagnostics.collection, async (uri) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && isTraceDocument(d));
      return document ? (await cache.ensure(document))?.result : undefined;
    }),
  );
  const diskLint: DiskLintHost = {
    // Kept while the user decides whether to open its diagram.
    read: (uri) => disk.read(uri, { pin: true }),
    unpin: (uri) => disk.unpin(uri),
    showDiagram: (uri) => previews.show(uri, vscode.ViewColumn.Beside),
  };
  command('oidtrace.lintFileFromDisk', async () => {
    const uri = await pickFile('Lint File', 'Lint');
    if (uri) await lintFromDisk(uri, diskLint);
  });
  // The Explorer's Lint File: an open trace's problems are the editor's; any other file is read from disk.
  command('oidtrace.lintResource', async (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : await pickFile('Lint File', 'Lint');
    if (!uri) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && isTraceDocument(d));
    if (!document) return lintFromDisk(uri, diskLint);
    const result = (await cache.ensure(document))?.result;
    diagnostics.lintNow(document);
    if (result)
      void vscode.window.showInformationMessage(
        `OID Trace: ${plural(result.eventCount, 'OID event')}, ${plural(result.diagnostics.length, 'problem')} in ${vscode.workspace.asRelativePath(uri)}.`,
      );
  });
  command('oidtrace.correlate', async (host?: unknown, guest?: unknown, offsetMs?: unknown) => {
    try {
      const view = await correlateTraces(diagnostics.collection, {
        host: host instanceof vscode.Uri ? host : undefined,
        guest: guest instanceof vscode.Uri ? guest : undefined,
        offsetMs: typeof offsetMs === 'number' ? offsetMs : undefined,
      });
      if (!view) return;
      correlations.set(view.resource.toString(), view);
      // Locked: clicking a line opens the host's or the guest's file, and the preview stays on the pair.
      const preview = previews.show(view.resource, vscode.ViewColumn.Beside);
      preview.setLocked(true);
    } catch (error) {
      void vscode.window.showErrorMessage(`OID Trace: cannot correlate: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  command(TEACH_FORMAT, (arg?: unknown) =>
    teachFormat(cache, worker, arg).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`OID Trace: cannot teach the format: ${error instanceof Error ? error.message : String(error)}`);
    }),
  );
  /**
   * The file of the active editor (or the Explorer's) becomes a trace; a file the editor
   * cannot hold (over 50 MB, VS Code hands it to no extension) is read from disk instead.
   */
  command('oidtrace.treatAsTrace', async (arg?: unknown) => {
    const uri = commandUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('OID Trace: open the file to treat as a trace first.');
      return;
    }
    let document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let openError: unknown;
    if (!document) document = await vscode.workspace.openTextDocument(uri).then(undefined, (error: unknown) => void (openError = error));
    if (document) {
      if (document.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      return;
    }
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(
        `OID Trace: cannot open ${vscode.workspace.asRelativePath(uri)}: ${openError instanceof Error ? openError.message : String(openError)}`,
      );
      return;
    }
    const size = (await vscode.workspace.fs.stat(uri)).size;
    await lintFromDisk(uri, diskLint, `${(size / 1e6).toFixed(0)} MB, more than the editor hands to extensions, read from disk: `);
  });
  command('oidtrace.showPreview', async (arg?: unknown, line?: unknown) => {
    // From the command palette with no trace at hand: any file, by choice.
    const uri = traceUri(arg) ?? (await pickFile('Open Sequence Diagram', 'Open Diagram'));
    if (!uri) return;
    if (!analysisOf(uri))
      readForPreview(uri).catch((error: unknown) => output.error(`reading ${uri.toString()} for its preview: ${error instanceof Error ? error.message : String(error)}`));
    previews.show(uri, vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active, typeof line === 'number' ? line : undefined);
  });
  command('oidtrace.showPreviewToSide', (arg?: unknown, line?: unknown) => {
    const uri = traceUri(arg);
    const at = typeof line === 'number' ? line : vscode.window.activeTextEditor ? vscode.window.activeTextEditor.selection.active.line + 1 : undefined;
    if (uri) previews.show(uri, vscode.ViewColumn.Beside, at);
  });
  command('oidtrace.showSource', async () => {
    const preview = previews.activePreview;
    if (!preview) return;
    const document = await vscode.workspace.openTextDocument(preview.resource);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  });
  command('oidtrace.togglePreviewLock', () => {
    const preview = previews.activePreview;
    if (preview) preview.setLocked(!preview.locked);
  });
  command('oidtrace.copyMermaid', async () => {
    const text = previews.activePreview?.mermaidSource();
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage('OID Trace: Mermaid source copied', 3000);
  });
  registerExportCommands(context, previews, analysisOf);
  command('oidtrace.goToEpisode', async () => {
    // The preview the user is looking at; else the one of the trace in the editor, opened beside it if there is none.
    const editor = vscode.window.activeTextEditor;
    const editorTrace = editor && isTraceDocument(editor.document) ? editor.document.uri : undefined;
    const active = previews.activePreview;
    let preview = active?.panel.active ? active : editorTrace ? previews.previewOf(editorTrace) : active;
    if (!preview && editorTrace) preview = previews.show(editorTrace, vscode.ViewColumn.Beside, editor!.selection.active.line + 1);
    await preview?.searchEpisodes();
  });
}

export function deactivate(): void {}
