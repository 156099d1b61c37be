/**
 * A preview brought back after a window reload shows what it showed before the
 * reload: the trace it had moved on to (not the first it showed), locked or not,
 * and a correlation of a host trace and a guest log as that pair.
 */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { analyze, type AnalysisResult } from '../../src/engine';
import { PreviewManager } from '../../src/preview/preview-manager';
import type { PreviewSource } from '../../src/preview/preview';
import { EventEmitter, StubMemento, Uri } from './vscode-stub';

function fakePanel() {
  const received = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  const viewState = new EventEmitter<unknown>();
  const posted: Array<{ type: string; message?: string; fileName?: string }> = [];
  const panel = {
    title: '',
    active: true,
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
  return { panel: panel as unknown as vscode.WebviewPanel & { title: string }, posted, send: (m: unknown) => received.fire(m) };
}

/** The state the webview keeps: the one its page was made with (it never learns of a switch). */
function webviewState(panel: vscode.WebviewPanel): Record<string, unknown> {
  return JSON.parse(
    /data-state="([^"]*)"/
      .exec(panel.webview.html)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

const TRACE = '@adapter pf0\nVSTACK -> PF SET OID_SRIOV_RESET_VF vf=1\nPF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1\n';
const ext = Uri.file('/ext') as unknown as vscode.Uri;
const a = Uri.file('/w/a.oidtrace') as unknown as vscode.Uri;
const b = Uri.file('/w/b.oidtrace') as unknown as vscode.Uri;

describe('a preview restored after a window reload', () => {
  it('comes back on the trace it had moved on to, locked', async () => {
    const memento = new StubMemento();
    const result = analyze(TRACE, { fileName: 'a.oidtrace' });
    const source: PreviewSource = { analysisOf: () => result };
    const before = new PreviewManager(ext, source, memento);
    const first = fakePanel();
    await before.deserializeWebviewPanel(first.panel, { resource: a.toString(), locked: false });
    const saved = webviewState(first.panel);
    before.show(b, 1);
    before.activePreview!.setLocked(true);
    before.dispose();

    // The window reloads: a new extension host, the same workspace state, the webview's saved state.
    const after = new PreviewManager(ext, source, memento);
    const second = fakePanel();
    await after.deserializeWebviewPanel(second.panel, saved);
    expect(after.activePreview?.resource.toString()).toBe(b.toString());
    expect(after.activePreview?.locked).toBe(true);
    expect(second.panel.title).toBe('[Locked] Diagram b.oidtrace');
    after.dispose();
  });

  it('brings a correlation back as the pair, not "not open as an OID trace"', async () => {
    const memento = new StubMemento();
    const pair = Uri.file('/w/host.log').with({ query: `oidtrace-correlate=${encodeURIComponent('file:///w/guest.txt')}` }) as unknown as vscode.Uri;
    const results = new Map<string, AnalysisResult>();
    const source: PreviewSource = {
      analysisOf: (u) => results.get(u.toString()),
      // Correlating again sets the pair's analysis, as the extension does.
      restore: async (u) => void results.set(u.toString(), analyze(TRACE, { fileName: 'host.log' })),
    };
    const manager = new PreviewManager(ext, source, memento);
    const { panel, posted, send } = fakePanel();
    await manager.deserializeWebviewPanel(panel, { resource: pair.toString(), locked: true });
    send({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['trace']);
    expect(panel.title).toBe('[Locked] Diagram host.log + guest.txt');
    manager.dispose();
  });
});
