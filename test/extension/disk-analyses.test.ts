/**
 * Traces read from disk (Lint File…, previews of files over 50 MB) stay up to
 * date: read again when the settings or the file change; and their analysis goes
 * when no preview shows it any more (their problems stay).
 */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { analyze, type AnalysisResult } from '../../src/engine';
import { DiskAnalyses } from '../../src/extension/disk-analyses';
import { Uri } from './vscode-stub';

const OK = '@adapter pf0\nVSTACK -> PF SET OID_SRIOV_RESET_VF vf=1\nPF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1\n';
const FAILED = OK.replace('NDIS_STATUS_SUCCESS', '0xC0000001');

function setup() {
  const files = new Map<string, string>();
  const shown = new Set<string>();
  const published = new Map<string, number | undefined>();
  const watchers = new Map<string, () => void>();
  let settingsRule: 'off' | 'error' = 'error';
  const disk = new DiskAnalyses({
    read: async (uri) => analyze(files.get(uri.toString())!, { fileName: uri.path, keepEvents: true, rules: { 'oid-failed': settingsRule } }),
    watch: (uri, changed) => (watchers.set(uri.toString(), changed), { dispose: () => watchers.delete(uri.toString()) }),
    publish: (uri, result: AnalysisResult | undefined) => published.set(uri.toString(), result?.diagnostics.length),
    isShown: (uri) => shown.has(uri.toString()),
    changed: () => undefined,
    onError: () => undefined,
  });
  return { disk, files, shown, published, watchers, setRule: (r: 'off' | 'error') => (settingsRule = r) };
}

const big = Uri.file('/w/big.oidtrace') as unknown as vscode.Uri;

describe('traces read from disk', () => {
  it('are read again when the file changes on disk', async () => {
    const s = setup();
    s.files.set(big.toString(), OK);
    s.shown.add(big.toString());
    await s.disk.read(big);
    expect(s.published.get(big.toString())).toBe(0);
    s.files.set(big.toString(), FAILED);
    s.watchers.get(big.toString())!();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.published.get(big.toString())).toBe(1);
    expect(s.disk.get(big)?.diagnostics.map((d) => d.rule)).toEqual(['oid-failed']);
  });

  it('are read again when the settings change', async () => {
    const s = setup();
    s.files.set(big.toString(), FAILED);
    await s.disk.read(big);
    expect(s.published.get(big.toString())).toBe(1);
    s.setRule('off');
    s.disk.refreshAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.published.get(big.toString())).toBe(0);
  });

  it('keep their analysis only while a preview shows it; the problems stay', async () => {
    const s = setup();
    s.files.set(big.toString(), FAILED);
    s.shown.add(big.toString());
    await s.disk.read(big);
    expect(s.disk.get(big)).toBeDefined();
    s.shown.delete(big.toString());
    s.disk.release();
    expect(s.disk.get(big)).toBeUndefined();
    expect(s.published.get(big.toString())).toBe(1);
  });

  it('keep a pinned analysis (Lint File… asking whether to open the diagram) until unpinned', async () => {
    const s = setup();
    s.files.set(big.toString(), OK);
    await s.disk.read(big, { pin: true });
    s.disk.release();
    expect(s.disk.get(big)).toBeDefined();
    s.disk.unpin(big);
    expect(s.disk.get(big)).toBeUndefined();
  });

  it('drop an older read overtaken by a newer one', async () => {
    const s = setup();
    s.files.set(big.toString(), FAILED);
    s.shown.add(big.toString());
    const first = s.disk.read(big);
    s.files.set(big.toString(), OK);
    const second = s.disk.read(big);
    expect(await first).toBeUndefined();
    expect((await second)?.diagnostics).toEqual([]);
    expect(s.published.get(big.toString())).toBe(0);
  });
});
