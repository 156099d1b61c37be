/**
 * The little of the `vscode` module that the extension's document-level code
 * needs outside VS Code (vitest aliases `vscode` to this file). Settings read
 * from `stubSettings` (unset unless a test puts a value there); everything else
 * is VS Code's behaviour reduced to what the tests use.
 */
export class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum EndOfLine {
  LF = 1,
  CRLF = 2,
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
  isEqual(o: Position): boolean {
    return this.line === o.line && this.character === o.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  isEqual(o: Range): boolean {
    return this.start.isEqual(o.start) && this.end.isEqual(o.end);
  }
  contains(o: Range): boolean {
    return !o.start.isBefore(this.start) && !this.end.isBefore(o.end);
  }
  intersection(o: Range): Range | undefined {
    const start = this.start.isBefore(o.start) ? o.start : this.start;
    const end = this.end.isBefore(o.end) ? this.end : o.end;
    return end.isBefore(start) ? undefined : new Range(start, end);
  }
}

export enum SymbolKind {
  Namespace = 2,
  Method = 5,
  Event = 23,
}

/** As VS Code's: it rejects a selection outside the symbol's range. */
export class DocumentSymbol {
  children: DocumentSymbol[] = [];
  constructor(
    readonly name: string,
    readonly detail: string,
    readonly kind: SymbolKind,
    readonly range: Range,
    readonly selectionRange: Range,
  ) {
    if (!range.contains(selectionRange)) throw new Error('selectionRange must be contained in fullRange');
  }
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
}

export class CodeAction {
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  command?: unknown;
  constructor(
    readonly title: string,
    readonly kind: CodeActionKind,
  ) {}
}

/** Records its edits: a test reads what a quick fix would do. */
export class WorkspaceEdit {
  readonly edits: Array<{ range: Range; text: string }> = [];
  replace(_uri: unknown, range: Range, text: string): void {
    this.edits.push({ range, text });
  }
  insert(_uri: unknown, at: Position, text: string): void {
    this.edits.push({ range: new Range(at, at), text });
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}
export enum LanguageStatusSeverity {
  Information = 0,
  Warning = 1,
  Error = 2,
}

export interface StubLanguageStatusItem {
  id: string;
  name?: string;
  text: string;
  detail?: string;
  severity: LanguageStatusSeverity;
  command?: { command: string; title: string; arguments?: unknown[] };
  dispose(): void;
}

/** The language status items made, as a test reads what they show. */
export const languageStatusItems: StubLanguageStatusItem[] = [];

export const languages = {
  createLanguageStatusItem(id: string): StubLanguageStatusItem {
    const item: StubLanguageStatusItem = { id, text: '', severity: LanguageStatusSeverity.Information, dispose() {} };
    languageStatusItems.push(item);
    return item;
  },
};

const noEvent = () => ({ dispose() {} });

/** The active editor a test sets; no editor changes are ever fired. */
export const window = {
  activeTextEditor: undefined as unknown,
  onDidChangeActiveTextEditor: noEvent,
  onDidChangeTextEditorSelection: noEvent,
  registerWebviewPanelSerializer: noEvent,
  showInformationMessage: async (m: string) => void messages.push(m),
  showWarningMessage: async (m: string) => void messages.push(m),
  showErrorMessage: async (m: string) => void messages.push(m),
  withProgress: async <T>(_options: unknown, task: (progress: { report(v: unknown): void }, token: { isCancellationRequested: boolean }) => Promise<T>) =>
    task({ report() {} }, { isCancellationRequested: false }),
};

/** A Memento over a map (workspaceState / globalState). */
export class StubMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
}
export enum DiagnosticTag {
  Unnecessary = 1,
  Deprecated = 2,
}

export class Diagnostic {
  source?: string;
  code?: unknown;
  relatedInformation?: unknown[];
  tags?: DiagnosticTag[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity,
  ) {}
}

export class MarkdownString {
  value = '';
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class Location {
  constructor(
    readonly uri: unknown,
    readonly range: Range,
  ) {}
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

/** A file URI reduced to its path and query (no scheme other than file). */
export class Uri {
  private constructor(
    readonly path: string,
    readonly query = '',
    readonly scheme = 'file',
  ) {}
  static from(parts: { scheme: string; path: string; query?: string }): Uri {
    return new Uri(parts.path, parts.query ?? '', parts.scheme);
  }
  static parse(value: string): Uri {
    const [path, query] = value.replace(/^file:\/\//, '').split('?');
    return new Uri(path!, query ?? '');
  }
  static file(path: string): Uri {
    return new Uri(path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path, ...parts].join('/'));
  }
  with(change: { path?: string; query?: string }): Uri {
    return new Uri(change.path ?? this.path, change.query ?? this.query, this.scheme);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

/** Settings by full key (`oidtrace.associations`), as a user's settings.json would hold them, of any type. */
export const stubSettings: Record<string, unknown> = {};

/** Files a test puts in the workspace's file system, by URI. */
const stubFs = {
  files: new Map<string, Uint8Array>(),
  async stat(uri: Uri) {
    const f = stubFs.files.get(uri.toString());
    if (!f) throw new Error(`no such file ${uri.toString()}`);
    return { size: f.length, type: 1 };
  },
  async readFile(uri: Uri) {
    const f = stubFs.files.get(uri.toString());
    if (!f) throw new Error(`no such file ${uri.toString()}`);
    return f;
  },
};

/** The messages the extension showed (information, warning, error), newest last. */
export const messages: string[] = [];

export enum ProgressLocation {
  Notification = 15,
}

/** Document changes and closes, as VS Code fires them (StubDocument's edits fire `changed`). */
export const stubDocumentEvents = {
  changed: new EventEmitter<{ document: StubDocument; contentChanges: Array<{ rangeOffset: number; rangeLength: number; text: string }> }>(),
  closed: new EventEmitter<StubDocument>(),
};

export const workspace = {
  fs: stubFs,
  onDidChangeTextDocument: stubDocumentEvents.changed.event,
  onDidCloseTextDocument: stubDocumentEvents.closed.event,
  textDocuments: [] as unknown[],
  /** The files of stubFs matching a glob (VS Code's findFiles, without the exclude). */
  findFiles: async (glob: string) => {
    const { matchesGlob } = await import('../../src/engine/text/glob');
    return [...stubFs.files.keys()].filter((k) => matchesGlob(Uri.parse(k).path, glob)).map((k) => Uri.parse(k));
  },
  /** No document can be opened (a test says what the extension has). */
  openTextDocument: async (uri: unknown) => {
    throw new Error(`cannot open ${String(uri)}`);
  },
  getConfiguration: (section: string) => ({ get: (key: string) => stubSettings[`${section}.${key}`] }),
  asRelativePath: (uri: Uri | string) => (typeof uri === 'string' ? uri : uri.path).replace(/^\/w\//, ''),
};

/** A text document over a string, with VS Code's line counting and a version that edits bump. */
export class StubDocument {
  private lines: string[];
  version = 1;
  isClosed = false;
  readonly languageId = 'oidtrace';
  readonly eol = EndOfLine.LF;
  readonly uri: { path: string; fsPath: string; scheme: string; toString(): string };
  /** Whether the text differs from the file's on disk (a test says so). */
  isDirty = false;
  /** How many times lineAt was asked, to show the analysis reads lines and not the whole text. */
  lineReads = 0;
  getTextCalls = 0;

  constructor(path: string, text: string) {
    this.uri = { path, fsPath: path, scheme: 'file', toString: () => `file://${path}` };
    this.lines = text.split(/\r\n|\r|\n/);
  }
  /** The offset of a position in the text (lines joined by LF). */
  offsetAt(position: Position): number {
    let offset = 0;
    for (let i = 0; i < position.line; i++) offset += this.lines[i]!.length + 1;
    return offset + position.character;
  }
  get lineCount(): number {
    return this.lines.length;
  }
  lineAt(i: number): { text: string; range: Range } {
    this.lineReads++;
    const text = this.lines[i];
    if (text === undefined) throw new Error(`Illegal value for line ${i}`);
    return { text, range: new Range(i, 0, i, text.length) };
  }
  getText(range?: Range): string {
    this.getTextCalls++;
    if (range && range.start.line === range.end.line) return this.lines[range.start.line]!.slice(range.start.character, range.end.character);
    return this.lines.join('\n');
  }
  /** The match of `pattern` around a position on its line, as VS Code's. */
  getWordRangeAtPosition(position: Position, pattern: RegExp): Range | undefined {
    const text = this.lines[position.line] ?? '';
    const re = new RegExp(pattern.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index <= position.character && position.character <= m.index + m[0].length) return new Range(position.line, m.index, position.line, m.index + m[0].length);
      if (m[0].length === 0) re.lastIndex++;
    }
    return undefined;
  }
  /** Replaces one line, as typing in it would. */
  edit(line: number, text: string): void {
    const change = { rangeOffset: this.offsetAt(new Position(line, 0)), rangeLength: this.lines[line]!.length, text };
    this.lines[line] = text;
    this.changed(change);
  }
  insertLine(at: number, text: string): void {
    const change = { rangeOffset: this.offsetAt(new Position(at, 0)), rangeLength: 0, text: text + '\n' };
    this.lines.splice(at, 0, text);
    this.changed(change);
  }
  deleteLine(at: number): void {
    const change = { rangeOffset: this.offsetAt(new Position(at, 0)), rangeLength: this.lines[at]!.length + 1, text: '' };
    this.lines.splice(at, 1);
    this.changed(change);
  }
  private changed(change: { rangeOffset: number; rangeLength: number; text: string }): void {
    this.version++;
    this.isDirty = true;
    stubDocumentEvents.changed.fire({ document: this, contentChanges: [change] });
  }
}
