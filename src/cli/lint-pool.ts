/**
 * `oidtrace lint` over many files: in parallel on worker threads (`-j N` sets
 * how many; `-j 1`, one file and standard input need no worker, they are
 * linted in this thread), each file's outcome handed on in path order as soon
 * as it and every file before it are done.
 *
 * By default workers start only where they pay: a lint in one thread already
 * keeps about 1.3 cores busy (V8's collector and compiler threads), so on two
 * cores a pool was measured slower than one thread (0.93x on eight 20 MB
 * traces, 0.85x on the samples, an idle machine); from four cores up, one
 * worker per core but one, when there are at least MIN_BYTES_PER_WORKER per worker.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { heapBound } from '../node/heap-bound';
import { WorkerPool } from '../node/worker-pool';
import { inOrder } from './in-order';
import { lintFile, type LintOutcome, type LintProgress, type LintSettings } from './lint-file';
import type { ProgressLine } from './progress-line';

/** The name of the bundled worker script, next to the bundled CLI (scripts/build.mjs defines it). */
declare const OIDTRACE_LINT_WORKER: string;

/** What a worker is handed once: the run's settings, and whether to report progress. */
export interface WorkerData {
  settings: LintSettings;
  progress: boolean;
}

/** A worker's progress: the file's size when it starts, then how far it has come. */
export type WorkerProgress = { total: number | undefined } | { bytes: number; events: number };

/**
 * The worker's script; none when the CLI runs from its sources (tsx, the tests),
 * which then lint every file in this thread.
 */
function workerScript(): string | undefined {
  return typeof OIDTRACE_LINT_WORKER === 'string' ? join(__dirname, OIDTRACE_LINT_WORKER) : undefined;
}

/** Below this much trace per worker, starting workers (about 45 ms each) costs more than it saves. */
export const MIN_BYTES_PER_WORKER = 8 << 20;

/**
 * Files linted at a time: `-j N`; by default one thread on fewer than four
 * cores, else a worker per core but one, as many as the bytes to read keep
 * busy; never more than there are files.
 */
export function poolSize(jobs: number | undefined, files: number, bytes: number, cores = availableParallelism()): number {
  const byDefault = cores < 4 ? 1 : Math.min(cores - 1, Math.floor(bytes / MIN_BYTES_PER_WORKER));
  return Math.max(1, Math.min(jobs ?? byDefault, files));
}

/** The bytes of the files to lint (standard input and files that cannot be read count as none). */
function totalBytes(files: readonly string[]): number {
  let total = 0;
  for (const f of files) {
    if (f === '-') continue;
    try {
      total += statSync(f).size;
    } catch {
      // reported when linted
    }
  }
  return total;
}

export interface LintAllOptions {
  jobs?: number;
  progress?: ProgressLine;
}

/** Lints `files`, handing each outcome to `emit` in their order. */
export async function lintAll(files: readonly string[], settings: LintSettings, options: LintAllOptions, emit: (outcome: LintOutcome) => void): Promise<void> {
  const { progress } = options;
  const size = poolSize(options.jobs, files.length, options.jobs === undefined ? totalBytes(files) : 0);
  const script = size > 1 ? workerScript() : undefined;
  const pool = script
    ? new WorkerPool<string, LintOutcome, WorkerProgress>(script, size, { settings, progress: progress !== undefined } satisfies WorkerData)
    : undefined;
  // Memory stays bounded however big the trace (see heap-bound.ts): in this thread, for the files read here.
  let heapCheck: (() => void) | undefined;
  const lintHere = (path: string, track: LintProgress | undefined) => lintFile(path, settings, track, (heapCheck ??= heapBound()));
  try {
    await inOrder(
      files,
      { limit: pool ? size : 1 },
      (path, i) => {
        const track: LintProgress | undefined = progress && {
          started: (total) => progress.start(i, path === '-' ? 'standard input' : path, total),
          advanced: (bytes, events) => progress.advance(i, bytes, events),
        };
        // Standard input is this process's: read in this thread, also when the other files go to workers.
        const outcome =
          pool && path !== '-' ? pool.run(path, track && ((p) => ('total' in p ? track.started!(p.total) : track.advanced!(p.bytes, p.events)))) : lintHere(path, track);
        return outcome.finally(() => progress?.finish(i));
      },
      (outcome) => {
        progress?.clear();
        emit(outcome);
      },
    );
  } finally {
    await pool?.close();
  }
}
