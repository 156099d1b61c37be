/**
 * The fast path for big driver logs (UTF-8, the common case): the bytes are
 * searched for what can start an OID event (`OID_`, a `000102xx` code) or a
 * suppression comment, only those lines are decoded and handed to the engine,
 * and the rest are only counted. No string is built for a line of noise, and
 * memory stays at one chunk plus the engine's open state.
 */
import type { Analyzer } from '../engine';

const NEEDLES = [Buffer.from('OID_'), Buffer.from('000102'), Buffer.from('oidtrace-disable')];
const LF = 10;
const CR = 13;

export class DriverLogScanner {
  private line = 1;
  private pieces: Buffer[] = [];
  private pendingLength = 0;
  /** A file with a lone CR (old Mac line ends) counts lines differently: the caller falls back. */
  loneCr = false;

  constructor(private readonly analyzer: Analyzer) {}

  /** Feeds a chunk of UTF-8 bytes (no BOM). */
  push(chunk: Buffer): void {
    const lastLf = chunk.lastIndexOf(LF);
    if (lastLf < 0) {
      this.pieces.push(chunk);
      this.pendingLength += chunk.length;
      return;
    }
    let buf = chunk;
    let start = 0;
    if (this.pieces.length) {
      // Finish the line that spans chunks, joined once.
      const end = lastLf + 1;
      this.pieces.push(chunk.subarray(0, end));
      buf = Buffer.concat(this.pieces, this.pendingLength + end);
      this.scan(buf, 0, buf.length);
      this.pieces = [];
      this.pendingLength = 0;
      start = end;
      buf = chunk;
    }
    this.scan(buf, start, lastLf + 1);
    if (lastLf + 1 < chunk.length) {
      this.pieces.push(chunk.subarray(lastLf + 1));
      this.pendingLength += chunk.length - lastLf - 1;
    }
  }

  /** The end of the input: the last line (without a line break) and the line count. */
  finish(): number {
    if (this.pendingLength > 0) {
      const buf = Buffer.concat(this.pieces, this.pendingLength);
      this.scan(buf, 0, buf.length, true);
      // The last line had no line break: it is line `this.line`.
      return this.line;
    }
    // Text that ends with a line break has one more, empty, line (as VS Code shows).
    return this.line;
  }

  /** Scans buf[from, to): complete lines (to is just past a LF, or the end when `last`). */
  private scan(buf: Buffer, from: number, to: number, last = false): void {
    if (!this.loneCr) {
      let cr = buf.indexOf(CR, from);
      while (cr >= 0 && cr < to) {
        if (buf[cr + 1] !== LF && !(last && cr + 1 === to)) {
          this.loneCr = true;
          break;
        }
        cr = buf.indexOf(CR, cr + 2);
      }
    }
    const next = NEEDLES.map((n) => buf.indexOf(n, from));
    let pos = from;
    for (;;) {
      let hit = -1;
      for (let i = 0; i < NEEDLES.length; i++) {
        if (next[i]! >= 0 && next[i]! < pos) next[i] = buf.indexOf(NEEDLES[i]!, pos);
        const n = next[i]!;
        if (n >= 0 && n < to && (hit < 0 || n < hit)) hit = n;
      }
      if (hit < 0) break;
      // Count the lines up to the hit's line.
      let lineStart = pos;
      let nl = buf.indexOf(LF, pos);
      while (nl >= 0 && nl < hit) {
        this.line++;
        lineStart = nl + 1;
        nl = buf.indexOf(LF, lineStart);
      }
      const lineEnd = nl >= 0 && nl < to ? nl : to;
      const textEnd = lineEnd > lineStart && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      this.analyzer.line(buf.toString('utf8', lineStart, textEnd), this.line);
      if (lineEnd >= to) {
        pos = to;
        if (!last) this.line++;
        return;
      }
      this.line++;
      pos = lineEnd + 1;
    }
    // No more hits: count the remaining line breaks.
    let nl = buf.indexOf(LF, pos);
    while (nl >= 0 && nl < to) {
      this.line++;
      nl = buf.indexOf(LF, nl + 1);
    }
  }
}
