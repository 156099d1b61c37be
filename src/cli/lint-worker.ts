/**
 * The script of `oidtrace lint`'s worker threads (bundled next to the CLI as
 * dist/lint-worker.js): each job is a path, each answer the file's outcome as
 * plain data; progress, when the run shows it, as `{ bytes, events }`.
 */
import { heapBound } from '../node/heap-bound';
import { serveJobs } from '../node/worker-pool';
import { lintFile, type LintOutcome } from './lint-file';
import type { WorkerData, WorkerProgress } from './lint-pool';

// Each worker is a heap of its own: each keeps its own bound.
const heapCheck = heapBound();

serveJobs<string, LintOutcome, WorkerProgress, WorkerData>((path, { settings, progress }, report) =>
  lintFile(path, settings, progress ? { started: (total) => report({ total }), advanced: (bytes, events) => report({ bytes, events }) } : {}, heapCheck),
);
