/**
 * The time this thread (the extension host's main thread, where analyses run)
 * spent on a CPU and waiting for one, from Linux's /proc/thread-self/schedstat.
 * On a busy machine a slice's wall time includes the turns the OS gave to other
 * processes; its time on the CPU is what the extension's code took. Elsewhere
 * (no such file) there is no reading and callers fall back to wall time.
 */
import { openSync, readSync } from 'node:fs';

export interface ThreadTimes {
  cpuMs: number;
  waitMs: number;
}

let fd: number | undefined | null;
const buffer = Buffer.alloc(128);

/** Now's reading (a few µs: the file stays open and is re-read from its start), or undefined. */
export function threadTimes(): ThreadTimes | undefined {
  if (fd === null) return undefined;
  try {
    fd ??= openSync('/proc/thread-self/schedstat', 'r');
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const [run, wait] = buffer.toString('latin1', 0, n).split(' ');
    const cpuMs = Number(run) / 1e6;
    const waitMs = Number(wait) / 1e6;
    return Number.isFinite(cpuMs) && Number.isFinite(waitMs) ? { cpuMs, waitMs } : undefined;
  } catch {
    fd = null; // not Linux, or no procfs: wall time only
    return undefined;
  }
}
