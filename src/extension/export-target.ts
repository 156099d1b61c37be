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

/** A trace's file name without its extension: `teardown-order` of `/w/teardown-order.oidtrace`. */
function baseName(uri: vscode.Uri): string {
  const name = uri.path.split('/').pop() || 'trace';
  return name.replace(/\.[^.]*$/, '') || name;
}

/**
 * Where the save dialog of an export starts: in the trace's workspace folder (`folder`),
 * next to the trace only when it is in none; `fallback` (the first workspace folder)
 * for a trace that is no file (an untitled one). `suffix` is `.svg`, `.diagrams.md`.
 */
export function defaultExportUri(trace: vscode.Uri, folder: vscode.Uri | undefined, fallback: vscode.Uri | undefined, suffix: string): vscode.Uri | undefined {
  const name = `${baseName(trace)}${suffix}`;
  const into = (dir: vscode.Uri) => dir.with({ path: `${dir.path.replace(/\/+$/, '')}/${name}`, query: '', fragment: '' });
  if (folder) return into(folder);
  if (trace.scheme === 'untitled') return fallback ? into(fallback) : undefined;
  return trace.with({ path: trace.path.replace(/[^/]*$/, name), query: '', fragment: '' });
}

/**
 * Whether writing `target` would overwrite a trace the export was made from: the trace
 * itself or, for a correlation (whose resource names its guest log in the query), either file.
 */
export function overwritesTrace(target: vscode.Uri, trace: vscode.Uri): boolean {
  const file = (u: vscode.Uri) => u.with({ query: '', fragment: '' }).toString();
  const guest = /(?:^|&)oidtrace-correlate=([^&]+)/.exec(trace.query)?.[1];
  return file(target) === file(trace) || (guest !== undefined && target.toString() === decodeURIComponent(guest));
}
