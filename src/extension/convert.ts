/** The one place engine types become VS Code types (and back). */
import * as vscode from 'vscode';
import type { Diagnostic, RelatedLocation, Severity, Span } from '../engine';

export function toRange(span: Span): vscode.Range {
  return new vscode.Range(span.line - 1, span.column - 1, span.endLine - 1, span.endColumn - 1);
}

export function relatedRange(r: RelatedLocation): vscode.Range {
  return new vscode.Range(r.line - 1, r.column - 1, r.line - 1, r.endColumn - 1);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'oidtrace';

/** `sources`: in a correlation, the files by source index (a related location may be in the other one). */
export function toDiagnostic(uri: vscode.Uri, d: Diagnostic, sources?: readonly vscode.Uri[]): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d.span), d.message, SEVERITY[d.severity]);
  out.source = DIAGNOSTIC_SOURCE;
  out.code = { value: d.rule, target: vscode.Uri.parse(d.docs) };
  out.relatedInformation = d.related.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location((r.source !== undefined ? sources?.[r.source] : undefined) ?? uri, relatedRange(r)), r.message),
  );
  if (d.tags) {
    out.tags = d.tags.map((t) => (t === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
  }
  return out;
}

/** The rule id of one of our diagnostics. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : typeof code === 'string' ? code : undefined;
}
