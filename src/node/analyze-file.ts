/**
 * Analysing a trace file from disk, for the CLI and for the extension's
 * "Lint File…" (traces over the editor's 50 MB limit): the byte-level fast path
 * for UTF-8 driver logs, the decoded-text path otherwise. Node only.
 */
import { createReadStream } from 'node:fs';
import { Analyzer, analyzeStream, detectEncoding, dialectForFile, looksBinary, looksLikeGuestLog, type AnalysisResult, type AnalyzeOptions } from '../engine';
import { describeFsError, InputError } from './errors';
import { DriverLogScanner } from './fast-scan';
import { readTrace, type FileProgress } from './read';

const CHUNK = 4 << 20;

export async function analyzeFile(path: string, options: AnalyzeOptions, progress: FileProgress = {}): Promise<AnalysisResult> {
  const fileName = path === '-' ? undefined : path;
  const opts: AnalyzeOptions = { keepEvents: false, ...options, fileName };
  if (path === '-' || dialectForFile(fileName) !== 'wpp') return analyzeStream(readTrace(path, progress), opts);
  const result = await scanBytes(path, opts, progress);
  // A lone CR ends a line too: such files take the text path, which counts them.
  return result ?? analyzeStream(readTrace(path, progress), opts);
}

async function scanBytes(path: string, options: AnalyzeOptions, progress: FileProgress): Promise<AnalysisResult | undefined> {
  const analyzer = new Analyzer({ ...options, dialect: 'wpp' });
  const scanner = new DriverLogScanner(analyzer);
  let first = true;
  let read = 0;
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const raw of stream) {
      let chunk = raw as Buffer;
      read += chunk.length;
      if (first) {
        first = false;
        if (looksBinary(chunk)) throw new InputError(path, 'not a text trace (binary content)');
        const { encoding, bom } = detectEncoding(chunk);
        if (encoding !== 'utf-8') return undefined;
        chunk = chunk.subarray(bom);
        if (looksLikeGuestLog(chunk.toString('utf8', 0, 64 << 10))) return undefined; // a Linux guest's log named *.log: the text path reads it
        // More byte-order marks after the first are not line 1 either (the text path's
        // decoder drops a second, analyze a third; VS Code drops two): same columns.
        for (let k = 0; k < 2 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf; k++) chunk = chunk.subarray(3);
      }
      scanner.push(chunk);
      if (scanner.loneCr) return undefined;
      progress.onBytes?.(read);
      if (progress.cancelled?.()) break;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describeFsError(path, error);
  } finally {
    stream.destroy();
  }
  const lines = scanner.finish();
  if (scanner.loneCr) return undefined;
  return analyzer.end(lines);
}
