/**
 * Bytes to text the way Windows tools write traces: UTF-8 (with or without a
 * BOM), UTF-16 LE/BE with a BOM (PowerShell redirection), Latin-1 bytes in
 * otherwise ASCII logs (decoded as replacement characters, as an editor does).
 * And the one question to ask first: is this a text trace at all?
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without a BOM: ASCII text with a NUL in every other byte.
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 16) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    const half = n / 2;
    if (oddNul > half * 0.9 && evenNul < half * 0.05) return { encoding: 'utf-16le', bom: 0 };
    if (evenNul > half * 0.9 && oddNul < half * 0.05) return { encoding: 'utf-16be', bom: 0 };
  }
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * A binary file (an .etl opened by mistake, a zip, random bytes) rather than
 * text, judged from its first bytes: a known magic number, or many control bytes.
 * A few NUL bytes inside a text line do not make a file binary.
 */
export function looksBinary(head: Uint8Array): boolean {
  const guess = detectEncoding(head);
  if (guess.encoding !== 'utf-8') return false;
  const n = Math.min(head.length, 8192);
  if (n === 0) return false;
  // Zip (also .vsix, .docx), gzip, PE executables, ELF.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return true;
  if (head[0] === 0x1f && head[1] === 0x8b) return true;
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return true;
  // A capture cut mid-write can end in zeros (space its writer reserved): they
  // do not make the text before them binary. Nothing but zeros is no text at all.
  let end = n;
  while (end > 0 && head[end - 1] === 0) end--;
  if (end === 0) return true;
  // Text logs hold almost no control bytes (a stray NUL is fine) and, even with
  // Latin-1 or UTF-8 in them, mostly ASCII; random or compressed bytes hold both.
  let control = 0;
  let high = 0;
  for (let i = 0; i < end; i++) {
    const b = head[i]!;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
    else if (b >= 0x80) high++;
  }
  return control > end * 0.02 + 1 || (high > end * 0.3 && control > 0);
}

/** Decodes a whole buffer. */
export function decodeText(bytes: Uint8Array): string {
  const { encoding, bom } = detectEncoding(bytes);
  return new TextDecoder(encoding).decode(bytes.subarray(bom));
}

/** Decodes a stream of chunks; a character split across chunks is kept whole. */
export class StreamDecoder {
  private decoder: TextDecoder | undefined;
  private skip = 0;
  private pending: Uint8Array | undefined;

  /** Returns the text decoded so far (may be empty while the first bytes are gathered). */
  push(chunk: Uint8Array): string {
    if (!this.decoder) {
      const head = this.pending ? concat(this.pending, chunk) : chunk;
      if (head.length < 4) {
        this.pending = head;
        return '';
      }
      this.pending = undefined;
      const guess = detectEncoding(head);
      this.decoder = new TextDecoder(guess.encoding);
      this.skip = guess.bom;
      chunk = head;
    }
    const body = this.skip ? chunk.subarray(this.skip) : chunk;
    this.skip = 0;
    return this.decoder.decode(body, { stream: true });
  }

  end(): string {
    if (!this.decoder) {
      const head = this.pending ?? new Uint8Array(0);
      this.pending = undefined;
      return decodeText(head);
    }
    return this.decoder.decode();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
