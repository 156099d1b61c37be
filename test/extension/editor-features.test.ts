/**
 * What the editor offers on a trace line: one "Show in Sequence Diagram" per
 * line however many problems it holds, and hover / go to definition that never
 * point at the positions of an earlier version of a big trace.
 */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { AnalysisCache } from '../../src/extension/analysis-cache';
import { RuleCodeActionProvider } from '../../src/extension/code-actions';
import { sample } from '../engine/helpers';
import { Range, StubDocument } from './vscode-stub';

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
