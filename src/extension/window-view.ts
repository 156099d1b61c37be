/**
 * The lines around an event of a trace too big for the editor (VS Code hands no
 * file over 50 MB to extensions): a read-only document of its own scheme holding
 * a window of the file's lines, read from disk up to the last of them, in the OID
 * Trace language, with the file's problems on those lines. Its title, its hover
 * and the language status say the file's real line numbers.
 */
import * as vscode from 'vscode';
import { decodeText, looksBinary, type AnalysisResult } from '../engine';
import { LineCollector, readLines, type LinesRead } from '../node/read-lines';
import { LANGUAGE_ID, WINDOW_SCHEME } from './config';
import { toDiagnostic } from './convert';
import { describeLine, diagnosticsInWindow, parseWindowQuery, toFileLine, toWindowLine, windowAround, windowQuery, windowTitle, type LineWindow } from './line-window';
import { plural } from './plural';
import { shownUris } from './tabs';

export interface WindowOf {
  file: vscode.Uri;
  window: LineWindow;
}

/** The file and lines a window document shows; undefined for any other document. */
export function windowOf(uri: vscode.Uri): WindowOf | undefined {
  if (uri.scheme !== WINDOW_SCHEME) return undefined;
  const parsed = parseWindowQuery(uri.query);
  return parsed && { file: vscode.Uri.parse(parsed.file), window: parsed.window };
}

const nameOf = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;

export class WindowView implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('oidtrace-window');
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Windows being opened: their problems are set before their tab exists. */
  private readonly opening = new Set<string>();

  /** `analysisOf`: the analysis of the whole file (read from disk), whose problems the window shows. */
  constructor(private readonly analysisOf: (file: vscode.Uri) => AnalysisResult | undefined) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(WINDOW_SCHEME, this),
      vscode.languages.registerHoverProvider({ scheme: WINDOW_SCHEME }, this),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === WINDOW_SCHEME) this.collection.delete(d.uri);
      }),
      // VS Code keeps a document a while after its last tab closes: its problems go with the tab.
      vscode.window.tabGroups.onDidChangeTabs(() => this.dropProblemsWithoutTab()),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const shown = windowOf(uri);
    if (!shown) throw new Error(`not a window of a trace: ${uri.toString()}`);
    const read = await readWindow(shown.file, shown.window);
    return read.lines.join('\n');
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const shown = windowOf(document.uri);
    if (!shown) return undefined;
    return new vscode.Hover(describeLine(nameOf(shown.file), shown.window, position.line + 1));
  }

  /** The status of a window's document: its lines and problems (the language status item shows it). */
  status(document: vscode.TextDocument): { text: string; detail: string } | undefined {
    const shown = windowOf(document.uri);
    if (!shown) return undefined;
    const problems = this.collection.get(document.uri)?.length ?? 0;
    const whole = this.analysisOf(shown.file)?.diagnostics.length;
    return {
      text: `${windowTitle(nameOf(shown.file), shown.window)} · ${plural(problems, 'problem')}`,
      detail: `read from disk${whole === undefined ? '' : `; ${plural(whole, 'problem')} in the whole file`}`,
    };
  }

  /** For a line of a window: its file and the file's line. */
  fileLine(uri: vscode.Uri, windowLine: number): { resource: vscode.Uri; line: number } | undefined {
    const shown = windowOf(uri);
    return shown && { resource: shown.file, line: toFileLine(shown.window, windowLine) };
  }

  private dropProblemsWithoutTab(): void {
    const shown = shownUris();
    this.collection.forEach((uri) => {
      if (!shown.has(uri.toString()) && !this.opening.has(uri.toString())) this.collection.delete(uri);
    });
  }

  /** Shows the lines around a (1-based) line of the file, that line selected. */
  async show(file: vscode.Uri, line: number): Promise<void> {
    const analysis = this.analysisOf(file);
    const window = windowAround(line, analysis?.lines);
    const dir = file.path.slice(0, file.path.lastIndexOf('/'));
    const uri = vscode.Uri.from({ scheme: WINDOW_SCHEME, path: `${dir}/${windowTitle(nameOf(file), window)}`, query: windowQuery(file.toString(), window) });
    // Opened before: its lines are read again (the file may have changed since).
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.changed.fire(uri);
    this.opening.add(uri.toString());
    try {
      let document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      if (analysis)
        this.collection.set(
          uri,
          diagnosticsInWindow(analysis.diagnostics, window).map((d) => toDiagnostic(uri, d)),
        );
      const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false, preview: true });
      const at = Math.min(toWindowLine(window, line), document.lineCount) - 1;
      const range = document.lineAt(at).range;
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    } finally {
      this.opening.delete(uri.toString());
    }
  }

  dispose(): void {
    this.collection.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** A file on this machine's disk is read up to the window's last line; another file system's, whole. */
async function readWindow(file: vscode.Uri, window: LineWindow): Promise<LinesRead> {
  if (file.scheme === 'file') return readLines(file.fsPath, window.first, window.last);
  const bytes = await vscode.workspace.fs.readFile(file);
  if (looksBinary(bytes)) throw new Error('not a text trace (binary content)');
  const collector = new LineCollector(window.first, window.last);
  collector.push(decodeText(bytes));
  return collector.end();
}
