/**
 * "OID Trace: Teach a Line Format…", without VS Code: which lines the proposal
 * is learnt from, what each part of a line becomes, what a pattern being edited
 * reads in the open file, and the `oidtrace.dialects` value it is saved as.
 * teach-format.ts is the dialogs around it.
 */
import {
  analyze,
  compileCustomDialect,
  forEachLine,
  MAX_CUSTOM_LINE,
  traceExtension,
  type AnalysisResult,
  type CustomDialect,
  type ExplainedLine,
  type SuggestedSpec,
} from '../engine';

/** The lines to learn from: those selected, else those the not-read report names, else the cursor's line. */
export function sampleLines(reading: AnalysisResult['reading'], selection: { first: number; last: number } | undefined, cursor: number): number[] {
  if (selection && selection.last >= selection.first) {
    const out: number[] = [];
    for (let n = selection.first; n <= selection.last && out.length < 20; n++) out.push(n);
    return out;
  }
  return reading.firstUnread.length ? [...reading.firstUnread] : [cursor];
}

/** One part per row: `oid ← SriovResetVf: OID_SRIOV_RESET_VF (0x00010255)`. */
export function describeParts(explained: ExplainedLine | undefined): string[] {
  if (!explained) return ['the pattern does not match this line'];
  const rows = explained.parts.map((p) => `${p.group} ← ${p.text.trim()}: ${p.meaning}`);
  rows.push(explained.event ? `an event: ${explained.event}` : `no event: ${explained.problem ?? 'no OID'}`);
  return rows;
}

/** How far a preview reads: an edit is checked on every keystroke. */
export const PREVIEW_LINES = 50_000;

export interface Preview {
  /** The pattern's problem, one line; then nothing else is set. */
  error?: string;
  dialect?: CustomDialect;
  /** Lines the pattern matches with an `oid`, and events the file gives with it. */
  matched: number;
  events: number;
  /** Only the first PREVIEW_LINES lines were read. */
  partial: boolean;
  /** "matches 12 lines of this file, giving 12 events". */
  message: string;
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** The lines a preview reads (the file's first PREVIEW_LINES), split once for every pattern the user tries. */
export interface PreviewSource {
  lines: string[];
  /** Their text. */
  text: string;
  /** The file has more lines. */
  partial: boolean;
}

export function previewSource(text: string): PreviewSource {
  const lines: string[] = [];
  let partial = false;
  forEachLine(text, (line, n) => {
    if (n <= PREVIEW_LINES) lines.push(line);
    else partial = true;
  });
  return { lines, text: partial ? lines.join('\n') : text, partial };
}

/** What the patterns read in the file (its first PREVIEW_LINES lines). */
export function preview(spec: { pattern: string | string[]; flags?: string; name?: string }, source: PreviewSource, fileName: string | undefined): Preview {
  const compiled = compileCustomDialect({ name: spec.name ?? 'preview', pattern: spec.pattern, flags: spec.flags }, 'pattern');
  if (!compiled.dialect)
    return { error: compiled.error!.replace(/^pattern\.pattern(?:\[\d+\])?: /, ''), matched: 0, events: 0, partial: false, message: compiled.error! };
  const dialect = compiled.dialect;
  let matched = 0;
  for (const line of source.lines) if (matchesOid(dialect, line)) matched++;
  const events = analyze(source.text, { fileName, customDialect: dialect, keepEvents: false, keepEpisodes: false }).eventCount;
  const { partial } = source;
  const where = partial ? `of the first ${count(PREVIEW_LINES, 'line')} of this file` : 'of this file';
  return { dialect, matched, events, partial, message: `matches ${count(matched, 'line')} ${where}, giving ${count(events, 'event')}` };
}

function matchesOid(dialect: CustomDialect, line: string): boolean {
  if (line.length > MAX_CUSTOM_LINE) return false;
  return dialect.patterns.some((re) => {
    re.lastIndex = 0;
    return re.exec(line)?.groups?.oid !== undefined;
  });
}

/** The choices of which files the dialect reads: this file's extension, this file, every trace. */
export function filesChoices(path: string): Array<{ label: string; files: string[] | undefined }> {
  const base = path.split('/').pop() ?? '';
  const ext = traceExtension(path);
  const out: Array<{ label: string; files: string[] | undefined }> = [];
  if (ext) out.push({ label: `**/*.${ext}`, files: [`**/*.${ext}`] });
  if (base) out.push({ label: `**/${base}`, files: [`**/${base}`] });
  out.push({ label: 'every trace', files: undefined });
  return out;
}

/**
 * `oidtrace.dialects` with this dialect first (the first whose `files` match a
 * file reads it); one of the same name is replaced, values that are no dialect
 * are kept as they are.
 */
export function withDialect(current: unknown, spec: SuggestedSpec, files: string[] | undefined): unknown[] {
  const list: unknown[] = Array.isArray(current) ? (current as unknown[]) : [];
  const entry: Record<string, unknown> = { name: spec.name };
  if (files) entry.files = files;
  entry.pattern = spec.pattern;
  entry.flags = spec.flags;
  const others = list.filter((d) => !(typeof d === 'object' && d !== null && (d as { name?: unknown }).name === spec.name));
  return [entry, ...others];
}
