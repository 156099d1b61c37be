/**
 * Bounded memory for a command-line process that streams a big trace: V8 lets
 * the heap grow with the garbage a long run makes (a 1 GB trace reached 200 MB
 * of RSS with 25 MB live), so the CLI collects when the heap has grown `slackMb`
 * past what the last collection left, or half the live set if that is more. The
 * slack follows the live set, so a trace that truly needs more memory gets it (no
 * hard limit, no out-of-memory crash), and the collections stay linear in time: a
 * collection costs about the live set, and the next waits for half as much again
 * to be allocated (a fixed slack on a live set of a gigabyte would collect every
 * 32 MB, a quadratic run).
 *
 * For the CLI's own process only: never in the extension host, whose heap is
 * shared with VS Code and other extensions.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function heapBound(slackMb = 32): () => void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
  const slack = slackMb * 2 ** 20;
  let floor = getHeapStatistics().used_heap_size;
  return () => {
    if (getHeapStatistics().used_heap_size < floor + Math.max(slack, floor / 2)) return;
    gc();
    floor = getHeapStatistics().used_heap_size;
  };
}
