/**
 * Linting beyond the open editors: every trace file of the workspace, and a file
 * read straight from disk with the streaming engine (traces over the editor's
 * 50 MB limit never reach extensions as documents).
 */
import * as vscode from 'vscode';
import { analyze, decodeText, looksBinary, SKIPPED_FOLDERS, TRACE_FILE_GLOBS, type AnalysisResult } from '../engine';
import { analyzeFile } from '../node/analyze-file';
import { customDialectFor, readSettings } from './config';
import { diagnosticsOf } from './not-read';
import { plural } from './plural';

/**
 * Every trace file of the workspace: the files the command line checks in a folder
 * (`oidtrace lint DIR`) and those the settings name. An open trace's problems are the
 * editor's (of its text as edited, maybe unsaved): counted from its analysis, not read
 * again from disk.
 */
export async function lintWorkspace(collection: vscode.DiagnosticCollection, openAnalysis: (uri: vscode.Uri) => Promise<AnalysisResult | undefined>): Promise<void> {
  const settings = readSettings();
  const patterns = [...TRACE_FILE_GLOBS, ...settings.associations, ...settings.dialects.flatMap((d) => d.files)];
  const exclude = `**/{${SKIPPED_FOLDERS.join(',')}}/**`;
  const found = new Map<string, vscode.Uri>();
  for (const p of patterns) for (const uri of await vscode.workspace.findFiles(p, exclude)) found.set(uri.toString(), uri);
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let problems = 0;
  let linted = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'OID Trace: linting trace files', cancellable: true },
    async (progress, token) => {
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
        try {
          const open = await openAnalysis(uri);
          if (open) {
            linted++;
            problems += open.diagnostics.length;
            continue;
          }
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (looksBinary(bytes)) continue;
          const result = analyze(decodeText(bytes), {
            fileName: uri.path,
            rules: settings.rules,
            stepSlowMs: settings.stepSlowMs,
            customDialect: customDialectFor(uri.path, settings),
          });
          linted++;
          problems += result.diagnostics.length;
          collection.set(uri, diagnosticsOf(uri, result));
        } catch {
          // An unreadable file is skipped; the others are still linted.
        }
      }
    },
  );
  void vscode.window.showInformationMessage(`OID Trace: ${plural(linted, 'trace file')}, ${plural(problems, 'problem')}.`);
}

/**
 * Reads a file through the engine (any size), with a cancellable progress notification.
 * A local file is streamed from disk; a file of another file system (a virtual
 * workspace, a remote) is read whole through `workspace.fs`.
 */
export async function analyzeFileFromDisk(
  uri: vscode.Uri,
  onSnapshot?: (partial: AnalysisResult) => void,
  cancelled?: () => boolean,
): Promise<AnalysisResult | undefined> {
  const settings = readSettings(uri);
  const options = { rules: settings.rules, stepSlowMs: settings.stepSlowMs, keepEvents: true, customDialect: customDialectFor(uri.path, settings) };
  const size = (await vscode.workspace.fs.stat(uri)).size;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `OID Trace: reading ${vscode.workspace.asRelativePath(uri)}`, cancellable: true },
    async (progress, token) => {
      const stop = () => token.isCancellationRequested || cancelled?.() === true;
      if (uri.scheme !== 'file') {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (looksBinary(bytes)) throw new Error('not a text trace (binary content)');
        const result = analyze(decodeText(bytes), { ...options, fileName: uri.path });
        return stop() ? undefined : result;
      }
      let reported = 0;
      const result = await analyzeFile(uri.fsPath, options, {
        onBytes(read) {
          const pct = Math.floor((read / Math.max(1, size)) * 100);
          if (pct <= reported) return;
          progress.report({ increment: pct - reported, message: `${(read / 1e6).toFixed(0)} of ${(size / 1e6).toFixed(0)} MB` });
          reported = pct;
        },
        cancelled: stop,
        onSnapshot,
      });
      return stop() ? undefined : result;
    },
  );
}
