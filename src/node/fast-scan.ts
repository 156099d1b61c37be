/**
 * The fast path for big driver logs and canonical traces (UTF-8, the common
 * case). The file is read straight into WebAssembly memory, chunk by chunk; the
 * SIMD scan in scan.wat counts the line feeds and finds the few lines that may
 * matter: in a driver log those that may hold an OID event (`OID_`, a `000102xx`
 * code), a REMOVE_VF indication or a suppression comment; in a canonical trace
 * also every line that is not a `#` comment or blank. Only those lines are
 * decoded and handed to the engine. No string is built for a line of noise,
 * and memory stays at one chunk plus the engine's open state.
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Analyzer } from '../engine';
import { SCAN_WASM } from './scan-wasm.generated';

const LF = 10;
const CR = 13;
/** memory[0..12) holds the scan's counts; data starts after it. */
const DATA = 64;
/** Bytes readable past the end of a region (the scan's 16-byte steps look ahead). */
const PAD = 32;
const PAGE = 65536;

interface ScanExports {
  memory: WebAssembly.Memory;
  scan(start: number, end: number, out: number, starts: number): number;
}

let compiled: WebAssembly.Module | undefined;

function instantiate(): ScanExports {
  compiled ??= new WebAssembly.Module(Buffer.from(SCAN_WASM, 'base64'));
  return new WebAssembly.Instance(compiled).exports as unknown as ScanExports;
}

/** What a file looks like from its first bytes: the caller decides whether the fast path applies. */
export type FirstChunkCheck = (chunk: Buffer) => { skip: number } | undefined;

export interface ScanProgress {
  onBytes?(bytes: number): void;
  cancelled?(): boolean;
  /**
   * Read with `readSync` (a process that has nothing else to do, as the CLI):
   * no promise and no wait on the thread pool per chunk. Not in the editor's
   * process, whose thread must stay free between chunks.
   */
  sync?: boolean;
}

export interface ScanOutcome {
  /** The number of lines (as VS Code counts them), or undefined when the fast path does not apply. */
  lines?: number;
}

/**
 * Feeds the lines of `file` that can matter to `analyzer` (`analyzer.skippable`
 * says which those are), and returns the line count. Returns `{}` when the
 * analyzer reads every line, when the first chunk says the fast path does not
 * apply (`check` returned undefined) or a lone CR ends a line somewhere (old Mac
 * line ends: the text path counts those).
 */
export async function scanTraceFile(file: FileHandle, analyzer: Analyzer, check: FirstChunkCheck, chunkSize: number, progress: ScanProgress = {}): Promise<ScanOutcome> {
  const skippable = analyzer.skippable;
  if (!skippable) return {};
  const starts = skippable === 'comments without needles' ? 1 : 0;
  const wasm = instantiate();
  let memory = Buffer.alloc(0);
  /** Bytes the data area holds; the hit list lives after it. */
  let capacity = 0;
  /** Bytes of the line carried over from the previous chunk, at DATA. */
  let carry = 0;
  let line = 1;
  let read = 0;
  let first = true;
  let crs = 0;
  let crlfs = 0;

  // Data area: the carried line + one chunk + padding; the hit list after it (8 bytes a line, a line >= 5 bytes).
  const ensure = (dataBytes: number) => {
    capacity = (dataBytes + 7) & ~7;
    const outBytes = Math.ceil(capacity / 5) * 8 + 16;
    const want = DATA + capacity + PAD + outBytes;
    const have = wasm.memory.buffer.byteLength;
    if (want > have) wasm.memory.grow(Math.ceil((want - have) / PAGE));
    memory = Buffer.from(wasm.memory.buffer);
  };

  const scanRegion = (end: number, last: boolean) => {
    // Zero the look-ahead past the end of the file: no needle completes in stale bytes.
    if (last) memory.fill(0, DATA + end, DATA + end + PAD);
    const out = DATA + capacity + PAD;
    const hits = wasm.scan(DATA, DATA + end, out, starts);
    const counts = new Int32Array(wasm.memory.buffer, 0, 3);
    const feeds = counts[0]!;
    crs += counts[1]!;
    crlfs += counts[2]!;
    if (hits > 0) {
      const list = new Int32Array(wasm.memory.buffer, out, hits * 2);
      for (let h = 0; h < hits; h++) {
        const start = list[h * 2]!;
        let stop = memory.indexOf(LF, start);
        if (stop < 0 || stop >= DATA + end) stop = DATA + end;
        if (stop > start && memory[stop - 1] === CR) stop--;
        analyzer.line(memory.toString('utf8', start, stop), line + list[h * 2 + 1]!);
      }
    }
    line += feeds;
  };

  ensure(chunkSize);
  for (;;) {
    if (progress.cancelled?.()) break;
    if (carry + chunkSize > capacity) ensure(carry + chunkSize);
    const bytesRead = progress.sync ? readSync(file.fd, memory, DATA + carry, chunkSize, null) : (await file.read(memory, DATA + carry, chunkSize, null)).bytesRead;
    // A read may have grown nothing, but another instance's grow cannot detach ours: the view stays valid.
    if (bytesRead === 0) break;
    read += bytesRead;
    let length = carry + bytesRead;
    if (first) {
      first = false;
      const verdict = check(memory.subarray(DATA, DATA + length));
      if (!verdict) return {};
      if (verdict.skip) {
        memory.copyWithin(DATA, DATA + verdict.skip, DATA + length);
        length -= verdict.skip;
      }
    }
    const lastLf = memory.subarray(DATA, DATA + length).lastIndexOf(LF);
    if (lastLf < 0) {
      carry = length; // one long line so far: keep reading
    } else {
      scanRegion(lastLf + 1, false);
      carry = length - (lastLf + 1);
      memory.copyWithin(DATA, DATA + lastLf + 1, DATA + length);
    }
    progress.onBytes?.(read);
  }
  if (carry > 0) {
    // The last line, without a line break. A CR as the file's very last byte is not a lone one here.
    const endsInCr = memory[DATA + carry - 1] === CR;
    scanRegion(carry, true);
    if (endsInCr) crs--;
  }
  if (crs !== crlfs) return {};
  // Text that ends with a line break has one more, empty, line (as VS Code shows).
  return { lines: line };
}
