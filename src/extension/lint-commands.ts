/**
 * Linting beyond the open editors: every trace file of the workspace, and a file
 * read straight from disk with the streaming engine (traces over the editor's
 * 50 MB limit never reach extensions as documents).
 */
import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { analyze, analyzeStream, decodeText, looksBinary, StreamDecoder, type AnalysisResult } from '../engine';
import { readSettings } from './config';
import { toDiagnostic } from './convert';

export async function lintWorkspace(collection: vscode.DiagnosticCollection): Promise<void> {
  const settings = readSettings();
  const patterns = ['**/*.oidtrace', ...settings.associations];
  const found = new Map<string, vscode.Uri>();
  for (const p of patterns) for (const uri of await vscode.workspace.findFiles(p, '**/node_modules/**')) found.set(uri.toString(), uri);
  const files = [...found.values()];
  let problems = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'OID Trace: linting trace files', cancellable: true },
    async (progress, token) => {
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (looksBinary(bytes)) continue;
          const result = analyze(decodeText(bytes), { fileName: uri.path, rules: settings.rules, stepSlowMs: settings.stepSlowMs });
          problems += result.diagnostics.length;
          collection.set(uri, result.diagnostics.map((d) => toDiagnostic(uri, d)));
        } catch {
          // An unreadable file is skipped; the others are still linted.
        }
      }
    },
  );
  void vscode.window.showInformationMessage(`OID Trace: ${files.length} trace file${files.length === 1 ? '' : 's'}, ${problems} problem${problems === 1 ? '' : 's'}.`);
}

/** Streams a file from disk through the engine, with a cancellable progress notification. */
export async function analyzeFileFromDisk(uri: vscode.Uri): Promise<AnalysisResult | undefined> {
  const settings = readSettings(uri);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `OID Trace: reading ${vscode.workspace.asRelativePath(uri)}`, cancellable: true },
    async (progress, token) => {
      const stream = createReadStream(uri.fsPath, { highWaterMark: 1 << 20 });
      const size = (await vscode.workspace.fs.stat(uri)).size;
      let read = 0;
      let reported = 0;
      const decoder = new StreamDecoder();
      async function* chunks(): AsyncGenerator<string> {
        let first = true;
        for await (const chunk of stream) {
          if (token.isCancellationRequested) {
            stream.destroy();
            return;
          }
          const bytes = chunk as Buffer;
          if (first && looksBinary(bytes)) throw new Error('not a text trace (binary content)');
          first = false;
          read += bytes.length;
          const pct = Math.floor((read / Math.max(1, size)) * 100);
          if (pct > reported) {
            progress.report({ increment: pct - reported, message: `${(read / 1e6).toFixed(0)} of ${(size / 1e6).toFixed(0)} MB` });
            reported = pct;
          }
          const text = decoder.push(bytes);
          if (text) yield text;
        }
        const rest = decoder.end();
        if (rest) yield rest;
      }
      const result = await analyzeStream(chunks(), { fileName: uri.path, rules: settings.rules, stepSlowMs: settings.stepSlowMs, keepEvents: true });
      return token.isCancellationRequested ? undefined : result;
    },
  );
}
