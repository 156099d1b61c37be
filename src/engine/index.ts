/**
 * OID Trace's engine: reads driver traces, checks SR-IOV / NIC-switch OID
 * sequences against the documented orders, builds the episodes the diagrams
 * draw. Pure: no `vscode` import anywhere below this folder.
 */
import { createAnalyzer, dialectNeedsSample, SNIFF_CHARS, type Analyzer } from './analyzer';
import { forEachLine } from './text/lines';
import { ownCopy } from './text/own-copy';
import type { AnalysisResult, AnalyzeOptions } from './types';

export * from './types';
export { Analyzer, createAnalyzer, DEFAULT_STEP_SLOW_MS, SNIFF_CHARS, dialectForFile, dialectNeedsSample, dialectOf, looksLikeGuestLog, sniffDialect } from './analyzer';
export { RULES, RULE_IDS, ruleById, ruleDocs } from './rules';
export { describeFirstUnread, describeReading, eventsInLines, mentionOf, NOT_READ_MIN, NOT_READ_RATIO, OWN_FORMAT_DOCS, READ_EXAMPLES } from './reading';
export type { MentionKind, ReadingReport } from './reading';
export type { Rule, RuleMeta } from './rules';
export * as catalog from './catalog';
export { forEachLine, linesAt } from './text/lines';
export { hasWppPrefix } from './dialects/driver-log';
export { elapsedMs } from './dialects/time';
export { CanonicalWriter, formatTime, printCanonical } from './dialects/print-canonical';
export type { PrintableEvent, PrintOptions } from './dialects/print-canonical';
export { decodeText, detectEncoding, looksBinary, StreamDecoder } from './text/decode';
export { DEFAULT_PAGE_SIZE, episodeDiagram, problemPages, referenceDiagram } from './diagram/mermaid';
export type { DiagramElement, DiagramInput, DiagramOptions, EpisodeDiagram } from './diagram/mermaid';
export { mermaidText } from './diagram/escape';
export { correlate, CorrelationError } from './correlate';
export type { CorrelateFile, CorrelateOptions, Correlation, CorrelationFile } from './correlate';
export { compileCustomDialect, compileCustomDialects, CUSTOM_GROUPS, MAX_CUSTOM_LINE } from './dialects/custom';
export type { CustomDialectSpec } from './dialects/custom';
export { proposedFormatName, suggestDialect, traceExtension } from './dialects/suggest';
export type { DialectSuggestion, SuggestedSpec, SuggestOptions } from './dialects/suggest';
export { explainLine } from './dialects/explain';
export { PREVIEW_LINES, previewSource, readWithPattern } from './pattern-preview';
export type { PatternReading, PatternSpec, PreviewSource } from './pattern-preview';
export type { CustomGroup, ExplainedLine, LinePart } from './dialects/explain';

/** How much text the dialect is sniffed from when neither option nor file name says it. */

/** Analyzes a whole trace held in a string. Pure and synchronous. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  // A byte-order mark left at the start of decoded text is not part of line 1.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const analyzer = createAnalyzer(text, options);
  forEachLine(text, (line, n) => analyzer.line(line, n));
  return analyzer.end();
}

/**
 * Analyzes a trace that arrives in chunks of text (a file too large to hold).
 * Lines may span chunks; with `keepEvents: false` memory stays bounded by the
 * open VF lifecycles and pending requests, not by the file's size. When the
 * dialect must be sniffed, the first 64 KiB are gathered first, so the answer
 * is the one `analyze` gives whatever the size of the chunks.
 */
export async function analyzeStream(chunks: AsyncIterable<string>, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const mustSniff = dialectNeedsSample(options);
  let analyzer: Analyzer | undefined;
  let head = '';
  let started = false;
  // The last, possibly partial, line: its pieces, joined once its line break arrives
  // (a line of many chunks is never searched or copied again per chunk).
  let carry: string[] = [];
  let lineNumber = 1;
  const feed = (a: Analyzer, chunk: string): void => {
    if (chunk.length === 0) return;
    // The last line break of the chunk; a trailing \r may pair with a \n in the next one.
    let cut = Math.max(chunk.lastIndexOf('\n'), chunk.lastIndexOf('\r'));
    if (cut === chunk.length - 1 && chunk.charCodeAt(cut) === 13) {
      cut = cut === 0 ? -1 : Math.max(chunk.lastIndexOf('\n', cut - 1), chunk.lastIndexOf('\r', cut - 1));
    }
    if (cut < 0) {
      // No break of its own: a \r kept at the end of the carry ends its line now.
      const last = carry.length ? carry[carry.length - 1]! : '';
      if (last.charCodeAt(last.length - 1) !== 13) {
        carry.push(chunk);
        return;
      }
      cut = -1;
    }
    const text = carry.join('') + chunk;
    carry = [];
    cut += text.length - chunk.length;
    let complete = text.slice(0, cut);
    if (text.charCodeAt(cut) === 10 && complete.charCodeAt(complete.length - 1) === 13) complete = complete.slice(0, -1);
    const rest = text.slice(cut + 1);
    if (rest) carry.push(rest);
    const n = forEachLine(complete, (line, i) => a.line(a.keepsNothingOf(line) ? line : ownCopy(line), lineNumber + i - 1));
    lineNumber += n;
  };
  for await (let chunk of chunks) {
    if (!started && chunk.length) {
      started = true;
      // As in analyze: a byte-order mark left at the start is not part of line 1.
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (analyzer) {
      feed(analyzer, chunk);
      continue;
    }
    head += chunk;
    if (mustSniff && head.length < SNIFF_CHARS) continue;
    analyzer = createAnalyzer(head, options);
    feed(analyzer, head);
    head = '';
  }
  if (!analyzer) {
    analyzer = createAnalyzer(head, options);
    feed(analyzer, head);
  }
  const a = analyzer;
  forEachLine(carry.join(''), (line, i) => a.line(ownCopy(line), lineNumber + i - 1));
  return analyzer.end();
}

export { expandBraces, matchesGlob } from './text/glob';
export { isTraceFileName, SKIPPED_FOLDERS, TRACE_FILE_GLOBS } from './trace-files';
