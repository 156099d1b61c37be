/**
 * The texts of the documents the analysis worker holds, kept current by the
 * editor's changes (a few characters per keystroke cross the thread, not the
 * whole text again).
 */
import type { TextChange } from './worker-protocol';

export interface HeldText {
  version: number;
  text: string;
}

/** Applies VS Code's changes of one edit, in the order given (each relative to the text the previous left). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  for (const c of changes) {
    if (c.offset < 0 || c.length < 0 || c.offset + c.length > text.length)
      throw new RangeError(`a change at ${c.offset}+${c.length} is outside a text of ${text.length} characters`);
    text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  }
  return text;
}

export class DocumentStore {
  private readonly texts = new Map<string, HeldText>();

  set(uri: string, version: number, text: string): void {
    this.texts.set(uri, { version, text });
  }

  /**
   * Applies an edit from version `from` to `version`. A document held at another
   * version, or whose edit does not fit its text, is dropped: the host sends its
   * whole text when it next asks for an analysis.
   */
  edit(uri: string, from: number, version: number, changes: readonly TextChange[]): void {
    const held = this.texts.get(uri);
    if (!held) return;
    if (held.version !== from) {
      this.texts.delete(uri);
      return;
    }
    try {
      held.text = applyChanges(held.text, changes);
      held.version = version;
    } catch {
      this.texts.delete(uri);
    }
  }

  get(uri: string): HeldText | undefined {
    return this.texts.get(uri);
  }

  close(uri: string): void {
    this.texts.delete(uri);
  }
}
