/**
 * What each preview shows, kept in the workspace's state: the webview only knows
 * the trace its page was made with, so after a window reload the state VS Code
 * hands back names the first trace a preview showed. Each preview has an id in
 * that state; this record says which trace it shows now, and whether locked.
 */
import type * as vscode from 'vscode';

const KEY = 'oidtrace.previews';
/** Records kept (newest first): previews closed long ago fall off. */
const MAX = 32;

export interface Shown {
  id: string;
  resource: string;
  locked: boolean;
}

export class PreviewMemory {
  constructor(private readonly memento: vscode.Memento | undefined) {}

  remember(shown: Shown): void {
    if (!this.memento) return;
    const list = this.all().filter((s) => s.id !== shown.id);
    void this.memento.update(KEY, [shown, ...list].slice(0, MAX));
  }

  forget(id: string): void {
    if (!this.memento) return;
    void this.memento.update(
      KEY,
      this.all().filter((s) => s.id !== id),
    );
  }

  recall(id: string | undefined): Shown | undefined {
    return id === undefined ? undefined : this.all().find((s) => s.id === id);
  }

  private all(): Shown[] {
    const raw = this.memento?.get<unknown>(KEY);
    return Array.isArray(raw) ? (raw as unknown[]).filter(isShown) : [];
  }
}

export function newPreviewId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function isShown(s: unknown): s is Shown {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.resource === 'string' && typeof o.locked === 'boolean';
}
