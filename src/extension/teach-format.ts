/**
 * "OID Trace: Teach a Line Format…": a dialect proposed from the selected lines
 * (or those the not-read report names), shown part by part, edited with a live
 * count of what it reads in the open file, and saved to `oidtrace.dialects`.
 * The dialogs only: the proposal is the engine's, the rest teach-format-flow.ts.
 */
import * as vscode from 'vscode';
import {
  analyze,
  explainLine,
  linesAt,
  previewSource,
  proposedFormatName,
  readWithPattern,
  suggestDialect,
  type PatternReading,
  type PatternSpec,
  type PreviewSource,
  type SuggestedSpec,
} from '../engine';
import { analyzeOptions, isTraceDocument, LANGUAGE_ID, readSettings } from './config';
import type { AnalysisCache } from './analysis-cache';
import { PatternTimeout, type AnalysisWorkerClient } from './analysis-worker-client';
import { describeParts, filesChoices, patternDialect, sampleLines, withDialect } from './teach-format-flow';

export const TEACH_FORMAT = 'oidtrace.teachFormat';
const TITLE = 'OID Trace: Teach a Line Format';

type Step = 'save' | 'edit' | undefined;

/** How long typing pauses before the pattern box works out what the pattern reads. */
const TYPING_PAUSE_MS = 150;

/**
 * What the patterns the user tries read in the file: in the analysis worker, so that
 * a file of tens of thousands of lines never holds this thread while the user types
 * (here only when the worker cannot run).
 */
class PatternReadings {
  private source: PreviewSource | undefined;
  private typed = 0;
  private disposed = false;
  /** The worker held the document's text before (a big trace's, for its analyses): it keeps it after. */
  private readonly heldBefore: boolean;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly text: string,
    private readonly worker: AnalysisWorkerClient | undefined,
  ) {
    this.heldBefore = worker?.holds(document.uri) ?? false;
  }

  async read(spec: PatternSpec): Promise<PatternReading> {
    const fileName = this.document.uri.path;
    // A pattern that does not compile says so at once, with no file to read.
    if (!patternDialect(spec)) return readWithPattern(spec, NO_LINES, fileName);
    if (this.worker?.available) {
      try {
        return await this.worker.readPattern(this.document, spec, fileName);
      } catch (error) {
        // Not again on this thread, which it would hold as long.
        if (error instanceof PatternTimeout) return slowPattern(error);
        // Otherwise the worker cannot run: read here, below.
      }
    }
    this.source ??= previewSource(this.text);
    return readWithPattern(spec, this.source, fileName);
  }

  /** As `read`, for a value being typed: once typing pauses; undefined when typed over meanwhile, or the dialog ended. */
  async whileTyping(spec: PatternSpec): Promise<PatternReading | undefined> {
    const mine = ++this.typed;
    await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));
    if (mine !== this.typed || this.disposed) return undefined;
    const reading = await this.read(spec);
    return mine === this.typed ? reading : undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.endPatterns(this.document.uri);
    if (!this.heldBefore) this.worker?.forget(this.document.uri);
  }
}

/** No lines: what a pattern that does not compile is read on (it says why without reading any). */
const NO_LINES: PreviewSource = { lines: [], partial: false, head: '' };

function slowPattern(error: PatternTimeout): PatternReading {
  const message = `${error.message}: a pattern with nested repeats, such as (a+)+, can backtrack that long`;
  return { error: message, matched: 0, events: 0, partial: false, message };
}

/**
 * `cache` has the open trace's analysis already (made off this thread for a big one); another
 * file is analysed here. `worker` reads the patterns the user tries.
 */
export async function teachFormat(cache: AnalysisCache, worker: AnalysisWorkerClient | undefined, arg?: unknown): Promise<void> {
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
  const readings = new PatternReadings(document, text, worker);
  try {
    const spec = await chooseSpec(suggestion.spec, sample, sampleNumber, readings);
    if (spec) await save(document, spec, readings);
  } finally {
    readings.dispose();
  }
}

/** The proposal, edited until the user saves it; undefined when the user leaves. */
async function chooseSpec(proposed: SuggestedSpec, sample: string, sampleNumber: number, readings: PatternReadings): Promise<SuggestedSpec | undefined> {
  let spec = proposed;
  for (let step: Step = undefined; step !== 'save';) {
    step = await showProposal(spec, sample, sampleNumber, readings);
    if (step === undefined) return undefined;
    if (step === 'edit') spec = (await editPattern(spec, sample, readings)) ?? spec;
  }
  return spec;
}

/** Saves the dialect to the settings the user picks the files of, and says what it reads. */
async function save(document: vscode.TextDocument, spec: SuggestedSpec, readings: PatternReadings): Promise<void> {
  const fileName = document.uri.path;
  const files = await vscode.window.showQuickPick(
    filesChoices(fileName).map((c) => ({ label: c.label, files: c.files, description: c.files ? undefined : 'no files: it reads every trace' })),
    { title: `${TITLE}: which files are in this format?`, placeHolder: 'The dialect reads the files its globs match' },
  );
  if (!files) return;
  // Read before the file becomes a trace (a language change closes and reopens its document).
  const p = await readings.read(spec);
  const config = vscode.workspace.getConfiguration('oidtrace', document.uri);
  const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const current = config.inspect<unknown>('dialects');
  await config.update(
    'dialects',
    withDialect(inWorkspace ? current?.workspaceValue : current?.globalValue, spec, files.files),
    inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global,
  );
  if (!isTraceDocument(document)) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  void vscode.window.showInformationMessage(
    `OID Trace: "${spec.name}" saved to the ${inWorkspace ? 'workspace' : 'user'} settings (oidtrace.dialects); it ${p.message}.`,
  );
}

/** The proposal, part by part, with what it reads in the file; the user saves it or edits it. */
async function showProposal(spec: SuggestedSpec, sample: string, line: number, readings: PatternReadings): Promise<Step> {
  const p = await readings.read(spec);
  const dialect = patternDialect(spec);
  type Item = vscode.QuickPickItem & { step?: Step };
  const items: Item[] = [
    { label: '$(check) Save this format…', description: p.error ?? p.message, step: 'save' },
    { label: '$(edit) Edit the pattern…', description: patternText(spec.pattern).slice(0, 120), step: 'edit' },
    { label: `Line ${line}: what each part becomes`, kind: vscode.QuickPickItemKind.Separator },
    ...describeParts(dialect && explainLine(dialect, sample)).map((row) => ({ label: row })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: p.error ?? `The proposed pattern ${p.message}` });
  // A part picked: nothing to do but show the proposal again.
  return picked === undefined ? undefined : (picked.step ?? 'edit');
}

/** The pattern in an input box, checked as it is typed: its problem, or what it reads. */
async function editPattern(spec: SuggestedSpec, sample: string, readings: PatternReadings): Promise<SuggestedSpec | undefined> {
  const withFirst = (value: string): SuggestedSpec => ({ ...spec, pattern: Array.isArray(spec.pattern) ? [value, ...spec.pattern.slice(1)] : value });
  const value = await vscode.window.showInputBox({
    title: `${TITLE}: the pattern (JavaScript, ignoring case)`,
    value: patternText(spec.pattern),
    prompt: 'Named groups: time, oid (required), kind, status, adapter, vf, vport, filter, switch, from, to',
    validateInput: async (v) => {
      const typed = withFirst(v);
      const p = await readings.whileTyping(typed);
      if (!p) return undefined; // typed over: the newer value's message follows
      const dialect = patternDialect(typed);
      if (p.error || !dialect) return { message: p.error ?? p.message, severity: vscode.InputBoxValidationSeverity.Error };
      return { message: [p.message, ...describeParts(explainLine(dialect, sample))].join(' · '), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  return value === undefined ? undefined : withFirst(value);
}

const patternText = (pattern: string | string[]): string => (Array.isArray(pattern) ? pattern[0]! : pattern);
