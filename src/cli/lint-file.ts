/**
 * One file of `oidtrace lint`, from its path to what the output needs of it:
 * the report the formats write, the lines standard error carries, whether it
 * could not be read. The same code runs in the CLI's own thread (`-j 1`, one
 * file, standard input) and in a worker of the pool; what it returns is plain
 * data, the only thing that crosses the thread boundary.
 */
import type { CustomDialect, SeveritySetting } from '../engine';
import { analyzeFile } from '../node/analyze-file';
import { InputError } from '../node/errors';
import { checkReadable } from '../node/read';
import { lintedFile, notReadNote, type FileReport } from './formats';
import { onlyErrors } from './quiet';

/** What a run asks of every file (the same for all; a worker is handed it once). */
export interface LintSettings {
  rules: Record<string, SeveritySetting>;
  stepSlowMs?: number;
  /** Keep each episode with its steps (`--episodes`). */
  episodes: boolean;
  /** Errors only (`--quiet`). */
  quiet: boolean;
  dialect?: CustomDialect;
}

export interface LintOutcome {
  report: FileReport;
  /** Lines for standard error, each with its line break. */
  notes: string[];
  /** The file could not be read (exit status 2). */
  unreadable?: boolean;
}

/** How far the reading of a file has come. */
export interface LintProgress {
  /** The file is readable; its size, when it is a regular file. */
  started?(total: number | undefined): void;
  /** Bytes read and events found so far. */
  advanced?(bytes: number, events: number): void;
}

/** The exit status a file gives: 2 not read, 1 an error found, 0 otherwise. */
export function statusOf(outcome: LintOutcome): number {
  if (outcome.unreadable) return 2;
  return outcome.report.result?.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/**
 * Lints one file. A file that cannot be read is an outcome (its one line), not
 * a throw: the other files go on. `heapCheck` runs after each chunk read (see heap-bound.ts).
 */
export async function lintFile(path: string, settings: LintSettings, progress: LintProgress = {}, heapCheck?: () => void): Promise<LintOutcome> {
  try {
    const total = await checkReadable(path);
    progress.started?.(total);
    let events = 0;
    // Episodes (and the events their steps point at) are kept only when asked for: memory stays bounded otherwise.
    const result = await analyzeFile(
      path,
      {
        rules: settings.rules,
        stepSlowMs: settings.stepSlowMs,
        keepEpisodes: settings.episodes,
        keepEvents: settings.episodes,
        customDialect: settings.dialect,
        onEvent: progress.advanced ? () => events++ : undefined,
      },
      {
        onBytes: (bytes) => {
          heapCheck?.();
          progress.advanced?.(bytes, events);
        },
        sync: true,
      },
    );
    const report: FileReport = { path, result: lintedFile(result, settings.episodes) };
    const notes = result.internalErrors.map((e) => `oidtrace: ${path}: internal: ${e}\n`);
    const note = notReadNote(report);
    if (note) notes.push(note);
    return { report: settings.quiet ? onlyErrors(report) : report, notes };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { report: { path, error: error.message }, notes: [`oidtrace: ${error.path}: ${error.message}\n`], unreadable: true };
  }
}
