/**
 * "OID Trace: Teach a Line Format…", without VS Code: which lines the proposal
 * is learnt from, what each part of a line becomes, and the `oidtrace.dialects`
 * value it is saved as (what a pattern reads in the file is the engine's
 * pattern-preview.ts).
 * teach-format.ts is the dialogs around it.
 */
import { compileCustomDialect, traceExtension, type AnalysisResult, type CustomDialect, type ExplainedLine, type PatternSpec, type SuggestedSpec } from '../engine';

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

/** The dialect a pattern makes, to explain a line with; undefined when it does not compile (readWithPattern says why). */
export function patternDialect(spec: PatternSpec): CustomDialect | undefined {
  return compileCustomDialect({ name: spec.name ?? 'preview', pattern: spec.pattern, flags: spec.flags }, 'pattern').dialect;
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
