/**
 * A big trace (over SYNC_LINES) is analysed in slices after typing stops: for a
 * moment after an edit the newest analysis is of the text before it. What the
 * editor asks for meanwhile must not act on the old positions: no quick fix that
 * would edit the wrong line, no outline VS Code would reject.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache, SYNC_LINES } from '../../src/extension/analysis-cache';
import { RuleCodeActionProvider } from '../../src/extension/code-actions';
import { EpisodeSymbolProvider } from '../../src/extension/navigation';
import { Range, StubDocument, type WorkspaceEdit } from './vscode-stub';
import type * as vscode from 'vscode';

const TYPO = '11:05:30.010000 VSTACK -> PF   SET OID_NIC_SWITCH_DELETE_VPROT vport=6 vf=3';
const COMMENT = '# a comment line that is long enough to cover the columns of the OID here';

function big(lines: string[]): StubDocument {
  const out = ['@adapter pf1 "X"'];
  while (out.length <= SYNC_LINES + 100) out.push(...lines);
  return new StubDocument('/w/big.oidtrace', out.join('\n'));
}

const doc = (d: StubDocument) => d as unknown as vscode.TextDocument;
const noContext = { diagnostics: [], triggerKind: 1, only: undefined } as unknown as vscode.CodeActionContext;

describe('a big trace whose analysis is of an earlier version', () => {
  it('offers no quick fix until its analysis is current; then the fix replaces the misspelt OID on its own line', async () => {
    const d = big([TYPO, COMMENT]);
    const cache = new AnalysisCache();
    const provider = new RuleCodeActionProvider(cache);
    expect((await cache.ensure(doc(d)))?.version).toBe(1);
    // A line goes in at the top: the typos are now on lines 2, 4, ... (0-based), the comments on 3, 5, ...
    // The old analysis has a typo on line 3: its fix would overwrite part of a comment.
    d.insertLine(0, '# note');
    const atComment = provider.provideCodeActions(doc(d), new Range(3, 40, 3, 40) as unknown as vscode.Range, noContext);
    const atTypo = provider.provideCodeActions(doc(d), new Range(4, 40, 4, 40) as unknown as vscode.Range, noContext);
    expect([atComment, atTypo]).toEqual([[], []]);
    // The analysis catches up: the fix is back, and it replaces the misspelt OID on the typo's line.
    expect((await cache.ensure(doc(d)))?.version).toBe(2);
    expect(provider.provideCodeActions(doc(d), new Range(3, 40, 3, 40) as unknown as vscode.Range, noContext)).toEqual([]);
    const fix = provider.provideCodeActions(doc(d), new Range(4, 40, 4, 40) as unknown as vscode.Range, noContext).find((a) => a.title.startsWith('Replace with'));
    const edit = (fix?.edit as unknown as WorkspaceEdit | undefined)?.edits[0];
    expect(edit).toBeDefined();
    const text = d.lineAt(edit!.range.start.line).text;
    expect(edit!.range.start.line).toBe(4);
    expect(text.slice(edit!.range.start.character, edit!.range.end.character)).toBe('OID_NIC_SWITCH_DELETE_VPROT');
    expect(edit!.text).toBe('OID_NIC_SWITCH_DELETE_VPORT');
    cache.dispose();
  });

  it('gives an outline VS Code accepts when lines were deleted (the old spans reach past the shorter lines)', async () => {
    const d = big([
      '11:05:30.010000 VSTACK -> PF   SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=3 extra=padding-padding-padding',
      '11:05:30.010300 PF -> VSTACK   COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS vport=6',
      '11:05:30.011000 VSTACK -> PF   SET OID_SRIOV_RESET_VF vf=3',
      '# x',
    ]);
    const cache = new AnalysisCache();
    await cache.ensure(doc(d));
    d.deleteLine(0);
    const symbols = await new EpisodeSymbolProvider(cache).provideDocumentSymbols(doc(d));
    expect(symbols.length).toBeGreaterThan(0);
    for (const s of symbols) for (const c of s.children) expect(c.range.contains(c.selectionRange)).toBe(true);
    cache.dispose();
  });
});
