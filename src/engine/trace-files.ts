/**
 * Which files are traces when a whole folder is checked: by the command line
 * (`oidtrace lint DIR`) and by "Lint All Trace Files in the Workspace", the same
 * files, so that both report the same problems. Besides these, the files a user's
 * settings name (`oidtrace.associations`, a dialect's `files`).
 */
import { matchesGlob } from './text/glob';

export const TRACE_FILE_GLOBS: readonly string[] = ['**/*.oidtrace', '**/*.log', '**/*.wpp', '**/*.etl.txt', '**/dmesg', '**/dmesg*.txt', '**/messages', '**/syslog'];

/** Folders never searched for traces. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git'];

export function isTraceFileName(path: string, extraGlobs: readonly string[] = []): boolean {
  return TRACE_FILE_GLOBS.some((g) => matchesGlob(path, g)) || extraGlobs.some((g) => matchesGlob(path, g));
}
