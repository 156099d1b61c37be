/**
 * What a line pattern being taught reads in a file ("Teach a Line Format…"):
 * the lines it matches with an `oid`, and the events the file gives with it.
 * It runs each time typing pauses in the pattern box (in the editor's analysis
 * worker, on the host only when that cannot run), so it reads the file's first
 * PREVIEW_LINES lines, split once.
 */
import { createAnalyzer, SNIFF_CHARS } from './analyzer';
import { compileCustomDialect, MAX_CUSTOM_LINE } from './dialects/custom';
import { forEachLine } from './text/lines';
import type { CustomDialect } from './types';

export const PREVIEW_LINES = 50_000;

/** The lines a preview reads, split once for every pattern the user tries. */
export interface PreviewSource {
  lines: string[];
  /** The file has more lines than PREVIEW_LINES. */
  partial: boolean;
  /** The start of the file, which the dialect of lines no pattern reads is told from. */
  head: string;
}

export function previewSource(text: string): PreviewSource {
  // A byte-order mark is not part of line 1 (as `analyze` reads a file).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines: string[] = [];
  let partial = false;
  forEachLine(text, (line, n) => {
    if (n <= PREVIEW_LINES) lines.push(line);
    else partial = true;
  });
  return { lines, partial, head: text.slice(0, SNIFF_CHARS) };
}

export interface PatternSpec {
  pattern: string | string[];
  flags?: string;
  name?: string;
}

export interface PatternReading {
  /** The pattern's problem, one line; then nothing else is set. */
  error?: string;
  /** Lines the pattern matches with an `oid`, and events the file gives with it. */
  matched: number;
  events: number;
  /** Only the first PREVIEW_LINES lines were read. */
  partial: boolean;
  /** "matches 12 lines of this file, giving 12 events". */
  message: string;
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** What the pattern reads in the source: as `analyze` with the pattern as the file's dialect would read those lines. */
export function readWithPattern(spec: PatternSpec, source: PreviewSource, fileName: string | undefined): PatternReading {
  const compiled = compileCustomDialect({ name: spec.name ?? 'preview', pattern: spec.pattern, flags: spec.flags }, 'pattern');
  if (!compiled.dialect)
    return { error: compiled.error!.replace(/^pattern\.pattern(?:\[\d+\])?: /, ''), matched: 0, events: 0, partial: false, message: compiled.error! };
  const dialect = compiled.dialect;
  const { lines, partial } = source;
  let matched = 0;
  for (const line of lines) if (matchesOid(dialect, line)) matched++;
  const analyzer = createAnalyzer(source.head, { fileName, customDialect: dialect, keepEvents: false, keepEpisodes: false });
  lines.forEach((line, i) => analyzer.line(line, i + 1));
  const events = analyzer.end().eventCount;
  const where = partial ? `of the first ${count(PREVIEW_LINES, 'line')} of this file` : 'of this file';
  return { matched, events, partial, message: `matches ${count(matched, 'line')} ${where}, giving ${count(events, 'event')}` };
}

function matchesOid(dialect: CustomDialect, line: string): boolean {
  if (line.length > MAX_CUSTOM_LINE) return false;
  return dialect.patterns.some((re) => {
    re.lastIndex = 0;
    return re.exec(line)?.groups?.oid !== undefined;
  });
}
