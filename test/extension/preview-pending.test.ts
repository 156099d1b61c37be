/**
 * The preview of a trace whose analysis is not there yet: a big open trace being
 * analysed in slices, or a file being read from disk. The webview is told so (and
 * clears what it showed, which was another trace's); the trace it shows, being
 * analysed again after an edit or a settings change, stays on screen meanwhile.
 */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { analyze, type AnalysisResult } from '../../src/engine';
import { TracePreview } from '../../src/preview/preview';
import { EventEmitter, Uri } from './vscode-stub';

function fakePanel() {
  const received = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  const viewState = new EventEmitter<unknown>();
  const posted: Array<{ type: string; message?: string }> = [];
  const panel = {
    title: '',
    webview: {
      options: {},
      html: '',
      cspSource: 'vscode-resource:',
      asWebviewUri: (u: unknown) => u,
      postMessage: async (m: { type: string }) => (posted.push(m), true),
      onDidReceiveMessage: received.event,
    },
    onDidDispose: disposed.event,
    onDidChangeViewState: viewState.event,
    reveal() {},
    dispose() {
      disposed.fire();
    },
  };
  return { panel: panel as unknown as vscode.WebviewPanel, posted, send: (m: unknown) => received.fire(m) };
}

const TRACE = '@adapter pf0\nVSTACK -> PF SET OID_SRIOV_RESET_VF vf=1\nPF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1\n';

describe('the preview while an analysis is under way', () => {
  const a = Uri.file('/w/a.oidtrace') as unknown as vscode.Uri;
  const b = Uri.file('/w/b.oidtrace') as unknown as vscode.Uri;
  const results = new Map<string, AnalysisResult | undefined>([[a.toString(), analyze(TRACE, { fileName: 'a.oidtrace' })]]);
  const analysing = new Set<string>();
  const reading = new Set<string>();
  const source = {
    analysisOf: (u: vscode.Uri) => results.get(u.toString()),
    isAnalysing: (u: vscode.Uri) => analysing.has(u.toString()),
    isReading: (u: vscode.Uri) => reading.has(u.toString()),
  };

  it('says which trace is being analysed or read when it switches to one, and that a file is no trace only when nothing is under way', async () => {
    const { panel, posted, send } = fakePanel();
    const preview = new TracePreview(panel, Uri.file('/ext') as unknown as vscode.Uri, source, a, false);
    send({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['trace']);

    analysing.add(b.toString());
    preview.show(b);
    expect(posted.at(-1)).toEqual({ type: 'status', message: 'Analysing b.oidtrace…' });

    analysing.delete(b.toString());
    reading.add(b.toString());
    preview.show(b);
    expect(posted.at(-1)).toEqual({ type: 'status', message: 'Reading b.oidtrace…' });

    reading.delete(b.toString());
    preview.show(b);
    expect(posted.at(-1)).toEqual({ type: 'error', message: '/w/b.oidtrace is not open as an OID trace.' });
    preview.dispose();
  });

  it('keeps the trace it shows on screen while that trace is analysed again, and posts the new analysis when it comes', async () => {
    const { panel, posted, send } = fakePanel();
    const preview = new TracePreview(panel, Uri.file('/ext') as unknown as vscode.Uri, source, a, false);
    send({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['trace']);
    // A settings change: the analysis is gone and being made again.
    const before = results.get(a.toString());
    results.set(a.toString(), undefined);
    analysing.add(a.toString());
    preview.update(true);
    expect(posted.map((m) => m.type)).toEqual(['trace']);
    // The panel was hidden and is shown again: a new page, which is told what is under way.
    send({ type: 'ready' });
    expect(posted.at(-1)).toEqual({ type: 'status', message: 'Analysing a.oidtrace…' });
    results.set(a.toString(), before);
    analysing.delete(a.toString());
    preview.analysisChanged();
    // Updates after the first come at most every 300 ms.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(posted.map((m) => m.type)).toEqual(['trace', 'status', 'trace']);
    preview.dispose();
  });
});
