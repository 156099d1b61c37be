/**
 * The progress line `oidtrace lint` draws on standard error while a file takes
 * long: bytes read of the total, MB/s, events so far, the file's name; with
 * several files in flight, one line summing them. Redrawn in place (`\r`, then
 * the line, then "clear to the end of the line"), at most every `intervalMs`,
 * only once a file has been read for `delayMs`, and erased before any other
 * output and when no file left in flight has been read that long. Shown only on a terminal
 * (see `progressWanted`). The clock and the terminal are the caller's: pure.
 */

/** Clears from the cursor to the end of the line (ECMA-48 EL). */
const CLEAR = '\x1b[K';

export interface ProgressLineOptions {
  /** Milliseconds, from any origin. */
  now(): number;
  write(text: string): void;
  /** The terminal's width: the line is cut to fit (a wrapped line cannot be redrawn in place). */
  columns?(): number | undefined;
  /** A file is read this long before the line shows (default 1000 ms). */
  delayMs?: number;
  /** The least time between two drawings (default 100 ms). */
  intervalMs?: number;
}

/** One file being read. */
export interface FileActivity {
  name: string;
  /** Its size, when known (not for standard input or a pipe). */
  total?: number;
  bytes: number;
  events: number;
  /** When its reading started (ms, the same clock as `now`). */
  since: number;
}

/** Whether to draw the line at all: on a terminal, outside CI, unless `--quiet` or `--no-progress`. */
export function progressWanted(o: { isTTY: boolean; env: Record<string, string | undefined>; quiet?: boolean; noProgress?: boolean }): boolean {
  return o.isTTY && !o.env.CI && o.quiet !== true && o.noProgress !== true;
}

const count = (n: number) => n.toLocaleString('en-US');
/** Megabytes: a tenth below 10 (a slow pipe's first second is not "0 MB"), whole ones above. */
const megabytes = (n: number) => (n < 10 ? (Math.floor(n * 10) / 10).toFixed(1) : count(Math.floor(n)));

/**
 * `312/800 MB, 156 MB/s, 41,200 events — big.log`; for several files, the sums
 * and `3 files: a.log, b.log, c.log`. Cut to `columns - 1` characters, if given.
 */
export function progressText(files: readonly FileActivity[], now: number, columns?: number): string {
  let bytes = 0;
  let total = 0;
  let known = true;
  let events = 0;
  let rate = 0;
  for (const f of files) {
    bytes += f.bytes;
    events += f.events;
    if (f.total === undefined) known = false;
    else total += f.total;
    const seconds = (now - f.since) / 1000;
    if (seconds > 0) rate += f.bytes / 1e6 / seconds;
  }
  const size = known ? `${megabytes(bytes / 1e6)}/${megabytes(total / 1e6)} MB` : `${megabytes(bytes / 1e6)} MB`;
  const names = files.length === 1 ? files[0]!.name : `${files.length} files: ${files.map((f) => f.name).join(', ')}`;
  const text = `${size}, ${megabytes(rate)} MB/s, ${count(events)} event${events === 1 ? '' : 's'} — ${names}`;
  if (columns === undefined || columns < 2 || text.length < columns) return text;
  return text.slice(0, columns - 2) + '…';
}

export class ProgressLine {
  private readonly files = new Map<number, FileActivity>();
  private drawn = false;
  private lastDrawn = -Infinity;
  private readonly delayMs: number;
  private readonly intervalMs: number;

  constructor(private readonly o: ProgressLineOptions) {
    this.delayMs = o.delayMs ?? 1000;
    this.intervalMs = o.intervalMs ?? 100;
  }

  /** File `id` (its place among the files given) starts being read. */
  start(id: number, name: string, total: number | undefined): void {
    this.files.set(id, { name, total, bytes: 0, events: 0, since: this.o.now() });
  }

  /** File `id` has been read this far: the line is redrawn if it is time to. */
  advance(id: number, bytes: number, events: number): void {
    const f = this.files.get(id);
    if (!f) return;
    f.bytes = bytes;
    f.events = events;
    const now = this.o.now();
    if (now - this.lastDrawn < this.intervalMs) return;
    if (!this.due(now)) return;
    // In the order the files were given, not the order workers happened to start them: the names stay put.
    const inFlight = [...this.files].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
    this.o.write(`\r${progressText(inFlight, now, this.o.columns?.())}${CLEAR}`);
    this.drawn = true;
    this.lastDrawn = now;
  }

  /** File `id` is done: the line goes, unless another file in flight has been read long enough to show it. */
  finish(id: number): void {
    this.files.delete(id);
    if (!this.due(this.o.now())) this.clear();
  }

  /** Whether a file in flight has been read long enough for the line to show. */
  private due(now: number): boolean {
    for (const f of this.files.values()) if (now - f.since >= this.delayMs) return true;
    return false;
  }

  /** Erases the line (before any other output); the next `advance` draws it again. */
  clear(): void {
    if (!this.drawn) return;
    this.o.write(`\r${CLEAR}`);
    this.drawn = false;
  }
}
