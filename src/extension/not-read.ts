/**
 * A trace OID Trace could not read (`result.reading.notRead`: lines name an OID
 * or mention a VF, few or no events) never looks clean: one Information
 * diagnostic, `not-read`, on the first such line, whose quick fixes open the
 * README's "Your own format" and "Teach a Line Format…". It is not a rule of the engine (it checks no
 * order): no severity setting or suppression comment applies to it, and a file
 * read whole has none.
 */
import * as vscode from 'vscode';
import { describeFirstUnread, OWN_FORMAT_DOCS, type AnalysisResult } from '../engine';
import { DIAGNOSTIC_SOURCE, toDiagnostic, toRange } from './convert';
import { TEACH_FORMAT } from './teach-format';

export const NOT_READ = 'not-read';
export const LEARN_OWN_FORMAT = 'Learn how to read your own format';
export const TEACH_THIS_FORMAT = 'Teach OID Trace this line format…';

/** The `not-read` diagnostic of an analysis, if the file was not read. */
export function notReadDiagnostic(result: AnalysisResult): vscode.Diagnostic | undefined {
  const r = result.reading;
  if (!r.notRead || !r.firstSpan || result.partial) return undefined;
  const d = new vscode.Diagnostic(toRange(r.firstSpan), describeFirstUnread(r, result.lines), vscode.DiagnosticSeverity.Information);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: NOT_READ, target: vscode.Uri.parse(OWN_FORMAT_DOCS) };
  return d;
}

/** Everything the Problems panel shows for an analysis: the rules' findings, and `not-read` when it applies. */
export function diagnosticsOf(uri: vscode.Uri, result: AnalysisResult): vscode.Diagnostic[] {
  const out = result.diagnostics.map((d) => toDiagnostic(uri, d));
  const notRead = notReadDiagnostic(result);
  if (notRead) out.push(notRead);
  return out;
}

/** The quick fix of a `not-read` diagnostic: the documentation of custom dialects. */
export function learnOwnFormat(diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(LEARN_OWN_FORMAT, vscode.CodeActionKind.QuickFix);
  action.command = { command: 'vscode.open', title: LEARN_OWN_FORMAT, arguments: [vscode.Uri.parse(OWN_FORMAT_DOCS)] };
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

/** The other quick fix of a `not-read` diagnostic: a dialect proposed from the lines not read ("Teach a Line Format…"). */
export function teachThisFormat(diagnostic: vscode.Diagnostic, uri: vscode.Uri): vscode.CodeAction {
  const action = new vscode.CodeAction(TEACH_THIS_FORMAT, vscode.CodeActionKind.QuickFix);
  action.command = { command: TEACH_FORMAT, title: TEACH_THIS_FORMAT, arguments: [uri] };
  action.diagnostics = [diagnostic];
  return action;
}
