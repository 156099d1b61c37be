/**
 * The little of the `vscode` module that the extension's document-level code
 * needs outside VS Code (vitest aliases `vscode` to this file). Settings read
 * as unset; everything else is VS Code's behaviour reduced to what the tests use.
 */
export class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum EndOfLine { LF = 1, CRLF = 2 }

export const workspace = {
  getConfiguration: () => ({ get: () => undefined }),
};

/** A text document over a string, with VS Code's line counting and a version that edits bump. */
export class StubDocument {
  private lines: string[];
  version = 1;
  isClosed = false;
  readonly languageId = 'oidtrace';
  readonly eol = EndOfLine.LF;
  readonly uri: { path: string; toString(): string };
  /** How many times lineAt was asked, to show the analysis reads lines and not the whole text. */
  lineReads = 0;
  getTextCalls = 0;

  constructor(path: string, text: string) {
    this.uri = { path, toString: () => `file://${path}` };
    this.lines = text.split(/\r\n|\r|\n/);
  }
  get lineCount(): number {
    return this.lines.length;
  }
  lineAt(i: number): { text: string } {
    this.lineReads++;
    return { text: this.lines[i]! };
  }
  getText(): string {
    this.getTextCalls++;
    return this.lines.join('\n');
  }
  /** Replaces one line, as typing in it would. */
  edit(line: number, text: string): void {
    this.lines[line] = text;
    this.version++;
  }
}
