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
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { AnalysisCache } from './analysis-cache';
import type { DiagnosticsController } from './diagnostics';

export interface HostStats {
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  longestAnalysisSliceMs: number;
  /** The same slice's CPU time (the process's): wall time on a busy machine includes others' turns. */
  longestAnalysisSliceCpuMs: number;
  analyses: number;
  heapUsedMb: number;
  traces: Array<{ uri: string; version: number; diagnosticsVersion?: number; diagnostics: number }>;
}

export function registerHostStats(cache: AnalysisCache, diagnostics: DiagnosticsController, output: vscode.LogOutputChannel): vscode.Disposable {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const command = vscode.commands.registerCommand('oidtrace.showHostStats', (): HostStats => {
    const stats: HostStats = {
      eventLoopMaxMs: delay.max / 1e6,
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      longestAnalysisSliceMs: cache.stats.longestSliceMs,
      longestAnalysisSliceCpuMs: cache.stats.longestSliceCpuMs,
      analyses: cache.stats.analyses,
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
    cache.stats.longestSliceCpuMs = 0;
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
  return { dispose: () => { delay.disable(); command.dispose(); } };
}
