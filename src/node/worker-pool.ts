/**
 * A pool of worker threads, each running one job at a time: `run(job)` hands a
 * job to an idle worker (started when first needed, at most `size`) or queues
 * it. Jobs, progress and results cross the thread boundary as plain data (the
 * structured clone); the worker's script answers through `serveJobs`.
 *
 * To a worker: `{ job }`. From it: `{ progress }` any number of times, then
 * `{ result }` or `{ failure }` (the message of what it threw).
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';

type FromWorker<Result, Progress> = { progress: Progress } | { result: Result } | { failure: string };

interface Task<Job, Result, Progress> {
  job: Job;
  onProgress?: (progress: Progress) => void;
  resolve(result: Result): void;
  reject(error: Error): void;
}

export class WorkerPool<Job, Result, Progress = never> {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task<Job, Result, Progress>>();
  private readonly queue: Array<Task<Job, Result, Progress>> = [];
  private closed = false;

  /** `data` is handed to every worker once, as its `workerData`. */
  constructor(
    private readonly script: string,
    private readonly size: number,
    private readonly data?: unknown,
  ) {}

  run(job: Job, onProgress?: (progress: Progress) => void): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, onProgress, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs not done are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the worker pool is closed'));
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.postMessage({ job: task.job });
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { workerData: this.data });
    this.workers.add(worker);
    worker.on('message', (message: FromWorker<Result, Progress>) => {
      const task = this.busy.get(worker);
      if (!task) return;
      if ('progress' in message) {
        task.onProgress?.(message.progress);
        return;
      }
      this.busy.delete(worker);
      this.idle.push(worker);
      if ('result' in message) task.resolve(message.result);
      else task.reject(new Error(message.failure));
      this.dispatch();
    });
    // A worker that dies (out of memory, a fault in its script) fails its job; a new one takes the queue.
    const lost = (why: string) => {
      this.workers.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      task?.reject(new Error(why));
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => lost(`a worker thread stopped: ${error.message}`));
    worker.on('exit', (code) => lost(`a worker thread exited (code ${code})`));
    return worker;
  }
}

/**
 * The worker's side: answers each job with `handle`'s result, or the message of
 * what it threw. `handle` gets the pool's `data` and a way to report progress.
 */
export function serveJobs<Job, Result, Progress = never, Data = unknown>(handle: (job: Job, data: Data, progress: (p: Progress) => void) => Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread');
  const data = workerData as Data;
  const progress = (p: Progress) => port.postMessage({ progress: p });
  port.on('message', ({ job }: { job: Job }) => {
    handle(job, data, progress).then(
      (result) => port.postMessage({ result }),
      (error: unknown) => port.postMessage({ failure: error instanceof Error ? error.message : String(error) }),
    );
  });
}
