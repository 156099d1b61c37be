/** The window of lines shown for a trace too big for the editor: which lines, its title, its problems. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine';
import { describeLine, diagnosticsInWindow, parseWindowQuery, toFileLine, toWindowLine, windowAround, windowQuery, windowTitle } from '../../src/extension/line-window';
import { analyzeSample } from '../engine/helpers';

describe('the lines around a line', () => {
  it('holds 200 lines before and 200 after', () => {
    expect(windowAround(1_234_600, 3_000_000)).toEqual({ first: 1_234_400, last: 1_234_800 });
  });

  it('starts at line 1 near the start and keeps its size', () => {
    expect(windowAround(5, 3_000_000)).toEqual({ first: 1, last: 401 });
  });

  it('ends at the last line near the end and keeps its size', () => {
    expect(windowAround(2_999_990, 3_000_000)).toEqual({ first: 2_999_600, last: 3_000_000 });
  });

  it('is the whole file when the file is shorter', () => {
    expect(windowAround(7, 14)).toEqual({ first: 1, last: 14 });
  });

  it('without a line count, runs 200 lines past the line', () => {
    expect(windowAround(1000)).toEqual({ first: 800, last: 1200 });
  });
});

describe('line numbers', () => {
  const w = { first: 1_234_400, last: 1_234_800 };

  it('the title names the file and its real lines', () => {
    expect(windowTitle('big.log', w)).toBe('big.log: lines 1,234,400–1,234,800');
  });

  it("a window's line is the file's line counted from the window's first", () => {
    expect(toFileLine(w, 1)).toBe(1_234_400);
    expect(toFileLine(w, 201)).toBe(1_234_600);
    expect(toWindowLine(w, 1_234_600)).toBe(201);
    expect(describeLine('big.log', w, 201)).toBe('line 1,234,600 of big.log');
  });

  it("the document's query gives back the file and the lines", () => {
    const file = 'file:///traces/big%20one.log';
    expect(parseWindowQuery(windowQuery(file, w))).toEqual({ file, window: w });
  });

  it('a query without its file or with lines out of order is no window', () => {
    expect(parseWindowQuery('first=1&last=5')).toBeUndefined();
    expect(parseWindowQuery('file=x&first=9&last=5')).toBeUndefined();
    expect(parseWindowQuery('file=x&first=0&last=5')).toBeUndefined();
    expect(parseWindowQuery('file=x&first=a&last=5')).toBeUndefined();
  });
});

describe("the file's problems in the window", () => {
  const problem = (line: number, endLine = line, related: number[] = []): Diagnostic => ({
    rule: 'teardown-order',
    severity: 'error',
    message: `problem on line ${line}`,
    span: { line, column: 5, endLine, endColumn: 12 },
    docs: 'https://example.invalid/',
    related: related.map((l) => ({ line: l, column: 1, endColumn: 4, message: `step on line ${l}` })),
    fix: { span: { line, column: 5, endLine: line, endColumn: 12 }, text: 'X', title: 'Replace' },
  });
  const w = { first: 1001, last: 1401 };

  it('keeps the problems on its lines, at its own line numbers', () => {
    const shown = diagnosticsInWindow([problem(1000), problem(1001), problem(1200), problem(1401), problem(1402)], w);
    expect(shown.map((d) => [d.message, d.span.line, d.span.endLine])).toEqual([
      ['problem on line 1001', 1, 1],
      ['problem on line 1200', 200, 200],
      ['problem on line 1401', 401, 401],
    ]);
  });

  it('keeps the columns, drops the fix (the window is read-only)', () => {
    const [d] = diagnosticsInWindow([problem(1200)], w);
    expect(d!.span).toEqual({ line: 200, column: 5, endLine: 200, endColumn: 12 });
    expect(d!.fix).toBeUndefined();
  });

  it('ends a problem that runs past the window at its last line', () => {
    const [d] = diagnosticsInWindow([problem(1400, 1405)], w);
    expect(d!.span).toEqual({ line: 400, column: 5, endLine: 401, endColumn: Number.MAX_SAFE_INTEGER });
  });

  it('moves related places inside the window and leaves out those outside it', () => {
    const [d] = diagnosticsInWindow([problem(1200, 1200, [900, 1100, 1500])], w);
    expect(d!.related.map((r) => [r.line, r.message])).toEqual([[100, 'step on line 1100']]);
  });

  it("a sample's problem, seen through a window of lines 5-12", () => {
    // teardown-order.oidtrace: RESET_VF on line 7 before DELETE_VPORT on line 9.
    const result = analyzeSample('teardown-order.oidtrace');
    const shown = diagnosticsInWindow(result.diagnostics, { first: 5, last: 12 });
    expect(shown.map((d) => `${d.span.line}:${d.span.column} ${d.rule} related ${d.related.map((r) => r.line).join(',')}`)).toEqual(['3:36 teardown-order related 5']);
    expect(diagnosticsInWindow(result.diagnostics, { first: 8, last: 12 })).toEqual([]);
  });
});
