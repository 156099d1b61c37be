/**
 * What the editor offers on a trace line: one "Show in Sequence Diagram" per
 * line however many problems it holds, and hover / go to definition that never
 * point at the positions of an earlier version of a big trace.
 */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { AnalysisCache, SYNC_LINES } from '../../src/extension/analysis-cache';
import { RuleCodeActionProvider } from '../../src/extension/code-actions';
import { OidHoverProvider } from '../../src/extension/hover';
import { EpisodeSymbolProvider, PairDefinitionProvider } from '../../src/extension/navigation';
import { sample } from '../engine/helpers';
import { Position, Range, StubDocument } from './vscode-stub';

const doc = (d: StubDocument) => d as unknown as vscode.TextDocument;
const noContext = { diagnostics: [], triggerKind: 1, only: undefined } as unknown as vscode.CodeActionContext;

describe('quick fixes on a line with two problems', () => {
  it('offer "Show in Sequence Diagram" once', () => {
    // Line 9 holds oid-pending and teardown-missing-step.
    const d = new StubDocument('/w/oid-failed-and-pending.oidtrace', sample('oid-failed-and-pending.oidtrace'));
    const cache = new AnalysisCache();
    const actions = new RuleCodeActionProvider(cache).provideCodeActions(doc(d), new Range(8, 0, 8, 200) as unknown as vscode.Range, noContext);
    const titles = actions.map((a) => a.title);
    expect(titles).toContain('Disable oid-pending for this line');
    expect(titles).toContain('Disable teardown-missing-step for this line');
    expect(titles.filter((t) => t === 'Show in Sequence Diagram')).toHaveLength(1);
    cache.dispose();
  });
});

const REQUEST = '11:05:30.010000 VSTACK -> PF   SET OID_NIC_SWITCH_DELETE_VPORT vport=6 vf=3';
const COMPLETE = '11:05:30.010300 PF -> VSTACK   COMPLETE OID_NIC_SWITCH_DELETE_VPORT NDIS_STATUS_SUCCESS vport=6';

function big(): StubDocument {
  const out = ['@adapter pf1 "X"'];
  while (out.length <= SYNC_LINES + 100) out.push(REQUEST, COMPLETE, '# between');
  return new StubDocument('/w/big.oidtrace', out.join('\n'));
}

describe('a big trace just edited', () => {
  it('go to definition answers from the analysis of the text as it is now', async () => {
    const d = big();
    const cache = new AnalysisCache();
    await cache.ensure(doc(d));
    // A line goes in at the top: the completion on line 3 (0-based) answers the request on line 2.
    d.insertLine(0, '# note');
    const found = await new PairDefinitionProvider(cache).provideDefinition(doc(d), new Position(3, 45) as unknown as vscode.Position);
    expect(found?.range.start.line).toBe(2);
    cache.dispose();
  });

  it('hover tells the event under the cursor now, not the one there before the edit', async () => {
    const d = big();
    const cache = new AnalysisCache();
    await cache.ensure(doc(d));
    d.insertLine(0, '# note');
    // Line 2 (0-based) is now the first request (line 3 of the file); before the edit it was its completion.
    const hover = await new OidHoverProvider(cache).provideHover(doc(d), new Position(2, 50) as unknown as vscode.Position);
    const text = (hover?.contents as unknown as { value: string }).value;
    expect(text).toContain('Completed with NDIS_STATUS_SUCCESS after 0.30 ms (line 4).');
    cache.dispose();
  });

  it('the outline counts the problems of the text as it is now', async () => {
    const d = big();
    const cache = new AnalysisCache();
    await cache.ensure(doc(d));
    const before = (await new EpisodeSymbolProvider(cache).provideDocumentSymbols(doc(d))).map((s) => s.name);
    expect(before[0]).toMatch(/\(0 problems\)$/);
    d.edit(2, COMPLETE.replace('NDIS_STATUS_SUCCESS', '0xC0000001'));
    const after = (await new EpisodeSymbolProvider(cache).provideDocumentSymbols(doc(d))).map((s) => s.name);
    expect(after[0]).toMatch(/\(1 problem\)$/);
    cache.dispose();
  });
});
