/**
 * "Export Diagram as SVG…" and "Export as Markdown…": the save dialog starts in the
 * trace's workspace folder (next to the trace only when it is in none), never writes
 * over the trace, and says where it wrote, with buttons to open the file or reveal it.
 */
import * as vscode from 'vscode';
import type { AnalysisResult } from '../engine';
import type { PreviewManager } from '../preview/preview-manager';
import { isTraceDocument } from './config';
import { defaultExportUri, overwritesTrace, traceToExport } from './export-target';

async function chooseTarget(trace: vscode.Uri, suffix: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  const file = trace.with({ query: '', fragment: '' });
  const folder = vscode.workspace.getWorkspaceFolder(file)?.uri;
  const defaultUri = defaultExportUri(file, folder, vscode.workspace.workspaceFolders?.[0]?.uri, suffix);
  const target = await vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters });
  if (!target) return undefined;
  if (overwritesTrace(target, trace)) {
    await vscode.window.showErrorMessage(`OID Trace: not exported: ${vscode.workspace.asRelativePath(target)} is the trace itself. Choose another name.`);
    return undefined;
  }
  return target;
}

async function write(target: vscode.Uri, text: string): Promise<void> {
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    await vscode.window.showErrorMessage(`OID Trace: could not write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  // In a workspace folder the Explorer shows it; outside, the system's file manager does.
  const inWorkspace = vscode.workspace.getWorkspaceFolder(target) !== undefined;
  const where = inWorkspace ? vscode.workspace.asRelativePath(target) : target.fsPath;
  const choice = await vscode.window.showInformationMessage(`OID Trace: exported to ${where}`, 'Open', 'Reveal');
  if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
  else if (choice === 'Reveal') await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', target);
}

export function registerExportCommands(
  context: vscode.ExtensionContext,
  previews: PreviewManager,
  analysisOf: (resource: vscode.Uri) => AnalysisResult | undefined,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('oidtrace.exportSvg', async () => {
      const preview = previews.activePreview;
      if (!preview) return;
      const svg = await preview.requestSvg();
      if (!svg) {
        await vscode.window.showErrorMessage('OID Trace: the diagram is not rendered yet.');
        return;
      }
      const target = await chooseTarget(preview.resource, '.svg', { SVG: ['svg'] });
      if (target) await write(target, svg);
    }),
    vscode.commands.registerCommand('oidtrace.exportMarkdown', async () => {
      const editor = vscode.window.activeTextEditor;
      const uri = traceToExport(previews.activePreview, editor && isTraceDocument(editor.document) ? editor.document.uri : undefined);
      const analysis = uri && analysisOf(uri);
      if (!uri || !analysis) return;
      const target = await chooseTarget(uri, '.diagrams.md', { Markdown: ['md'] });
      if (target) await write(target, previews.mermaidForExport(analysis));
    }),
  );
}
