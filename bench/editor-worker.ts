/**
 * The editor's analysis worker (dist/analysis-worker.js, built), driven through its
 * messages as the extension drives it, on this process's main thread standing in for
 * the extension host's: how long the host's thread is held while a 10 MB trace is
 * analysed (the longest gap between turns of a setImmediate loop, which every task
 * on the thread delays, sending the text and taking the result included), the time
 * from opening to the first result, the analysis in the worker, and a one-line edit
 * of a 1 MB trace re-checked (the edit crosses, not the text).
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../src/node/worker-protocol';
import { median } from './measure';

export interface WorkerFigures {
  /** Longest the main thread was held, while the worker read, analysed and answered (ms). */
  hostLongestMs: number;
  /** From posting "load" to the result on the main thread (ms). */
  firstResultMs: number;
  /** The analysis itself, in the worker (ms). */
  workerAnalyzeMs: number;
  /** A one-line edit of the 1 MB text: posted, analysed, answered (ms, median). */
  editRoundTripMs: number;
}

/** The longest gap between turns of the main thread's loop while `work` runs. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ value: T; gapMs: number }> {
  let running = true;
  let last = performance.now();
  let gap = 0;
  const tick = () => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { value: await work(), gapMs: gap };
  } finally {
    running = false;
  }
}

export async function measureWorker(
  script: string,
  tenMbFile: string,
  oneMbText: string,
  editAt: (text: string) => { offset: number; length: number; text: string },
  rounds = 7,
): Promise<WorkerFigures> {
  const worker = new Worker(script);
  const replies = new Map<number, (m: FromWorker) => void>();
  worker.on('message', (m: FromWorker) => replies.get(m.id)?.(m));
  let id = 0;
  const post = (m: ToWorker) => worker.postMessage(m);
  const analyzeHeld = (uri: string, fileName: string) =>
    new Promise<Extract<FromWorker, { type: 'result' }>>((resolve, reject) => {
      const n = ++id;
      replies.set(n, (m) => (m.type === 'result' ? resolve(m) : reject(new Error(m.type === 'failed' ? m.message : 'missing'))));
      post({ type: 'analyze', id: n, uri, options: { fileName, rules: {}, stepSlowMs: 5000 } });
    });
  try {
    // Warm the worker (its bundle loaded and compiled) as an open editor would have.
    post({ type: 'set', uri: 'warm', version: 1, text: oneMbText });
    await analyzeHeld('warm', 'warm.log');
    const opens: Array<{ gap: number; first: number; ms: number }> = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const { value, gapMs } = await longestGap(async () => {
        post({ type: 'load', uri: `big${r}`, version: 1, path: tenMbFile });
        return analyzeHeld(`big${r}`, tenMbFile);
      });
      opens.push({ gap: gapMs, first: performance.now() - t0, ms: value.ms });
      post({ type: 'close', uri: `big${r}` });
    }
    post({ type: 'set', uri: 'one', version: 1, text: oneMbText });
    await analyzeHeld('one', 'one.log');
    const edits: number[] = [];
    let text = oneMbText;
    for (let r = 0; r < rounds; r++) {
      const change = editAt(text);
      text = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.length);
      const t0 = performance.now();
      post({ type: 'edit', uri: 'one', from: r + 1, version: r + 2, changes: [change] });
      const result = await analyzeHeld('one', 'one.log');
      edits.push(performance.now() - t0);
      if (result.version !== r + 2) throw new Error('the edit did not reach the worker');
    }
    return {
      hostLongestMs: median(opens.map((o) => o.gap)),
      firstResultMs: median(opens.map((o) => o.first)),
      workerAnalyzeMs: median(opens.map((o) => o.ms)),
      editRoundTripMs: median(edits),
    };
  } finally {
    await worker.terminate();
  }
}
