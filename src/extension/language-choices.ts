/**
 * Files the user made OID traces by hand (the offer, the language picker, "Treat
 * This File as a Trace"), remembered per workspace: VS Code opens a `.log` as Log
 * again when it is reopened, and the extension switches it back.
 */
import type * as vscode from 'vscode';

const KEY = 'oidtrace.tracesByChoice';
/** The newest choices are kept; a workspace's list never grows without bound. */
const MAX = 500;

export class TraceChoices {
  constructor(private readonly memento: vscode.Memento) {}

  private list(): string[] {
    const raw = this.memento.get<unknown>(KEY);
    return Array.isArray(raw) ? raw.filter((u): u is string => typeof u === 'string') : [];
  }

  has(uri: vscode.Uri): boolean {
    return this.list().includes(uri.toString());
  }

  async remember(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const list = this.list().filter((u) => u !== key);
    list.push(key);
    await this.memento.update(KEY, list.slice(-MAX));
  }

  async forget(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const list = this.list();
    if (list.includes(key))
      await this.memento.update(
        KEY,
        list.filter((u) => u !== key),
      );
  }
}
