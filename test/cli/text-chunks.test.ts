/** The text format is written in pieces: together they are the same bytes, and each ends with a whole line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatText, textChunks } from '../../src/cli/formats';
import { analyze } from '../../src/engine';

const path = join(__dirname, '..', '..', 'samples', 'oid-failed-and-pending.oidtrace');
const report = { path, result: analyze(readFileSync(path, 'utf8'), { fileName: path }) };

describe('the text format in pieces', () => {
  it('joins to the whole text, each piece ending at a line end', () => {
    const whole = formatText([report]);
    const pieces = [...textChunks([report], 10)];
    expect(report.result.diagnostics.length).toBeGreaterThan(1);
    expect(pieces.length).toBe(report.result.diagnostics.length);
    expect(pieces.join('')).toBe(whole);
    expect(pieces.every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('is one piece when the findings fit', () => {
    expect([...textChunks([report])]).toEqual([formatText([report])]);
  });

  it('is nothing for a trace without findings', () => {
    expect([...textChunks([{ path: 'clean.oidtrace', result: { ...report.result, diagnostics: [] } }])]).toEqual([]);
  });
});
