/**
 * A few lines of a file of any size, read from its start up to the last of them
 * and no further: the lines around an event of a trace too big for the editor.
 * Lines are counted as the engine and VS Code count them (`\r\n`, `\n`, a lone `\r`).
 */
import { readTrace } from './read';

export interface LinesRead {
  /** The first line's number (1-based) and the lines from it on. */
  first: number;
  lines: string[];
  /** The file's number of lines, when it ended before the last line asked for. */
  total?: number;
}

/** Keeps lines `first`..`last` of a text that arrives in chunks. */
export class LineCollector {
  private line = 1;
  private partial = '';
  /** The previous chunk ended with `\r`: a `\n` at the start of this one belongs to it. */
  private pendingCr = false;
  readonly lines: string[] = [];

  constructor(
    readonly first: number,
    readonly last: number,
  ) {}

  get done(): boolean {
    return this.line > this.last;
  }

  push(text: string): void {
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    let cr = text.indexOf('\r', i);
    let nl = text.indexOf('\n', i);
    while (i < text.length && !this.done) {
      if (cr >= 0 && cr < i) cr = text.indexOf('\r', i);
      if (nl >= 0 && nl < i) nl = text.indexOf('\n', i);
      let end: number;
      let next: number;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        end = cr;
        if (cr + 1 === text.length) this.pendingCr = true;
        next = nl === cr + 1 ? cr + 2 : cr + 1;
      } else if (nl >= 0) {
        end = nl;
        next = nl + 1;
      } else {
        if (this.line >= this.first) this.partial += text.slice(i);
        return;
      }
      if (this.line >= this.first) this.lines.push(this.partial + text.slice(i, end));
      this.partial = '';
      this.line++;
      i = next;
    }
  }

  /** The text ended: its last line (after its last break) counts too. */
  end(): LinesRead {
    if (this.done) return { first: this.first, lines: this.lines };
    if (this.line >= this.first) this.lines.push(this.partial);
    this.partial = '';
    return { first: this.first, lines: this.lines, total: this.line };
  }
}

/** Lines `first`..`last` (1-based) of a file; fewer when the file ends first. */
export async function readLines(path: string, first: number, last: number): Promise<LinesRead> {
  const collector = new LineCollector(first, last);
  for await (const text of readTrace(path, { cancelled: () => collector.done })) {
    collector.push(text);
    if (collector.done) break;
  }
  return collector.end();
}
