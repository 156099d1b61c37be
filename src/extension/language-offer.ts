/**
 * Driver logs are `.log` / `.txt`, which VS Code opens as Log or Plain Text before
 * any extension sees them:
 * - files matching `oidtrace.associations` (or a user's own format) become traces at once;
 * - a file the user made a trace by hand becomes one again when reopened in this workspace;
 * - a Log or Plain Text file shown in an editor whose first lines hold OID requests or a
 *   guest's VF events gets one offer, which says what was found and goes away by itself
 *   once the file is a trace or its last tab closes.
 */
import * as vscode from 'vscode';
import { analyze } from '../engine';
import { LANGUAGE_ID, matchesGlob, readSettings, WINDOW_SCHEME } from './config';
import { TraceChoices } from './language-choices';
import { describeFound } from './offer-words';
import { shownUris } from './tabs';

const DONT_ASK = 'oidtrace.languageOffer.dontAsk';
const OFFER_LANGUAGES = new Set(['plaintext', 'log']);
/** Documents that are not the user's files: an output channel, a window of a big trace. */
const NOT_FILES = new Set(['output', WINDOW_SCHEME]);
/** The offer reads this many lines from the start of the file. */
const HEAD_LINES = 2000;

export const OFFER_COMMANDS = { open: 'oidtrace.offer.open', always: 'oidtrace.offer.always', never: 'oidtrace.offer.never' } as const;

export function matchesAssociations(document: vscode.TextDocument): boolean {
  const path = document.uri.path;
  const settings = readSettings(document.uri);
  // A user's own format names its files: they are traces too.
  return [...settings.associations, ...settings.dialects.flatMap((d) => d.files)].some((g) => matchesGlob(path, g));
}

/** What the start of the text holds, in its own words (see offer-words.ts); undefined: nothing to offer. */
export function foundIn(document: vscode.TextDocument): string | undefined {
  const end = Math.min(document.lineCount, HEAD_LINES);
  const head = document.getText(new vscode.Range(0, 0, end, 0));
  // The file's name picks the reading (a Linux guest's log named *.log is told by its lines).
  const result = analyze(head, { fileName: document.uri.path, keepEvents: true });
  return describeFound(result, (line) => (line <= document.lineCount ? document.lineAt(line - 1).text : ''), document.lineCount > end);
}

/** The glob of files like this one: its extension (`*.log`), or its whole name when it has none. */
export function globFor(uri: vscode.Uri): string {
  const name = uri.path.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `*${name.slice(dot)}` : name;
}

export class LanguageOffer implements vscode.Disposable {
  /** Files offered (or declined) this session, by URI. */
  private readonly asked = new Set<string>();
  /** Files looked at and found to hold nothing to offer, with the version looked at. */
  private readonly checked = new Map<string, number>();
  /** Offers on screen: calling one ends it. */
  private readonly offers = new Map<string, () => void>();
  /** Each open document's language as last seen: VS Code reports a change as a close and an open of the same document. */
  private readonly languages = new WeakMap<vscode.TextDocument, string>();
  private readonly choices: TraceChoices;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * `global` keeps "Don't ask again"; `workspace` the files made traces by hand.
   * `onError` hears of an offer or a switch that failed.
   */
  constructor(
    private readonly global: vscode.Memento,
    workspace: vscode.Memento,
    private readonly onError: (message: string) => void,
  ) {
    this.choices = new TraceChoices(workspace);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.isClosed) this.endOffer(d.uri);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.offerShown(editors)),
      vscode.window.tabGroups.onDidChangeTabs(() => this.endOffersWithoutTab()),
      vscode.commands.registerCommand(OFFER_COMMANDS.open, (uri: unknown) => this.run(uri, (d) => this.switch(d))),
      vscode.commands.registerCommand(OFFER_COMMANDS.always, (uri: unknown) => this.run(uri, (d) => this.always(d))),
      vscode.commands.registerCommand(OFFER_COMMANDS.never, (uri: unknown) =>
        this.run(uri, async () => {
          await this.global.update(DONT_ASK, true);
        }),
      ),
    );
    for (const d of vscode.workspace.textDocuments) this.opened(d);
    this.offerShown(vscode.window.visibleTextEditors);
  }

  private opened(document: vscode.TextDocument): void {
    if (NOT_FILES.has(document.uri.scheme)) return;
    const before = this.languages.get(document);
    this.languages.set(document, document.languageId);
    if (before !== undefined && before !== document.languageId) {
      this.languageChanged(document, before);
      return;
    }
    if (!OFFER_LANGUAGES.has(document.languageId)) return;
    if (matchesAssociations(document) || this.choices.has(document.uri)) this.attempt(document, (d) => this.switch(d));
  }

  private languageChanged(document: vscode.TextDocument, before: string): void {
    if (document.languageId === LANGUAGE_ID) {
      this.endOffer(document.uri);
      // The settings make it a trace every time: nothing to remember.
      if (!matchesAssociations(document)) this.attempt(document, (d) => this.choices.remember(d.uri));
    } else if (before === LANGUAGE_ID) {
      // Switched away by hand: it opens as VS Code chooses from now on, and is not offered again this session.
      this.asked.add(document.uri.toString());
      this.attempt(document, (d) => this.choices.forget(d.uri));
    }
  }

  private offerShown(editors: readonly vscode.TextEditor[]): void {
    for (const e of editors) {
      try {
        this.consider(e.document);
      } catch (error) {
        this.onError(`${e.document.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private attempt(document: vscode.TextDocument, fn: (d: vscode.TextDocument) => Promise<void>): void {
    fn(document).catch((error: unknown) => this.onError(`${document.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`));
  }

  private consider(document: vscode.TextDocument): void {
    if (!OFFER_LANGUAGES.has(document.languageId) || NOT_FILES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    if (this.asked.has(key) || this.offers.has(key) || this.global.get<boolean>(DONT_ASK)) return;
    if (this.checked.get(key) === document.version) return;
    if (matchesAssociations(document) || this.choices.has(document.uri)) return; // being switched
    const found = foundIn(document);
    if (!found) {
      this.checked.set(key, document.version);
      return;
    }
    this.asked.add(key);
    this.show(document, found);
  }

  /**
   * A notification VS Code offers no way to take back is replaced by a progress
   * notification, which ends when its task does: when the user chooses, cancels, or
   * the file became a trace some other way or closed.
   */
  private show(document: vscode.TextDocument, found: string): void {
    const key = document.uri.toString();
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.offers.set(key, end);
    const arg = encodeURIComponent(JSON.stringify([key]));
    const link = (label: string, command: string) => `[${label}](command:${command}?${arg})`;
    const links = [link('Open as OID Trace', OFFER_COMMANDS.open)];
    // An untitled document has no name to make a glob of.
    if (vscode.workspace.workspaceFolders?.length && document.uri.scheme !== 'untitled')
      links.push(link(`Always for ${globFor(document.uri)} in this workspace`, OFFER_COMMANDS.always));
    links.push(link("Don't ask again", OFFER_COMMANDS.never));
    const title = `${vscode.workspace.asRelativePath(document.uri)} holds ${found}. ${links.join(' · ')}`;
    void vscode.window
      .withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
        token.onCancellationRequested(end);
        return ended;
      })
      .then(() => this.offers.delete(key));
  }

  private endOffer(uri: vscode.Uri): void {
    const end = this.offers.get(uri.toString());
    this.offers.delete(uri.toString());
    end?.();
  }

  private endOffersWithoutTab(): void {
    if (this.offers.size === 0) return;
    // An offer is for a file open on its own: one seen only in a diff (Source Control's) ends.
    const shown = shownUris({ diffs: false });
    for (const key of [...this.offers.keys()]) if (!shown.has(key)) this.endOffer(vscode.Uri.parse(key));
  }

  /** A command of an offer: its document (if still open), then the offer ends. */
  private async run(raw: unknown, fn: (document: vscode.TextDocument) => Promise<void>): Promise<void> {
    const key = typeof raw === 'string' ? raw : undefined;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (key) this.endOffer(vscode.Uri.parse(key));
    if (!document || document.isClosed) return;
    try {
      await fn(document);
    } catch (error) {
      void vscode.window.showErrorMessage(`OID Trace: ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async switch(document: vscode.TextDocument): Promise<void> {
    if (!document.isClosed && document.languageId !== LANGUAGE_ID) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  }

  /**
   * `files.associations` in the workspace's settings, as VS Code's own "Configure File
   * Association" writes it (there, in the user's): VS Code itself then opens every such
   * file as a trace, before any extension runs, and the Explorer knows them as traces.
   */
  private async always(document: vscode.TextDocument): Promise<void> {
    const files = vscode.workspace.getConfiguration('files', document.uri);
    const current = files.inspect<Record<string, string>>('associations')?.workspaceValue ?? {};
    await files.update('associations', { ...current, [globFor(document.uri)]: LANGUAGE_ID }, vscode.ConfigurationTarget.Workspace);
    await this.switch(document);
  }

  dispose(): void {
    for (const end of this.offers.values()) end();
    this.offers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
