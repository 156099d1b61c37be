/**
 * The editor's analysis of a big document (over SYNC_LINES lines): made in
 * slices from the document's lines, it must give exactly what `analyze` gives
 * the whole text, hand the thread back while it runs, and never publish an
 * analysis of a version the document has left.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type Diagnostic } from '../../src/engine';
import { AnalysisCache, SYNC_LINES } from '../../src/extension/analysis-cache';
import { slicesWithoutGc } from '../../src/extension/host-stats';
import { traceLines, DEFAULTS } from '../../bench/generate';
import { StubDocument } from './vscode-stub';
import type { TextDocument } from 'vscode';

const TEXT = [...traceLines({ ...DEFAULTS, lines: 60_000, format: 'oidtrace' })].join('\n') + '\n';
const doc = (text = TEXT, path = '/w/big.oidtrace') => new StubDocument(path, text);
/** The stand-in as the extension's code sees it. */
const td = (d: StubDocument) => d as unknown as TextDocument;
const brief = (d: Diagnostic) => `${d.span.line}:${d.span.column} ${d.severity} ${d.rule} ${d.message}`;

describe('AnalysisCache, sliced analysis of a big document', () => {
  it('finds what analyze finds in the whole text, line for line', async () => {
    const document = doc();
    expect(document.lineCount).toBeGreaterThan(SYNC_LINES);
    const cache = new AnalysisCache();
    const analysis = await cache.ensure(td(document));
    const whole = analyze(TEXT, { fileName: '/w/big.oidtrace', rules: {}, stepSlowMs: 5000 });
    expect(analysis?.version).toBe(1);
    expect(analysis!.result.lines).toBe(whole.lines);
    expect(analysis!.result.diagnostics.length).toBeGreaterThan(10);
    expect(analysis!.result.diagnostics.map(brief)).toEqual(whole.diagnostics.map(brief));
    expect(analysis!.result.episodes.length).toBe(whole.episodes.length);
    // Read from the document's lines, never as one copy of the whole text.
    expect(document.getTextCalls).toBe(0);
    cache.dispose();
  });

  it('hands the thread back between slices while it runs', async () => {
    const cache = new AnalysisCache();
    let turns = 0;
    let running = true;
    const tick = () => {
      if (running) {
        turns++;
        setImmediate(tick);
      }
    };
    setImmediate(tick);
    await cache.ensure(td(doc()));
    running = false;
    // 60,000 lines take several 8 ms slices; other work ran between them.
    expect(turns).toBeGreaterThan(2);
    cache.dispose();
  });

  it('abandons a run when the document changes under it, and analyses the new version', async () => {
    const document = doc();
    const cache = new AnalysisCache();
    const seen: number[] = [];
    cache.onDidAnalyze((a) => seen.push(a.version));
    const first = cache.ensure(td(document));
    // An edit while the first run is between slices: a clean teardown line becomes an unknown OID.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const line = TEXT.split('\n').findIndex((l) => l.includes('OID_NIC_SWITCH_DELETE_VPORT'));
    document.edit(line, document.lineAt(line).text.replace('OID_NIC_SWITCH_DELETE_VPORT', 'OID_NIC_SWITCH_DELETE_VPROT'));
    const second = cache.ensure(td(document));
    expect(await first).toBeUndefined();
    const now = await second;
    expect(now?.version).toBe(2);
    expect(seen).toEqual([2]);
    expect(now!.result.diagnostics.some((d) => d.rule === 'unknown-oid' && d.span.line === line + 1)).toBe(true);
    // The newest analysis is what features get while nothing newer is made.
    expect(cache.get(td(document))).toBe(now);
    cache.dispose();
  });

  it('a closed document is not analysed to the end', async () => {
    const document = doc();
    const cache = new AnalysisCache();
    const run = cache.ensure(td(document));
    await new Promise<void>((resolve) => setImmediate(resolve));
    document.isClosed = true;
    expect(await run).toBeUndefined();
    expect(document.lineReads).toBeLessThan(document.lineCount);
    cache.dispose();
  });
});

describe('slicesWithoutGc (host stats)', () => {
  it('subtracts the garbage collections that overlap each slice', () => {
    const slices = [
      { start: 0, end: 50 },
      { start: 100, end: 230 },
      { start: 300, end: 340 },
    ];
    const gcs = [
      { start: 120, end: 200 },
      { start: 335, end: 360 },
      { start: 400, end: 500 },
    ];
    // 130 ms less an 80 ms pause; 40 less the 5 ms that overlap; the first had none.
    expect(slicesWithoutGc(slices, gcs)).toEqual({ longest: 50, gcMax: 80, longestSlice: slices[1] });
  });

  it("counts a slice's time on the CPU where the thread clock gave it, not the wall time spent waiting for a CPU", () => {
    const slices = [
      { start: 0, end: 140, cpuMs: 30, waitMs: 110 },
      { start: 200, end: 260, cpuMs: 58, waitMs: 2 },
    ];
    // The first held the wall clock longest but ran 30 ms; the second ran 58 ms, 8 of them GC.
    expect(slicesWithoutGc(slices, [{ start: 250, end: 258 }])).toEqual({ longest: 50, gcMax: 8, longestSlice: slices[0] });
  });
});

describe('AnalysisCache, an analysis nobody waits for', () => {
  it('that fails is reported, not left as an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const document = doc(undefined, '/w/vanishing.oidtrace');
      document.lineAt = (i: number) => {
        throw new Error(`line ${i} is gone`);
      };
      const errors: string[] = [];
      const cache = new AnalysisCache((m) => errors.push(m));
      // A hover or the outline asks: the big document's analysis starts in the background.
      expect(cache.get(td(document))).toBeUndefined();
      while (cache.isAnalysing(document.uri as never)) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rejections).toEqual([]);
      expect(errors).toEqual(['OID Trace could not analyse /w/vanishing.oidtrace: line 0 is gone']);
      cache.dispose();
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
