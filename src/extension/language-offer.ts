/**
 * Driver logs are `.log` / `.txt`: files matching `oidtrace.associations` become
 * traces at once, and a plain-text or log file holding OID request lines gets
 * one offer (non-modal) to switch its language.
 */
import * as vscode from 'vscode';
import { analyze, looksLikeGuestLog } from '../engine';
import { LANGUAGE_ID, matchesGlob, readSettings } from './config';

const DONT_ASK = 'oidtrace.languageOffer.dontAsk';
const OFFER_LANGUAGES = new Set(['plaintext', 'log']);

export function matchesAssociations(document: vscode.TextDocument): boolean {
  const path = document.uri.path;
  const settings = readSettings(document.uri);
  // A user's own format names its files: they are traces too.
  return [...settings.associations, ...settings.dialects.flatMap((d) => d.files)].some((g) => matchesGlob(path, g));
}

/** Does the start of the text hold SR-IOV OID request lines, or is it a Linux guest's log of its VF? */
export function looksLikeTrace(document: vscode.TextDocument): boolean {
  const end = Math.min(document.lineCount, 2000);
  const head = document.getText(new vscode.Range(0, 0, end, 0));
  if (looksLikeGuestLog(head)) return true;
  return analyze(head, { fileName: document.uri.path + '.log', dialect: 'wpp', keepEvents: true }).events.some((e) => e.kind === 'request');
}

export class LanguageOffer implements vscode.Disposable {
  private readonly asked = new Set<string>();
  private readonly subscription: vscode.Disposable;

  /** `onError` hears of an offer that failed (the document closed meanwhile, the state could not be saved). */
  constructor(
    private readonly memento: vscode.Memento,
    private readonly onError: (message: string) => void,
  ) {
    this.subscription = vscode.workspace.onDidOpenTextDocument((d) => this.offer(d));
    for (const d of vscode.workspace.textDocuments) this.offer(d);
  }

  private offer(document: vscode.TextDocument): void {
    this.consider(document).catch((error: unknown) =>
      this.onError(`offering to open ${document.uri.fsPath} as an OID trace: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async consider(document: vscode.TextDocument): Promise<void> {
    if (!OFFER_LANGUAGES.has(document.languageId) || document.uri.scheme === 'output') return;
    if (matchesAssociations(document)) {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      return;
    }
    const key = document.uri.toString();
    if (this.asked.has(key) || this.memento.get<boolean>(DONT_ASK)) return;
    if (!looksLikeTrace(document)) return;
    this.asked.add(key);
    const open = 'Open as OID Trace';
    const never = "Don't ask again";
    const choice = await vscode.window.showInformationMessage(
      `${vscode.workspace.asRelativePath(document.uri)} holds SR-IOV OID requests. Check it with OID Trace?`,
      open,
      never,
    );
    if (choice === open && !document.isClosed) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    else if (choice === never) await this.memento.update(DONT_ASK, true);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
