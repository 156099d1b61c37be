/** Shared helpers of the hostile-input tests: temp files, what the CLI printed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

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
