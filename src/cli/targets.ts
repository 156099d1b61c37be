/**
 * What `oidtrace lint` checks: each FILE as given; a folder, every trace file
 * below it (the names "Lint All Trace Files in the Workspace" checks, see
 * engine/trace-files.ts); a glob (`'traces/**\/*.log'`, quoted so that the shell
 * leaves it), every file it matches. Like eslint and ruff: folders and globs are
 * expanded in path order, node_modules and .git are never searched.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isTraceFileName, matchesGlob, SKIPPED_FOLDERS, TRACE_FILE_GLOBS } from '../engine';
import { UsageError } from '../node/errors';

const GLOB_CHARS = /[*?{[]/;

/** The files to lint, in order: FILE arguments as given, folders and globs expanded. */
export async function expandTargets(args: readonly string[], extraGlobs: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push(arg);
      continue;
    }
    const st = await fs.stat(arg).catch(() => undefined);
    if (st?.isDirectory()) {
      const found = (await walk(arg)).filter((p) => isTraceFileName(p, extraGlobs));
      if (found.length === 0) throw new UsageError(`no trace file in '${arg}' (${TRACE_FILE_GLOBS.map((g) => g.replace('**/', '')).join(', ')})`);
      out.push(...found);
    } else if (!st && GLOB_CHARS.test(arg)) {
      const glob = arg.replace(/\\/g, '/').replace(/^\.\//, '');
      const matched = (await walk(baseOf(glob))).filter((p) => matchesGlob(p.replace(/^\.\//, ''), glob));
      if (matched.length === 0) throw new UsageError(`no file matches '${arg}'`);
      out.push(...matched);
    } else {
      // A file, or a path that is not there (the lint says so for that file).
      out.push(arg);
    }
  }
  return out;
}

/** The folder a glob starts in: its leading names without glob characters. */
function baseOf(glob: string): string {
  const parts = glob.split('/');
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (GLOB_CHARS.test(p)) break;
    fixed.push(p);
  }
  if (glob.startsWith('/')) return fixed.join('/') || '/';
  return fixed.length ? fixed.join('/') : '.';
}

/** Every file below a folder, sorted by path (names compared as written, folder by folder). */
async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = dir === '.' ? e.name : join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_FOLDERS.includes(e.name)) files.push(...(await walk(path)));
    } else if (e.isFile()) {
      files.push(path);
    }
  }
  return files;
}
