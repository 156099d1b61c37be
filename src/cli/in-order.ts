/**
 * Work done out of order, output in order: `lint` runs several files at once,
 * and each file's output is written as soon as it and every file before it are
 * done, so the output is the one a run of one file at a time writes.
 */

export interface InOrderOptions {
  /** Tasks running at once. */
  limit: number;
  /**
   * How far past the first unwritten item a task may start: the results waiting
   * behind a slow file are at most this many (memory stays bounded).
   */
  window?: number;
}

/**
 * Runs `task` on every item, at most `limit` at a time, and hands each result to
 * `emit` in the items' order. A task that throws (or an `emit` that throws) stops
 * the run: no new task starts, and the promise rejects with its error once the
 * running ones are done.
 */
export function inOrder<T, R>(
  items: readonly T[],
  { limit, window = limit + 256 }: InOrderOptions,
  task: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = new Map<number, R>();
    let started = 0;
    let emitted = 0;
    let running = 0;
    let failure: Error | undefined;
    let emitFailed = false;
    const fail = (error: unknown) => (failure ??= error instanceof Error ? error : new Error(String(error)));

    const pump = (): void => {
      // Results before a failed task are still handed on; the failed one never is, nor any after it.
      try {
        while (!emitFailed && done.has(emitted)) {
          const result = done.get(emitted)!;
          done.delete(emitted);
          emit(result, emitted++);
        }
      } catch (error) {
        fail(error);
        emitFailed = true;
      }
      if (failure) {
        if (running === 0) reject(failure);
        return;
      }
      if (emitted === items.length) {
        resolve();
        return;
      }
      while (running < Math.max(1, limit) && started < items.length && started - emitted < Math.max(1, window)) start(started++);
    };

    const start = (index: number): void => {
      running++;
      // A task that throws before its promise is a rejection like any other.
      Promise.resolve()
        .then(() => task(items[index]!, index))
        .then(
          (result) => {
            running--;
            done.set(index, result);
            pump();
          },
          (error: unknown) => {
            running--;
            fail(error);
            pump();
          },
        );
    };

    pump();
  });
}
