/**
 * Quick fixes on our diagnostics: disable for the line / file, documentation, the
 * diagram, and the real OID name; on `not-read`, how to read your own format.
 */
import * as vscode from 'vscode';
import { ruleById, ruleDocs } from '../engine';
import type { AnalysisCache } from './analysis-cache';
import { ruleOf, toDiagnostic, toRange } from './convert';
import { learnOwnFormat, NOT_READ, notReadDiagnostic, teachThisFormat } from './not-read';

export class RuleCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: AnalysisCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    /** Lines that already have "Show in Sequence Diagram": one per line, whatever its problems. */
    const shown = new Set<number>();
    // The analysis of the document as it is now: right after an edit, the editor may ask
    // before the new diagnostics are published, and its context would hold none. A big
    // trace's analysis may still be of an earlier version: its spans point at the old
    // text, and a fix made from them would edit the wrong line. None is offered until it
    // catches up (a moment after typing stops; with "onSave", at the save).
    const cached = this.cache.get(document);
    if (!cached || cached.version !== document.version) return actions;
    const analysis = cached.result;
    const current = analysis.diagnostics
      .filter((d) => toRange(d.span).intersection(range) !== undefined)
      .map((d) => {
        const r = toRange(d.span);
        return context.diagnostics.find((c) => ruleOf(c) === d.rule && c.range.isEqual(r)) ?? toDiagnostic(document.uri, d);
      });
    for (const diagnostic of current) {
      const rule = ruleOf(diagnostic);
      if (!rule) continue;
      const line = diagnostic.range.start.line;

      // The engine's own fix for this diagnostic (e.g. the real name of a misspelt OID).
      const engineFix = analysis.diagnostics.find((d) => d.rule === rule && d.fix && toRange(d.span).isEqual(diagnostic.range))?.fix;
      if (engineFix) {
        const fix = new vscode.CodeAction(engineFix.title, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, toRange(engineFix.span), engineFix.text);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }

      const key = `${rule}:${line}`;
      if (seen.has(key)) continue;
      seen.add(key);

      const indent = /^\s*/.exec(document.lineAt(line).text)?.[0] ?? '';
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const thisLine = new vscode.CodeAction(`Disable ${rule} for this line`, vscode.CodeActionKind.QuickFix);
      thisLine.edit = new vscode.WorkspaceEdit();
      thisLine.edit.insert(document.uri, new vscode.Position(line, 0), `${indent}# oidtrace-disable-next-line ${rule}${eol}`);
      thisLine.diagnostics = [diagnostic];
      actions.push(thisLine);

      const wholeFile = new vscode.CodeAction(`Disable ${rule} for this file`, vscode.CodeActionKind.QuickFix);
      wholeFile.edit = new vscode.WorkspaceEdit();
      wholeFile.edit.insert(document.uri, new vscode.Position(0, 0), `# oidtrace-disable ${rule}${eol}`);
      wholeFile.diagnostics = [diagnostic];
      actions.push(wholeFile);

      const meta = ruleById(rule)?.meta;
      if (meta) {
        const docs = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
        const target = typeof diagnostic.code === 'object' && diagnostic.code ? diagnostic.code.target : vscode.Uri.parse(ruleDocs(meta));
        docs.command = { command: 'vscode.open', title: 'Show documentation', arguments: [target] };
        actions.push(docs);
      }

      if (shown.has(line)) continue;
      shown.add(line);
      const show = new vscode.CodeAction('Show in Sequence Diagram', vscode.CodeActionKind.QuickFix);
      show.command = { command: 'oidtrace.showPreviewToSide', title: 'Show in Sequence Diagram', arguments: [document.uri, line + 1] };
      actions.push(show);
    }

    const notRead = notReadDiagnostic(analysis);
    if (notRead && notRead.range.intersection(range)) {
      const shown = context.diagnostics.find((c) => ruleOf(c) === NOT_READ && c.range.isEqual(notRead.range)) ?? notRead;
      actions.push(learnOwnFormat(shown), teachThisFormat(shown, document.uri));
    }
    return actions;
  }
}
