/**
 * "Teach a Line Format…" outside VS Code: the lines it learns from, the parts
 * it shows, the live check of an edited pattern, and the setting it saves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, compileCustomDialect, explainLine, linesAt, PREVIEW_LINES, previewSource, proposedFormatName, readWithPattern, suggestDialect } from '../../src/engine';
import { describeParts, patternDialect, filesChoices, sampleLines, withDialect } from '../../src/extension/teach-format-flow';
import { FIXTURES_DIR } from '../engine/helpers';

const ARROWS = readFileSync(join(FIXTURES_DIR, 'own-format', 'arrows.vlog'), 'utf8');

describe('the lines it learns from', () => {
  const reading = analyze(ARROWS, { fileName: '/w/arrows.vlog' }).reading;

  it('the selected lines; else those the not-read report names; else the cursor line', () => {
    expect(sampleLines(reading, { first: 4, last: 5 }, 1)).toEqual([4, 5]);
    expect(sampleLines(reading, undefined, 7)).toEqual([1, 2, 3, 4, 5]);
    expect(sampleLines({ ...reading, firstUnread: [] }, undefined, 7)).toEqual([7]);
    expect(linesAt(ARROWS, [4, 2])).toEqual([
      '2026-11-21T10:41:07.112Z nic1 >>> NicSwitchDeleteVPort vf=2 vport=3',
      '2026-11-21T10:41:07.110Z nic1 >>> ReceiveFilterMoveFilter vf=2 filter=7 from=3 to=0',
    ]);
  });
});

describe('the proposal, part by part', () => {
  it('one row per group, then the event the line is', () => {
    const { suggestion } = suggestDialect(linesAt(ARROWS, [4]));
    expect(describeParts(explainLine(suggestion!.dialect, suggestion!.sample))).toEqual([
      'time ← 2026-11-21T10:41:07.112Z: time',
      'adapter ← nic1: adapter nic1',
      'kind ← >>>: request',
      'oid ← NicSwitchDeleteVPort: OID_NIC_SWITCH_DELETE_VPORT (0x00010244)',
      'vf ← 2: VF 2',
      'vport ← 3: VPort 3',
      'an event: request of OID_NIC_SWITCH_DELETE_VPORT',
    ]);
    expect(describeParts(undefined)).toEqual(['the pattern does not match this line']);
  });
});

describe('an edited pattern, checked as it is typed', () => {
  it('what it reads in the open file', () => {
    const { suggestion } = suggestDialect(linesAt(ARROWS, [2]));
    expect(readWithPattern(suggestion!.spec, previewSource(ARROWS), '/w/arrows.vlog')).toMatchObject({
      matched: 6,
      events: 6,
      partial: false,
      message: 'matches 6 lines of this file, giving 6 events',
    });
    // Only the requests: the completions' marker taken out.
    expect(readWithPattern({ pattern: '^\\S+ \\w+ >>> (?<oid>\\w+)', flags: 'i' }, previewSource(ARROWS), '/w/arrows.vlog').message).toBe(
      'matches 3 lines of this file, giving 3 events',
    );
  });

  it('a pattern that does not compile, or has no oid group: its problem in one line', () => {
    expect(readWithPattern({ pattern: '(?<oid>\\w+', flags: 'i' }, previewSource(ARROWS), undefined).error).toBe(
      'Invalid regular expression: /(?<oid>\\w+/di: Unterminated group',
    );
    expect(readWithPattern({ pattern: '(?<vf>\\d+)', flags: 'i' }, previewSource(ARROWS), undefined).error).toBe('needs a named group "oid", e.g. (?<oid>OID_\\w+)');
    expect(patternDialect({ pattern: '(?<vf>\\d+)', flags: 'i' })).toBeUndefined();
  });

  it('reads what analyze reads with the pattern as the dialect: a byte-order mark, CR LF, a lone CR, past 50,000 lines', () => {
    const spec = { pattern: '^(?<time>\\S+) \\w+ >>> (?<oid>\\w+) vf=(?<vf>\\d+)', flags: 'i' };
    const dialect = compileCustomDialect({ name: 'x', ...spec }, 'x').dialect!;
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `10:41:07.${String(i % 1000).padStart(3, '0')} pf0 >>> SriovResetVf vf=${i % 4}`);
    const cases: Array<[string, string, number, string]> = [
      // [what, text, lines matched, the text analyze reads]
      ['a byte-order mark before line 1 (\\S+ would not match it)', '\ufeff' + lines(5).join('\n'), 5, lines(5).join('\n')],
      ['CR LF', lines(5).join('\r\n') + '\r\n', 5, lines(5).join('\n') + '\n'],
      ['a lone CR', lines(5).join('\r'), 5, lines(5).join('\n')],
      ['CR LF past 50,000 lines', lines(PREVIEW_LINES + 10).join('\r\n'), PREVIEW_LINES, lines(PREVIEW_LINES).join('\n')],
    ];
    for (const [what, text, matched, read] of cases) {
      const r = readWithPattern(spec, previewSource(text), '/w/arrows.vlog');
      expect([what, r.matched, r.events]).toEqual([what, matched, analyze(read, { fileName: '/w/arrows.vlog', customDialect: dialect }).eventCount]);
      expect(r.events, what).toBeGreaterThan(0);
    }
  });

  it('a long file: only its first lines are read, and it says so', () => {
    const text = Array.from({ length: PREVIEW_LINES + 10 }, (_, i) => `10:41:07.110 >>> SriovResetVf vf=${i % 4}`).join('\n');
    expect(readWithPattern({ pattern: '>>> (?<oid>\\w+)', flags: '' }, previewSource(text), undefined).message).toBe(
      'matches 50,000 lines of the first 50,000 lines of this file, giving 50,000 events',
    );
  });
});

describe('what is saved', () => {
  it("the files: this file's extension, this file, or every trace; the name from the extension", () => {
    expect(filesChoices('/w/logs/arrows.vlog').map((c) => [c.label, c.files])).toEqual([
      ['**/*.vlog', ['**/*.vlog']],
      ['**/arrows.vlog', ['**/arrows.vlog']],
      ['every trace', undefined],
    ]);
    expect(filesChoices('/w/messages').map((c) => c.label)).toEqual(['**/messages', 'every trace']);
    expect(['/w/arrows.vlog', '/w/messages', '/w/.hidden', 'C:\\logs\\fw.vlog', 'C:\\logs\\.hidden'].map(proposedFormatName)).toEqual([
      'vlog-format',
      'my-format',
      'my-format',
      'vlog-format',
      'my-format',
    ]);
  });

  it('oidtrace.dialects with the new one first; one of the same name replaced, the others kept', () => {
    const spec = { name: 'vlog-format', pattern: '(?<oid>\\w+)', flags: 'i' as const };
    const before = [{ name: 'vlog-format', pattern: 'old(?<oid>x)' }, { name: 'fw', pattern: '(?<oid>y)' }, 'not a dialect'];
    expect(withDialect(before, spec, ['**/*.vlog'])).toEqual([
      { name: 'vlog-format', files: ['**/*.vlog'], pattern: '(?<oid>\\w+)', flags: 'i' },
      { name: 'fw', pattern: '(?<oid>y)' },
      'not a dialect',
    ]);
    expect(withDialect(undefined, spec, undefined)).toEqual([{ name: 'vlog-format', pattern: '(?<oid>\\w+)', flags: 'i' }]);
  });
});
