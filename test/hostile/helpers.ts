/** Shared helpers of the hostile-input tests: running the CLI in-process, temp files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, vi } from 'vitest';
import { main } from '../../src/cli/main';

export interface Run {
  code: number;
  out: string;
  err: string;
}

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

/** Runs `oidtrace` in-process; `stdin` replaces standard input (as chunks). */
export async function cli(argv: string[], stdin?: Array<string | Uint8Array>): Promise<Run> {
  const out = sink();
  const err = sink();
  const spy = stdin ? vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from(stdin.map((c) => Buffer.from(c))) as never) : undefined;
  try {
    const code = await main(argv, out.stream, err.stream);
    return { code, out: out.text(), err: err.text() };
  } finally {
    spy?.mockRestore();
  }
}

/** A temp directory removed after the file's tests; `file(name, bytes)` writes into it. */
export function tempDir(prefix: string): { dir: string; file: (name: string, content: string | Uint8Array) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** The JSON diagnostics of `lint --format json`, as `line:column rule`. */
export function jsonFindings(out: string): string[] {
  const files = JSON.parse(out).files as Array<{ diagnostics: Array<{ line: number; column: number; rule: string }> }>;
  return files.flatMap((f) => f.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`));
}

/** No stack trace, one line. */
export function oneLine(err: string): boolean {
  return /^oidtrace: [^\n]+\n$/.test(err) && !/\n\s+at /.test(err);
}
