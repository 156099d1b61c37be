/** Analyses one input for `lint`: the byte-level fast path for UTF-8 driver logs, the text path otherwise. */
import { createReadStream } from 'node:fs';
import { Analyzer, analyzeStream, detectEncoding, dialectForFile, looksBinary, type AnalysisResult, type AnalyzeOptions } from '../engine';
import { describeFsError, InputError } from './errors';
import { DriverLogScanner } from './fast-scan';
import { readTrace } from './read';

const CHUNK = 4 << 20;

export async function analyzeFile(path: string, options: AnalyzeOptions): Promise<AnalysisResult> {
  const fileName = path === '-' ? undefined : path;
  const opts = { ...options, fileName, keepEvents: false };
  if (path === '-' || dialectForFile(fileName) !== 'wpp') return analyzeStream(readTrace(path), opts);
  const result = await scanBytes(path, opts);
  // A lone CR ends a line too: such files take the text path, which counts them.
  return result ?? analyzeStream(readTrace(path), opts);
}

async function scanBytes(path: string, options: AnalyzeOptions): Promise<AnalysisResult | undefined> {
  const analyzer = new Analyzer({ ...options, dialect: 'wpp' });
  const scanner = new DriverLogScanner(analyzer);
  let first = true;
  try {
    for await (const raw of createReadStream(path, { highWaterMark: CHUNK })) {
      let chunk = raw as Buffer;
      if (first) {
        first = false;
        if (looksBinary(chunk)) throw new InputError(path, 'not a text trace (binary content)');
        const { encoding, bom } = detectEncoding(chunk);
        if (encoding !== 'utf-8') return undefined;
        chunk = chunk.subarray(bom);
      }
      scanner.push(chunk);
      if (scanner.loneCr) return undefined;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describeFsError(path, error);
  }
  const lines = scanner.finish();
  if (scanner.loneCr) return undefined;
  return analyzer.end(lines);
}
