/**
 * Running the `oidtrace` command in-process, as a user's shell would: the
 * arguments, optionally bytes on standard input; the exit code and what it
 * wrote to standard output and standard error. No vitest here: the fuzz loop
 * (bench/fuzz.ts) runs outside it.
 */
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A stream that keeps what is written to it; `text()` decodes it as UTF-8 once, whole. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `oidtrace argv...`; `stdin`, when given, is what standard input holds (as chunks). */
export async function runCli(argv: readonly string[], stdin?: ReadonlyArray<string | Uint8Array>): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const restore = stdin ? replaceStdin(Readable.from(stdin.map((c) => Buffer.from(c)))) : undefined;
  try {
    const code = await main(argv, out.stream, err.stream);
    return { code, out: out.text(), err: err.text() };
  } finally {
    restore?.();
  }
}

/** `process.stdin` is a getter on `process`: swapped for the run, put back after. */
function replaceStdin(stream: Readable): () => void {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (!original) throw new Error('process.stdin is not an own property of process');
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: original.enumerable, get: () => stream });
  return () => Object.defineProperty(process, 'stdin', original);
}
