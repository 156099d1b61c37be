/**
 * What must hold of any analysis, whatever the input: shared by the property
 * tests, the hostile-input tests and the fuzz run (bench/fuzz.ts). Each check
 * returns the broken invariants as sentences (empty when all hold), so that a
 * fuzz run can report them without a test framework.
 */
import { analyze, analyzeStream, forEachLine, type AnalysisResult, type AnalyzeOptions } from '../../src/engine';

/** Line lengths (UTF-16 code units) as VS Code counts lines. */
export function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  forEachLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (line) => lengths.push(line.length));
  return lengths;
}

/** Every diagnostic, related location and event is inside the text: 1-based, end exclusive. */
export function checkPositions(text: string, r: AnalysisResult): string[] {
  const lengths = lineLengths(text);
  const problems: string[] = [];
  if (r.lines !== lengths.length) problems.push(`lines is ${r.lines}, the text has ${lengths.length}`);
  const inside = (what: string, line: number, column: number, endColumn: number) => {
    const len = lengths[line - 1];
    if (!Number.isInteger(line) || len === undefined) problems.push(`${what}: line ${line} is outside 1..${lengths.length}`);
    else if (!(Number.isInteger(column) && Number.isInteger(endColumn) && column >= 1 && endColumn > column && endColumn <= len + 1)) {
      problems.push(`${what}: columns ${column}-${endColumn} are outside line ${line} (length ${len})`);
    }
  };
  for (const d of r.diagnostics) {
    const what = `${d.rule} at ${d.span.line}:${d.span.column}`;
    if (d.span.endLine !== d.span.line) problems.push(`${what}: spans lines ${d.span.line}-${d.span.endLine}`);
    inside(what, d.span.line, d.span.column, d.span.endColumn);
    for (const rel of d.related) inside(`${what}, related`, rel.line, rel.column, rel.endColumn);
    if (d.message.length === 0 || d.message.length > 2000) problems.push(`${what}: message of ${d.message.length} characters`);
    if (!/^https:\/\//.test(d.docs)) problems.push(`${what}: docs link '${d.docs}'`);
  }
  for (const e of r.events) {
    inside(`event ${e.index} (${e.verb})`, e.span.line, e.span.column, e.span.endColumn);
    if (e.line !== e.span.line) problems.push(`event ${e.index}: line ${e.line} but span on line ${e.span.line}`);
  }
  for (const ep of r.episodes) {
    if (ep.events.length && !(ep.firstLine >= 1 && ep.lastLine <= lengths.length && ep.firstLine <= ep.lastLine)) {
      problems.push(`episode ${ep.index}: lines ${ep.firstLine}-${ep.lastLine}`);
    }
  }
  if (r.internalErrors.length) problems.push(`internal errors: ${r.internalErrors.join('; ')}`);
  return problems;
}

/** What two analyses of the same text must share (no object identity, no event objects). */
export function summary(r: AnalysisResult): string {
  return JSON.stringify({
    dialect: r.dialect,
    lines: r.lines,
    events: r.eventCount,
    diagnostics: r.diagnostics.map((d) => [d.rule, d.severity, d.span, d.message, d.related, d.event, d.episode]),
    episodes: r.episodes.map((e) => [e.kind, e.adapter, e.vf, e.title, e.firstLine, e.lastLine, e.sequence, e.problems, e.steps.map((s) => `${s.id}:${s.state}`)]),
    adapters: r.adapters,
    internalErrors: r.internalErrors,
  });
}

/** The text cut at the given offsets, as an async stream of chunks. */
export async function* chunked(text: string, cuts: readonly number[]): AsyncGenerator<string> {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const c of at) {
    yield text.slice(from, c);
    from = c;
  }
  yield text.slice(from);
}

/** analyzeStream over the cut text must say what analyze says. */
export async function checkStreamEqualsWhole(text: string, cuts: readonly number[], options: AnalyzeOptions): Promise<string[]> {
  const whole = summary(analyze(text, { ...options, keepEvents: false }));
  const streamed = summary(await analyzeStream(chunked(text, cuts), { ...options, keepEvents: false }));
  return whole === streamed
    ? []
    : [`analyzeStream (cut at ${cuts.join(',')}) differs from analyze:\n  whole:    ${whole.slice(0, 600)}\n  streamed: ${streamed.slice(0, 600)}`];
}
