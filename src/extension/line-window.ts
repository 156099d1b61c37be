/**
 * A window of lines of a trace too big to open in the editor: which lines around
 * a line it holds, its title, the address of its read-only document, and the
 * file's problems moved to the window's own line numbers. Pure: no `vscode`.
 */
import type { Diagnostic, Span } from '../engine';

/** Lines shown before and after the line asked for. */
export const LINES_AROUND = 200;

/** 1-based, inclusive. */
export interface LineWindow {
  first: number;
  last: number;
}

/** The lines around `line`, cut to the file's `totalLines` when known (the window keeps its size near either end). */
export function windowAround(line: number, totalLines?: number, around = LINES_AROUND): LineWindow {
  const size = 2 * around + 1;
  let first = Math.max(1, line - around);
  let last = first + size - 1;
  if (totalLines !== undefined && last > totalLines) {
    last = Math.max(1, totalLines);
    first = Math.max(1, last - size + 1);
  }
  return { first, last };
}

const count = (n: number) => n.toLocaleString('en-US');

/** `big.log: lines 1,234,400–1,234,800`: the file's name and the real line numbers. */
export function windowTitle(fileName: string, w: LineWindow): string {
  return `${fileName}: lines ${count(w.first)}–${count(w.last)}`;
}

/** `line 1,234,567 of big.log`, for a line of the window (1-based). */
export function describeLine(fileName: string, w: LineWindow, windowLine: number): string {
  return `line ${count(toFileLine(w, windowLine))} of ${fileName}`;
}

/** The file's line shown on a (1-based) line of the window. */
export function toFileLine(w: LineWindow, windowLine: number): number {
  return w.first + windowLine - 1;
}

/** The window's line showing a (1-based) line of the file. */
export function toWindowLine(w: LineWindow, fileLine: number): number {
  return fileLine - w.first + 1;
}

/** The window's document names its file and lines in its query. */
export function windowQuery(file: string, w: LineWindow): string {
  return new URLSearchParams({ file, first: String(w.first), last: String(w.last) }).toString();
}

export function parseWindowQuery(query: string): { file: string; window: LineWindow } | undefined {
  const params = new URLSearchParams(query);
  const file = params.get('file');
  const first = Number(params.get('first'));
  const last = Number(params.get('last'));
  if (!file || !Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || last < first) return undefined;
  return { file, window: { first, last } };
}

/**
 * The file's problems on the window's lines, at the window's line numbers. A problem
 * that runs past the window ends at its last line; its related places outside the
 * window are left out (the file itself cannot be opened to show them); a fix is
 * dropped (the window is read-only).
 */
export function diagnosticsInWindow(diagnostics: readonly Diagnostic[], w: LineWindow): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.span.line < w.first || d.span.line > w.last) continue;
    const { fix: _fix, ...rest } = d;
    out.push({
      ...rest,
      span: moveSpan(d.span, w),
      related: d.related.filter((r) => r.line >= w.first && r.line <= w.last).map((r) => ({ ...r, line: toWindowLine(w, r.line) })),
    });
  }
  return out;
}

function moveSpan(span: Span, w: LineWindow): Span {
  const cut = span.endLine > w.last;
  return {
    line: toWindowLine(w, span.line),
    column: span.column,
    endLine: toWindowLine(w, Math.min(span.endLine, w.last)),
    // Past the window's last line: to the end of that line (the editor cuts a column to its line).
    endColumn: cut ? Number.MAX_SAFE_INTEGER : span.endColumn,
  };
}
