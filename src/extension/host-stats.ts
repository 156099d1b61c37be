/**
 * "OID Trace: Show Extension Host Stats": what the extension has cost the
 * extension host since the last time it was asked, for a user who suspects it
 * of slowing their editor and for the reliability benchmark
 * (bench/editor-reliability.mjs, which names a file in OIDTRACE_HOST_STATS_FILE
 * to receive the figures as JSON).
 *
 * It reports the longest delay of the host's event loop since the last reset
 * (everything in the host, so an upper bound for this extension), the longest
 * single stretch an analysis held the thread, the heap, and, per trace, the
 * document version whose diagnostics are shown next to the current version.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { LONG_SLICE_MS, type AnalysisCache, type LongSlice } from './analysis-cache';
import type { DiagnosticsController } from './diagnostics';

export interface HostStats {
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  longestAnalysisSliceMs: number;
  /**
   * The longest slice less the garbage collections inside it: the time of the
   * extension's own code. A GC pause is the whole host's heap (the document,
   * other extensions), so it is told apart, not hidden: see gcInSlicesMaxMs.
   */
  longestAnalysisSliceWithoutGcMs: number;
  /** The longest garbage collection that fell inside an analysis slice. */
  gcInSlicesMaxMs: number;
  /**
   * Linux: of the longest slice (wall), the time the thread was on a CPU and the
   * time it waited for one while other processes ran (the machine, not the code).
   */
  longestAnalysisSliceCpuMs?: number;
  longestAnalysisSliceWaitMs?: number;
  analyses: number;
  /** Of them, made in the analysis worker (big documents; the rest on the host's thread). */
  workerAnalyses: number;
  heapUsedMb: number;
  traces: Array<{ uri: string; version: number; diagnosticsVersion?: number; diagnostics: number }>;
}

export function registerHostStats(cache: AnalysisCache, diagnostics: DiagnosticsController, output: vscode.LogOutputChannel): vscode.Disposable {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The host's garbage collections (start and length, performance.now() time), the last few hundred.
  const gcs: Array<{ start: number; end: number }> = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcs.push({ start: e.startTime, end: e.startTime + e.duration });
      if (gcs.length > 1000) gcs.shift();
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const command = vscode.commands.registerCommand('oidtrace.showHostStats', (): HostStats => {
    const own = slicesWithoutGc(cache.stats.longSlices, gcs);
    const stats: HostStats = {
      eventLoopMaxMs: delay.max / 1e6,
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      longestAnalysisSliceMs: cache.stats.longestSliceMs,
      // Short slices were not kept; the longest of them bounds the rest.
      longestAnalysisSliceWithoutGcMs: cache.stats.longSlices.length
        ? Math.max(own.longest, Math.min(cache.stats.longestSliceMs, LONG_SLICE_MS))
        : cache.stats.longestSliceMs,
      gcInSlicesMaxMs: own.gcMax,
      longestAnalysisSliceCpuMs: own.longestSlice?.cpuMs,
      longestAnalysisSliceWaitMs: own.longestSlice?.waitMs,
      analyses: cache.stats.analyses,
      workerAnalyses: cache.stats.workerAnalyses,
      heapUsedMb: process.memoryUsage().heapUsed / 1e6,
      traces: vscode.workspace.textDocuments
        .filter((d) => d.languageId === 'oidtrace')
        .map((d) => ({
          uri: d.uri.toString(),
          version: d.version,
          diagnosticsVersion: diagnostics.published.get(d.uri.toString()),
          diagnostics: diagnostics.collection.get(d.uri)?.length ?? 0,
        })),
    };
    delay.reset();
    cache.stats.longestSliceMs = 0;
    cache.stats.longSlices.length = 0;
    const json = JSON.stringify(stats, null, 2);
    output.info(`extension host stats since the last report:\n${json}`);
    output.show(true);
    const file = process.env.OIDTRACE_HOST_STATS_FILE;
    if (file) {
      try {
        writeFileSync(file, json);
      } catch (error) {
        output.error(`could not write ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return stats;
  });
  return {
    dispose: () => {
      delay.disable();
      gcObserver.disconnect();
      command.dispose();
    },
  };
}

/**
 * Each slice's own time, less the GC pauses that overlap it: its time on the CPU where the
 * thread's clock is known (Linux), else its wall time. The longest such, the longest pause
 * met, and the slice longest by the wall clock.
 */
export function slicesWithoutGc(
  slices: ReadonlyArray<LongSlice>,
  gcs: ReadonlyArray<{ start: number; end: number }>,
): { longest: number; gcMax: number; longestSlice?: LongSlice } {
  let longest = 0;
  let gcMax = 0;
  let longestSlice: LongSlice | undefined;
  for (const slice of slices) {
    let paused = 0;
    for (const gc of gcs) {
      const overlap = Math.min(slice.end, gc.end) - Math.max(slice.start, gc.start);
      if (overlap > 0) {
        paused += overlap;
        gcMax = Math.max(gcMax, overlap);
      }
    }
    const own = slice.cpuMs ?? slice.end - slice.start;
    longest = Math.max(longest, own - paused);
    if (!longestSlice || slice.end - slice.start > longestSlice.end - longestSlice.start) longestSlice = slice;
  }
  return { longest, gcMax, longestSlice };
}
