/** The text files the editor's tabs show. */
import * as vscode from 'vscode';

/** The text files a tab shows (both sides of a diff). */
export function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

/** Every text file some tab shows, as URI strings; with `diffs: false`, not the sides of a diff. */
export function shownUris({ diffs = true } = {}): Set<string> {
  const shown = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!diffs && !(tab.input instanceof vscode.TabInputText)) continue;
      for (const uri of tabUris(tab)) shown.add(uri.toString());
    }
  }
  return shown;
}
