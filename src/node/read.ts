/** Reading a trace from a file or standard input, as decoded text chunks. */
import { createReadStream, promises as fs } from 'node:fs';
import { looksBinary, StreamDecoder, type AnalysisResult } from '../engine';
import { describeFsError, InputError } from './errors';

const CHUNK = 1 << 20;

/**
 * Checks a path before reading: exists, is a file, readable. Returns its size
 * when it is a regular file (not standard input, nor a pipe).
 */
export async function checkReadable(path: string): Promise<number | undefined> {
  if (path === '-') return undefined;
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    await fs.access(path, fs.constants.R_OK);
    return st.isFile() ? st.size : undefined;
  } catch (error) {
    throw describeFsError(path, error);
  }
}

export interface FileProgress {
  /** Called with the bytes read so far. */
  onBytes?(bytes: number): void;
  /** Polled between chunks: true stops the reading (the result is then partial). */
  cancelled?(): boolean;
  /**
   * What the file shows so far, while it is still being read: after the first
   * chunk, then at most every `snapshotEveryMs` (1 s). Driver logs on the fast path only.
   */
  onSnapshot?: (partial: AnalysisResult) => void;
  snapshotEveryMs?: number;
  /** Read driver logs on the fast path synchronously (see ScanProgress.sync): for the CLI. */
  sync?: boolean;
}

/** Decoded text of a trace, chunk by chunk; rejects binary files before any analysis. */
export async function* readTrace(path: string, progress: FileProgress = {}): AsyncGenerator<string> {
  const source: AsyncIterable<Buffer> = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK });
  const decoder = new StreamDecoder();
  let first = true;
  let read = 0;
  try {
    for await (const chunk of source) {
      if (progress.cancelled?.()) break;
      const bytes = chunk;
      read += bytes.length;
      progress.onBytes?.(read);
      if (first) {
        first = false;
        if (looksBinary(bytes)) throw new InputError(path, 'not a text trace (binary content)');
      }
      const text = decoder.push(bytes);
      if (text) yield text;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describeFsError(path, error);
  }
  // Nothing piped in is an empty trace, as an empty file is.
  const rest = decoder.end();
  if (rest) yield rest;
}

export async function readWholeTrace(path: string): Promise<string> {
  const parts: string[] = [];
  for await (const text of readTrace(path)) parts.push(text);
  return parts.join('');
}
