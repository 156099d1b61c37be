/**
 * Shared helpers of the engine tests: the samples and fixtures, inline traces
 * written as template strings, and a small RuleTester in ESLint's spirit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult, type AnalyzeOptions, type Diagnostic, type Severity, type TraceEvent } from '../../src/engine';
import { parseCanonicalLine } from '../../src/engine/dialects/canonical';
import { TraceModel } from '../../src/engine/model/trace-model';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLES_DIR = join(ROOT, 'samples');
export const FIXTURES_DIR = join(ROOT, 'test', 'fixtures');
export const DOCS = 'https://learn.microsoft.com/windows-hardware/drivers/network/';

export function sample(name: string): string {
  return readFileSync(join(SAMPLES_DIR, name), 'utf8');
}

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

/** Analyzes a sample the way the CLI does (the file name chooses the dialect). */
export function analyzeSample(name: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyze(sample(name), { fileName: name, ...options });
}

/**
 * A model without kept events (as the CLI runs it), fed one canonical line at a
 * time: `feed` parses the line on `adapter`, prepares and applies its event.
 */
export function leanModel({ keepEpisodes = false, adapter = 'default' } = {}) {
  const model = new TraceModel({ keepEvents: false, keepEpisodes, onEpisodeClosed: () => {} });
  const state = { adapter };
  let line = 0;
  const feed = (text: string): TraceEvent => {
    const ev = model.prepare(parseCanonicalLine(text, ++line, state)!.event!);
    model.apply(ev);
    return ev;
  };
  return { model, feed };
}

/**
 * A trace written inline: the first line break and the common indentation are
 * dropped, so `trace\`\n    A\n    B\n  \`` is "A\nB" and A is line 1.
 */
export function trace(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  text = text.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Canonical by default: the file name says `.oidtrace`. */
export function lint(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyze(text, { fileName: 'inline.oidtrace', ...options });
}

export function lintLog(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyze(text, { fileName: 'inline.log', ...options });
}

export function byRule(result: AnalysisResult, rule: string): Diagnostic[] {
  return result.diagnostics.filter((d) => d.rule === rule);
}

/** "line:column-endColumn rule", the way a reviewer reads a location. */
export function where(d: Diagnostic): string {
  return `${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.rule}`;
}

export interface ExpectedError {
  line: number;
  column: number;
  endColumn: number;
  severity?: Severity;
  /** Parts of the message that must be there (VF, VPort, OID, the documented order...). */
  message?: Array<string | RegExp>;
  /** The related locations, as line numbers (with their message parts, when given). */
  related?: Array<number | { line: number; column?: number; endColumn?: number; message?: string | RegExp }>;
  docs?: string;
}

export interface ValidCase {
  name: string;
  code: string;
  fileName?: string;
  options?: AnalyzeOptions;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export function checkErrors(rule: string, diagnostics: Diagnostic[], errors: ExpectedError[]): void {
  const got = diagnostics.filter((d) => d.rule === rule);
  expect(got.map((d) => `${d.span.line}:${d.span.column}-${d.span.endColumn}`)).toEqual(errors.map((e) => `${e.line}:${e.column}-${e.endColumn}`));
  got.forEach((d, i) => {
    const e = errors[i]!;
    expect(d.span.endLine).toBe(e.line);
    if (e.severity) expect(d.severity).toBe(e.severity);
    for (const part of e.message ?? []) {
      if (typeof part === 'string') expect(d.message).toContain(part);
      else expect(d.message).toMatch(part);
    }
    expect(d.docs.startsWith(DOCS)).toBe(true);
    if (e.docs) expect(d.docs).toBe(e.docs);
    if (e.related) {
      expect(d.related.map((r) => r.line)).toEqual(e.related.map((r) => (typeof r === 'number' ? r : r.line)));
      e.related.forEach((r, j) => {
        if (typeof r === 'number') return;
        const rel = d.related[j]!;
        if (r.column !== undefined) expect(rel.column).toBe(r.column);
        if (r.endColumn !== undefined) expect(rel.endColumn).toBe(r.endColumn);
        if (typeof r.message === 'string') expect(rel.message).toContain(r.message);
        else if (r.message) expect(rel.message).toMatch(r.message);
      });
    }
  });
}

/**
 * ESLint's RuleTester, for one rule of the engine: every valid case yields no
 * diagnostic of the rule; every invalid case yields exactly the listed ones.
 */
export function ruleTester(rule: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const r = analyze(c.code, { fileName: c.fileName ?? 'inline.oidtrace', ...c.options });
          expect(r.internalErrors).toEqual([]);
          expect(byRule(r, rule).map((d) => `${where(d)} ${d.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const r = analyze(c.code, { fileName: c.fileName ?? 'inline.oidtrace', ...c.options });
          expect(r.internalErrors).toEqual([]);
          checkErrors(rule, r.diagnostics, c.errors);
        });
      }
    });
  });
}
