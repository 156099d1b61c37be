/**
 * `oidtrace dialect suggest FILE`: a dialect for the lines of FILE that no
 * format read, printed as the JSON `--dialect` takes. The lines are those the
 * not-read report names (src/engine/reading.ts); the dialect is checked on the
 * whole file before it is printed, and standard error says what it reads.
 */
import { analyze, eventsInLines, linesAt, proposedFormatName, suggestDialect, traceExtension, type DialectSuggestion } from '../engine';
import { InputError } from '../node/errors';
import { checkReadable, readWholeTrace } from '../node/read';

interface FileSuggestion {
  suggestion: DialectSuggestion;
  /** The lines it learnt from (1-based). */
  from: number[];
  /** What the file gives without the dialect and with it: "0 OID or VF events in 9 lines". */
  before: string;
  after: string;
  /** Events read with the dialect. */
  events: number;
}

const list = (lines: readonly number[]): string => (lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`);

/** The suggestion for one file; an InputError, one line, when there is nothing to learn from. */
async function suggestForFile(path: string, name?: string): Promise<FileSuggestion> {
  await checkReadable(path);
  const text = await readWholeTrace(path);
  const fileName = path === '-' ? undefined : path;
  const plain = analyze(text, { fileName, keepEvents: false, keepEpisodes: false });
  const r = plain.reading;
  if (r.unreadLines === 0) {
    throw new InputError(
      path,
      r.eventLines > 0
        ? `every line that names an OID or mentions a VF was read (${eventsInLines(r, plain.lines)}): there is nothing to learn`
        : 'no line names an OID or mentions a VF: there is nothing to learn',
    );
  }
  // Standard input has no name to go by.
  const ext = fileName === undefined ? undefined : traceExtension(fileName);
  const { suggestion, error } = suggestDialect(linesAt(text, r.firstUnread), {
    name: name ?? proposedFormatName(fileName ?? ''),
    files: ext ? [`**/*.${ext}`] : undefined,
  });
  if (!suggestion) throw new InputError(path, `${list(r.firstUnread)} ${r.firstUnread.length === 1 ? 'was' : 'were'} not read; ${error}`);
  const withIt = analyze(text, { fileName, customDialect: suggestion.dialect, keepEvents: false, keepEpisodes: false });
  return {
    suggestion,
    from: suggestion.named.map((i) => r.firstUnread[i]!),
    before: eventsInLines(r, plain.lines),
    after: eventsInLines(withIt.reading, withIt.lines),
    events: withIt.eventCount,
  };
}

export async function dialectSuggest(path: string, name: string | undefined, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const s = await suggestForFile(path, name);
  out.write(JSON.stringify(s.suggestion.spec, null, 2) + '\n');
  err.write(`oidtrace: ${path}: a dialect learnt from ${list(s.from)}; with it, ${s.after} (without it, ${s.before})\n`);
  return 0;
}
