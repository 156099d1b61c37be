/**
 * "OID Trace: Teach a Line Format…": a dialect proposed from the selected lines
 * (or those the not-read report names), shown part by part, edited with a live
 * count of what it reads in the open file, and saved to `oidtrace.dialects`.
 * The dialogs only: the proposal is the engine's, the rest teach-format-flow.ts.
 */
import * as vscode from 'vscode';
import { analyze, explainLine, linesAt, proposedFormatName, suggestDialect, type SuggestedSpec } from '../engine';
import { analyzeOptions, isTraceDocument, LANGUAGE_ID, readSettings } from './config';
import type { AnalysisCache } from './analysis-cache';
import { describeParts, filesChoices, preview, previewSource, sampleLines, withDialect, type PreviewSource } from './teach-format-flow';

export const TEACH_FORMAT = 'oidtrace.teachFormat';
const TITLE = 'OID Trace: Teach a Line Format';

type Step = 'save' | 'edit' | undefined;

/** `cache` has the open trace's analysis already (made off this thread for a big one); another file is analysed here. */
export async function teachFormat(cache: AnalysisCache, arg?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : editor?.document;
  if (!document) {
    void vscode.window.showErrorMessage(`${TITLE}: open the trace or log file whose lines OID Trace should read.`);
    return;
  }
  const text = document.getText();
  const fileName = document.uri.path;
  const ownEditor = editor?.document === document ? editor : undefined;
  const selection = ownEditor && !ownEditor.selection.isEmpty ? { first: ownEditor.selection.start.line + 1, last: ownEditor.selection.end.line + 1 } : undefined;
  const reading =
    (isTraceDocument(document) ? (await cache.ensure(document))?.result.reading : undefined) ??
    analyze(text, { ...analyzeOptions(document, readSettings(document.uri)), keepEvents: false, keepEpisodes: false }).reading;
  const numbers = sampleLines(reading, selection, (ownEditor?.selection.active.line ?? 0) + 1);
  const { suggestion, error } = suggestDialect(linesAt(text, numbers), { name: proposedFormatName(fileName) });
  if (!suggestion) {
    void vscode.window.showErrorMessage(`${TITLE}: ${numbers.length === 1 ? `line ${numbers[0]}` : `lines ${numbers.join(', ')}`}: ${error}`);
    return;
  }
  const sample = suggestion.sample;
  const sampleNumber = numbers[suggestion.named[0]!]!;
  let spec: SuggestedSpec = suggestion.spec;
  const source = previewSource(text);
  for (let step: Step = undefined; step !== 'save';) {
    step = await showProposal(spec, sample, sampleNumber, source, fileName);
    if (step === undefined) return;
    if (step === 'edit') spec = (await editPattern(spec, sample, source, fileName)) ?? spec;
  }
  const files = await vscode.window.showQuickPick(
    filesChoices(fileName).map((c) => ({ label: c.label, files: c.files, description: c.files ? undefined : 'no files: it reads every trace' })),
    { title: `${TITLE}: which files are in this format?`, placeHolder: 'The dialect reads the files its globs match' },
  );
  if (!files) return;
  const config = vscode.workspace.getConfiguration('oidtrace', document.uri);
  const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const current = config.inspect<unknown>('dialects');
  await config.update(
    'dialects',
    withDialect(inWorkspace ? current?.workspaceValue : current?.globalValue, spec, files.files),
    inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global,
  );
  if (!isTraceDocument(document)) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  const p = preview(spec, source, fileName);
  void vscode.window.showInformationMessage(
    `OID Trace: "${spec.name}" saved to the ${inWorkspace ? 'workspace' : 'user'} settings (oidtrace.dialects); it ${p.message}.`,
  );
}

/** The proposal, part by part, with what it reads in the file; the user saves it or edits it. */
async function showProposal(spec: SuggestedSpec, sample: string, line: number, source: PreviewSource, fileName: string): Promise<Step> {
  const p = preview(spec, source, fileName);
  type Item = vscode.QuickPickItem & { step?: Step };
  const items: Item[] = [
    { label: '$(check) Save this format…', description: p.error ?? p.message, step: 'save' },
    { label: '$(edit) Edit the pattern…', description: patternText(spec.pattern).slice(0, 120), step: 'edit' },
    { label: `Line ${line}: what each part becomes`, kind: vscode.QuickPickItemKind.Separator },
    ...describeParts(p.dialect && explainLine(p.dialect, sample)).map((row) => ({ label: row })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: p.error ?? `The proposed pattern ${p.message}` });
  // A part picked: nothing to do but show the proposal again.
  return picked === undefined ? undefined : (picked.step ?? 'edit');
}

/** The pattern in an input box, checked as it is typed: its problem, or what it reads. */
async function editPattern(spec: SuggestedSpec, sample: string, source: PreviewSource, fileName: string): Promise<SuggestedSpec | undefined> {
  const withFirst = (value: string): SuggestedSpec => ({ ...spec, pattern: Array.isArray(spec.pattern) ? [value, ...spec.pattern.slice(1)] : value });
  const value = await vscode.window.showInputBox({
    title: `${TITLE}: the pattern (JavaScript, ignoring case)`,
    value: patternText(spec.pattern),
    prompt: 'Named groups: time, oid (required), kind, status, adapter, vf, vport, filter, switch, from, to',
    validateInput: (v) => {
      const p = preview(withFirst(v), source, fileName);
      if (p.error) return { message: p.error, severity: vscode.InputBoxValidationSeverity.Error };
      return { message: [p.message, ...describeParts(explainLine(p.dialect!, sample))].join(' · '), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  return value === undefined ? undefined : withFirst(value);
}

const patternText = (pattern: string | string[]): string => (Array.isArray(pattern) ? pattern[0]! : pattern);
