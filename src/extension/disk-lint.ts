/**
 * Linting one file read from disk (Lint File…, the Explorer's Lint File, Treat This
 * File as a Trace on a file the editor cannot open): its problems go to the Problems
 * panel, and one message says what was found, with the way to its diagram.
 */
import * as vscode from 'vscode';
import { describeReading, OWN_FORMAT_DOCS, type AnalysisResult } from '../engine';
import { LEARN_OWN_FORMAT } from './not-read';
import { plural } from './plural';

export interface DiskLintHost {
  /** Reads the file (kept until `unpin`); undefined when cancelled or failed (said elsewhere). */
  read(uri: vscode.Uri): Promise<AnalysisResult | undefined>;
  unpin(uri: vscode.Uri): void;
  showDiagram(uri: vscode.Uri): void;
}

const OPEN = 'Open Sequence Diagram';

/** `why`: said before the counts, e.g. why the file was read from disk. */
export async function lintFromDisk(uri: vscode.Uri, host: DiskLintHost, why = ''): Promise<void> {
  const result = await host.read(uri);
  try {
    if (!result) return;
    const file = vscode.workspace.asRelativePath(uri);
    if (result.reading.notRead) {
      // Never a clean-looking count for a file it could not read.
      const choice = await vscode.window.showWarningMessage(
        `OID Trace: ${file}: ${why}${describeReading(result.reading, result.lines)}.`,
        LEARN_OWN_FORMAT,
        ...(result.eventCount > 0 ? [OPEN] : []),
      );
      if (choice === LEARN_OWN_FORMAT) await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(OWN_FORMAT_DOCS));
      if (choice === OPEN) host.showDiagram(uri);
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `OID Trace: ${why}${plural(result.eventCount, 'OID event')}, ${plural(result.diagnostics.length, 'problem')} in ${file}.`,
      OPEN,
    );
    if (choice === OPEN) host.showDiagram(uri);
  } finally {
    host.unpin(uri);
  }
}

/** The file a command was given, or the one the active editor tab shows (also a file too big to reach extensions). */
export function commandUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor) return editor.document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}

/** Asks for a file (the command palette's way to any file). */
export async function pickFile(title: string, openLabel: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel, title: `OID Trace: ${title}` });
  return picked?.[0];
}
