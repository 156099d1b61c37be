/**
 * What one piece of open state costs, on the traces that make the most of it:
 *
 *   pending   one answered request (the adapter prints completions), then N
 *             resets of distinct VFs that never complete: N findings at the end
 *   adapters  N adapters, each named by one request and its completion
 *
 * Two figures per trace: the engine's heap per item once every line is read
 * (after a full collection, before the end of the trace), and what `oidtrace
 * lint` costs per item in peak RSS and time, from the difference between a
 * half-size and a full-size run (the fixed cost of a Node process drops out).
 * Time linear in lines shows as a ratio near 2 from half to full size.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Analyzer } from '../src/engine';

export interface OpenStateTrace {
  name: string;
  what: string;
  /** Items in the full-size trace. */
  items: number;
  lines(items: number): Generator<string>;
  target: { bytes: number; label: string };
}

export const OPEN_STATE_TRACES: OpenStateTrace[] = [
  {
    name: 'pending',
    what: 'never-completed RESET_VF requests on distinct VFs',
    items: 300_000,
    *lines(n) {
      yield 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_FREE_VF NDIS_STATUS_SUCCESS vf=0';
      for (let i = 1; i <= n; i++) yield `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${i}`;
    },
    target: { bytes: 300, label: '< 300 B per pending request' },
  },
  {
    name: 'adapters',
    what: 'distinct adapter names, one request and its completion each',
    items: 200_000,
    *lines(n) {
      for (let i = 0; i < n; i++) {
        yield `VSTACK -> PF SET OID_SRIOV_RESET_VF vf=1 adapter=nic${i}`;
        yield `PF -> VSTACK COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=1 adapter=nic${i}`;
      }
    },
    target: { bytes: 1024, label: '< 1 KB per adapter' },
  },
];

export function writeOpenStateTrace(path: string, t: OpenStateTrace, items: number): void {
  const fd = openSync(path, 'w');
  try {
    let block: string[] = [];
    for (const line of t.lines(items)) {
      block.push(line);
      if (block.length === 10_000) {
        writeSync(fd, block.join('\n') + '\n');
        block = [];
      }
    }
    if (block.length) writeSync(fd, block.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

let gc: (() => void) | undefined;

/** Bytes of heap per item the engine holds once every line of the trace is read (as the CLI runs it: no events or episodes kept). */
export function heapPerItem(t: OpenStateTrace, items: number): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const analyzer = new Analyzer({ dialect: 'oidtrace', fileName: 'open.oidtrace', keepEvents: false, keepEpisodes: false });
  let n = 0;
  for (const line of t.lines(items)) analyzer.line(line, ++n);
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / items;
  analyzer.end();
  return bytes;
}

export function tempDir(): { dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'oidtrace-open-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}
