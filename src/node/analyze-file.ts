/**
 * Analysing a trace file from disk, for the CLI and for the extension's
 * "Lint File…" (traces over the editor's 50 MB limit): the byte-level fast path
 * for UTF-8 driver logs and canonical traces, the decoded-text path otherwise.
 * Node only.
 */
import { open } from 'node:fs/promises';
import { Analyzer, analyzeStream, detectEncoding, dialectForFile, looksBinary, looksLikeGuestLog, type AnalysisResult, type AnalyzeOptions } from '../engine';
import { describeFsError, InputError } from './errors';
import { scanTraceFile } from './fast-scan';
import { readTrace, type FileProgress } from './read';

const CHUNK = 4 << 20;

export async function analyzeFile(path: string, options: AnalyzeOptions, progress: FileProgress = {}): Promise<AnalysisResult> {
  const fileName = path === '-' ? undefined : path;
  const opts: AnalyzeOptions = { keepEvents: false, ...options, fileName };
  if (path === '-') return analyzeStream(readTrace(path, progress), opts);
  // The byte scan skips lines, so only for an analyzer that says which it may skip: not a
  // Linux guest's log, nor a file read by a user's own patterns (they may match any line).
  const analyzer = new Analyzer({ ...opts, dialect: dialectForFile(fileName) ?? 'wpp' });
  const result = analyzer.skippable ? await scanBytes(path, analyzer, progress) : undefined;
  // Not UTF-8, or a lone CR ends a line: such files take the text path, which decodes and counts them.
  return result ?? analyzeStream(readTrace(path, progress), opts);
}

async function scanBytes(path: string, analyzer: Analyzer, progress: FileProgress): Promise<AnalysisResult | undefined> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw describeFsError(path, error);
  }
  try {
    const { lines } = await scanTraceFile(
      file,
      analyzer,
      (chunk) => {
        if (looksBinary(chunk)) throw new InputError(path, 'not a text trace (binary content)');
        const { encoding, bom } = detectEncoding(chunk);
        if (encoding !== 'utf-8') return undefined;
        // More byte-order marks after the first are not line 1 either (the text path's
        // decoder drops a second, analyze a third; VS Code drops two): same columns.
        let skip = bom;
        for (let k = 0; k < 2 && chunk[skip] === 0xef && chunk[skip + 1] === 0xbb && chunk[skip + 2] === 0xbf; k++) skip += 3;
        // A Linux guest's log named *.log: the text path reads it. Told from the text the
        // engine will see, after those marks (a mark before line 1's prefix hid it).
        if (analyzer.dialect === 'wpp' && looksLikeGuestLog(chunk.toString('utf8', skip, 64 << 10))) return undefined;
        return { skip };
      },
      CHUNK,
      withSnapshots(analyzer, progress),
    );
    return lines === undefined ? undefined : analyzer.end(lines);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describeFsError(path, error);
  } finally {
    await file.close();
  }
}

/** The caller's progress, plus snapshots of the analysis so far when it asked for them. */
function withSnapshots(analyzer: Analyzer, progress: FileProgress): FileProgress {
  const { onSnapshot } = progress;
  if (!onSnapshot) return progress;
  const every = progress.snapshotEveryMs ?? 1000;
  let last = -Infinity;
  return {
    ...progress,
    onBytes(read) {
      progress.onBytes?.(read);
      const now = performance.now();
      if (now - last < every) return;
      last = now;
      onSnapshot(analyzer.snapshot());
    },
  };
}
