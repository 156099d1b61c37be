/**
 * Big documents are analysed in the analysis worker (the built dist/analysis-worker.js,
 * a thread of its own): the text crosses once (or the worker reads the file itself),
 * then only edits; the result is what `analyze` gives the editor's text; a worker that
 * cannot run leaves the analysis to the sliced path on the host's thread.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, previewSource, readWithPattern, type Diagnostic } from '../../src/engine';
import { AnalysisCache, SYNC_LINES } from '../../src/extension/analysis-cache';
import { AnalysisWorkerClient, PatternTimeout } from '../../src/extension/analysis-worker-client';
import { traceLines, DEFAULTS } from '../../bench/generate';
import { StubDocument } from './vscode-stub';
import type { FromWorker, ToWorker } from '../../src/node/worker-protocol';
import type { TextDocument } from 'vscode';

const SCRIPT = join(__dirname, '..', '..', 'dist', 'analysis-worker.js');
const TEXT = [...traceLines({ ...DEFAULTS, lines: 30_000, format: 'oidtrace' })].join('\n') + '\n';
const dir = mkdtempSync(join(tmpdir(), 'oidtrace-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const td = (d: StubDocument) => d as unknown as TextDocument;
const brief = (d: Diagnostic) => `${d.span.line}:${d.span.column} ${d.severity} ${d.rule} ${d.message}`;
const expected = (text: string, path: string) => analyze(text, { fileName: path, rules: {}, stepSlowMs: 5000 }).diagnostics.map(brief);

function fixture(name: string, onDisk: string, inEditor = onDisk) {
  const path = join(dir, name);
  writeFileSync(path, onDisk);
  return { path, document: new StubDocument(path, inEditor) };
}

function setup(script = SCRIPT, patternTimeoutMs?: number) {
  const errors: string[] = [];
  const worker = new AnalysisWorkerClient(script, (m) => errors.push(m), patternTimeoutMs);
  const cache = new AnalysisCache((m) => errors.push(m), worker);
  return {
    cache,
    worker,
    errors,
    [Symbol.dispose]() {
      cache.dispose();
      worker.dispose();
    },
  };
}

describe('analysis in the worker', () => {
  it('reads a file the editor has not changed from disk itself, and finds what analyze finds', async () => {
    using t = setup();
    const { path, document } = fixture('clean.oidtrace', TEXT);
    expect(document.lineCount).toBeGreaterThan(SYNC_LINES);
    const analysis = await t.cache.ensure(td(document));
    expect(analysis?.version).toBe(1);
    expect(analysis!.result.diagnostics.length).toBeGreaterThan(5);
    expect(analysis!.result.diagnostics.map(brief)).toEqual(expected(TEXT, path));
    expect(analysis!.result.episodes.length).toBe(analyze(TEXT, { fileName: path }).episodes.length);
    // Neither the whole text nor its lines were taken from the document on this thread.
    expect(document.getTextCalls).toBe(0);
    expect(document.lineReads).toBeLessThan(5);
    expect(t.cache.stats.workerAnalyses).toBe(1);
    expect(t.errors).toEqual([]);
  });

  it('sends only the edits after that: an edit, an insertion and a deletion give what analyze gives the new text', async () => {
    using t = setup();
    const { path, document } = fixture('edited.oidtrace', TEXT);
    await t.cache.ensure(td(document));
    const before = document.getTextCalls;
    // Break an OID name on an event line, add a line, remove one.
    const at = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('OID_SRIOV_RESET_VF'));
    document.getTextCalls = before;
    document.edit(at, document.lineAt(at).text.replace('OID_SRIOV_RESET_VF', 'OID_SRIOV_RESET_VX'));
    document.insertLine(10, '# a note typed in the middle');
    document.deleteLine(20);
    const analysis = await t.cache.ensure(td(document));
    // Only the edits crossed: the document's text was not taken again.
    expect(document.getTextCalls).toBe(before);
    expect(analysis?.version).toBe(4);
    expect(analysis!.result.diagnostics.map(brief)).toEqual(expected(document.getText(), path));
    expect(analysis!.result.diagnostics.map((d) => d.rule)).toContain('unknown-oid');
    expect(t.errors).toEqual([]);
  });

  it('sends the editor text when the file on disk is not what the editor shows', async () => {
    using t = setup();
    const shorter = TEXT.split('\n').slice(0, 10_000).join('\n');
    const { path, document } = fixture('differs.oidtrace', shorter, TEXT);
    const analysis = await t.cache.ensure(td(document));
    expect(analysis!.result.lines).toBe(document.lineCount);
    expect(analysis!.result.diagnostics.map(brief)).toEqual(expected(TEXT, path));
    expect(document.getTextCalls).toBe(1);
  });

  it('sends the whole text of a document with unsaved changes', async () => {
    using t = setup();
    const { path, document } = fixture('dirty.oidtrace', '', TEXT);
    document.isDirty = true;
    const analysis = await t.cache.ensure(td(document));
    expect(analysis!.result.diagnostics.map(brief)).toEqual(expected(TEXT, path));
    expect(document.getTextCalls).toBe(1);
  });

  it('falls back to slices on this thread when the worker cannot start, and says so once per document', async () => {
    using t = setup(join(dir, 'no-such-worker.js'));
    const { path, document } = fixture('fallback.oidtrace', TEXT);
    const analysis = await t.cache.ensure(td(document));
    expect(analysis!.result.diagnostics.map(brief)).toEqual(expected(TEXT, path));
    expect(t.errors.some((m) => m.includes('analyses') && m.includes('on the extension host'))).toBe(true);
    expect(t.cache.stats.workerAnalyses).toBe(0);
  });

  it("reads the patterns a user tries in the worker: the text crosses once, a trace's not at all", async () => {
    using t = setup();
    const { path, document } = fixture('taught.vlog', TEXT);
    const specs = [
      { pattern: '(?<oid>OID_\\w+)', flags: 'i' },
      { pattern: '(?<oid>OID_SRIOV_\\w+) vf=(?<vf>\\d+)', flags: 'i' },
    ];
    for (const spec of specs) {
      const reading = await t.worker.readPattern(td(document), spec, path);
      expect(reading).toEqual(readWithPattern(spec, previewSource(TEXT), path));
      expect(reading.events).toBeGreaterThan(1000);
    }
    expect(document.getTextCalls).toBe(1);
    // A trace the worker analysed already: its text is there.
    const trace = fixture('held.oidtrace', TEXT);
    await t.cache.ensure(td(trace.document));
    expect((await t.worker.readPattern(td(trace.document), specs[0]!, trace.path)).events).toBeGreaterThan(1000);
    expect(trace.document.getTextCalls).toBe(0);
    expect(t.errors).toEqual([]);
  });

  it('reads a pattern on the text it holds now: the same version sent again, or edited, is read again', async () => {
    const worker = new Worker(SCRIPT);
    try {
      const replies: FromWorker[] = [];
      worker.on('message', (m: FromWorker) => replies.push(m));
      const ask = async (message: ToWorker) => {
        const before = replies.length;
        worker.postMessage(message);
        while (replies.length === before) await new Promise((r) => setTimeout(r, 5));
        return replies[replies.length - 1]!;
      };
      const lines = (n: number) => Array.from({ length: n }, (_, i) => `10:41:07.110 >>> SriovResetVf vf=${i}`).join('\n');
      const spec = { pattern: '>>> (?<oid>\\w+)', flags: 'i' };
      const matched = async (id: number) => {
        const reply = await ask({ type: 'pattern', id, uri: 'u', spec });
        return reply.type === 'pattern' ? reply.reading.matched : reply.type;
      };
      worker.postMessage({ type: 'set', uri: 'u', version: 1, text: lines(10) });
      expect(await matched(1)).toBe(10);
      // The editor's text sent for the version the worker read from disk (it was not the editor's).
      worker.postMessage({ type: 'set', uri: 'u', version: 1, text: lines(3) });
      expect(await matched(2)).toBe(3);
      worker.postMessage({ type: 'edit', uri: 'u', from: 1, version: 2, changes: [{ offset: 0, length: 0, text: lines(2) + '\n' }] });
      expect(await matched(3)).toBe(5);
    } finally {
      await worker.terminate();
    }
  });

  it('stops a pattern that backtracks without end, and the next analysis starts a worker again', async () => {
    using t = setup(SCRIPT, 500);
    const { path, document } = fixture('backtracks.vlog', 'a'.repeat(40) + '!\n' + TEXT);
    const started = performance.now();
    await expect(t.worker.readPattern(td(document), { pattern: '^(?<oid>(a+)+)$', flags: '' }, path)).rejects.toBeInstanceOf(PatternTimeout);
    expect(performance.now() - started).toBeLessThan(5000);
    const trace = fixture('after.oidtrace', TEXT);
    const analysis = await t.cache.ensure(td(trace.document));
    expect(analysis!.result.diagnostics.map(brief)).toEqual(expected(TEXT, trace.path));
    expect(t.cache.stats.workerAnalyses).toBe(1);
  });
});
