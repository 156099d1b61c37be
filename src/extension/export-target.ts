/**
 * Which trace "Export Diagrams as Markdown" exports: the one the user is looking
 * at. A preview counts only while it is the active panel; otherwise the active
 * trace editor's file (a locked preview of another trace, last focused a while
 * ago, is not what the user asked for).
 */
import type * as vscode from 'vscode';

export interface PreviewLike {
  resource: vscode.Uri;
  panel: { active: boolean };
}

export function traceToExport(preview: PreviewLike | undefined, editorTrace: vscode.Uri | undefined): vscode.Uri | undefined {
  if (preview?.panel.active) return preview.resource;
  return editorTrace ?? preview?.resource;
}
