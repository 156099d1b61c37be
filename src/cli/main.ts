/**
 * The `oidtrace` command, a thin layer over the engine:
 *   oidtrace lint [--format text|json|sarif] [--rule RULE=off|info|warning|error]... [-j N] FILE...
 *   oidtrace diagram FILE [--vf N] [--format mermaid|markdown]
 *   oidtrace convert FILE [--to oidtrace] [-o OUT]
 *   oidtrace dialect suggest FILE [--name NAME]
 * Exit codes: 0 no error-severity diagnostic, 1 some, 2 usage or input errors.
 */
import { heapBound } from '../node/heap-bound';
import { createWriteStream } from 'node:fs';
import { analyze, CanonicalWriter, correlate, CorrelationError, episodeDiagram, mermaidText, RULE_IDS, type Correlation } from '../engine';
import { parseArgs, type Parsed } from './args';
import { InputError, UsageError } from '../node/errors';
import { lintedFile, notReadNote, reportWriter, type FileReport } from './formats';
import { analyzeFile } from '../node/analyze-file';
import { checkReadable, readWholeTrace } from '../node/read';
import { expandTargets } from './targets';
import { dialectSuggest } from './suggest';
import { statusOf, type LintSettings } from './lint-file';
import { lintAll } from './lint-pool';
import { ProgressLine, progressWanted } from './progress-line';
import type { WriteStream } from 'node:tty';

declare const OIDTRACE_VERSION: string;
const VERSION = typeof OIDTRACE_VERSION === 'string' ? OIDTRACE_VERSION : '0.0.0-dev';

const HELP = `oidtrace ${VERSION} — checks SR-IOV / NIC-switch OID sequences in driver traces

Usage:
  oidtrace lint [options] FILE...     report out-of-order, missing and failed OID steps; a FILE may be a
                                      folder (every trace file below) or a quoted glob ('traces/**/*.log')
  oidtrace diagram [options] FILE     print each episode as a Mermaid sequence diagram
  oidtrace convert [options] FILE     print the OID events of any log in the canonical .oidtrace form
  oidtrace dialect suggest FILE       print a dialect (JSON, for --dialect) that reads the lines of FILE
                                      no format read: its OIDs, markers, statuses and ids
  oidtrace --help | --version

options of lint, diagram and convert:
  --dialect FILE.json                 read lines with your own patterns (see README, "Your own format")

lint options:
  --format text|json|sarif            output format (default text: path:line:col: severity rule message)
  --correlate HOST GUEST              one story from a host trace and the guest's kernel log of the same VF
  --clock-offset MS                   with --correlate: ms added to the guest's times (default: estimated from the VF's setup)
  --vf N [--adapter NAME]             with --correlate: the host's VF the guest's VF is (needed when the host trace has several)
  --rule RULE=off|info|warning|error  change a rule's severity (repeatable)
  --step-slow-ms N                    threshold of the step-slow rule (default 5000, 0 = off)
  --quiet                             report errors only (no warnings or infos)
  -j, --jobs N                        lint N files at a time, each on a worker thread (default: one
                                      thread on fewer than 4 cores, else a worker per core but one for
                                      8 MB of trace or more each; 1: no worker); the output is the same
  --no-progress                       no progress line on standard error (shown on a terminal while a
                                      file takes more than a second; never when CI is set or with --quiet)
  --episodes                          with --format json: each episode's documented steps, their states and
                                      durations (memory then grows with the number of episodes)

diagram options:
  --vf N                              only the episodes of VF N
  --format mermaid|markdown           markdown wraps each diagram in a \`\`\`mermaid block
  --page-size N                       messages per diagram page (default 200)

convert options:
  --to oidtrace                       the target form (the only one, and the default)
  -o, --output OUT                    write to OUT instead of standard output (never over FILE)

dialect suggest options:
  --name NAME                         the dialect's name (default: the file's extension, e.g. vlog-format)

FILE may be - for standard input. Files may be UTF-8 (with or without BOM) or UTF-16 with BOM.
Exit status: 0 no error found, 1 errors found, 2 usage or input error.
Rules: ${RULE_IDS.join(', ')}
`;

async function convert(args: Parsed, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const path = args.files[0]!;
  await checkReadable(path);
  const sink: NodeJS.WritableStream = args.output === undefined ? out : createWriteStream(args.output);
  const failed = new Promise<never>((_, reject) => {
    sink.once('error', (e: NodeJS.ErrnoException) =>
      reject(new InputError(args.output!, e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message)),
    );
  });
  failed.catch(() => undefined);
  const writer = new CanonicalWriter((line) => sink.write(line + '\n'));
  writer.header(path === '-' ? 'standard input' : path);
  // Streamed: each event is written when the model has it; the trace is never held whole.
  const result = await Promise.race([
    analyzeFile(path, { keepEvents: false, keepEpisodes: false, customDialect: args.dialect, onEvent: (ev) => writer.event(ev) }, { onBytes: heapBound() }),
    failed,
  ]);
  if (sink !== out) await Promise.race([new Promise<void>((done) => sink.end(done)), failed]);
  err.write(notReadNote({ path, result }) ?? '');
  return 0;
}

/** `--correlate HOST GUEST`: both files read whole (they are one VF's story), merged on the host's clock. */
async function correlated(args: Parsed, err: NodeJS.WritableStream): Promise<Correlation> {
  const [hostPath, guestPath] = args.files as [string, string];
  if (hostPath === '-' || guestPath === '-') throw new UsageError('--correlate reads files, not standard input');
  for (const p of [hostPath, guestPath]) await checkReadable(p);
  const [host, guest] = await Promise.all([readWholeTrace(hostPath), readWholeTrace(guestPath)]);
  try {
    const c = correlate(
      { name: hostPath, text: host },
      { name: guestPath, text: guest },
      {
        rules: args.rules,
        stepSlowMs: args.stepSlowMs,
        customDialect: args.dialect,
        offsetMs: args.clockOffsetMs,
        hostVf: args.vf,
        hostAdapter: args.adapter,
      },
    );
    err.write(`oidtrace: correlated ${hostPath} and ${guestPath}: ${c.note}\n`);
    return c;
  } catch (error) {
    if (error instanceof CorrelationError) throw new UsageError(`--correlate: ${error.message}`);
    throw error;
  }
}

async function lint(args: Parsed, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const format = args.format ?? 'text';
  const writer = reportWriter(format, { episodes: args.episodes, version: VERSION });
  if (args.correlate) {
    const c = await correlated(args, err);
    const sources = [c.host.name, c.guest.name];
    const reports: FileReport[] = [c.host, c.guest].map((f) => ({
      path: f.name,
      sources,
      result: lintedFile({ ...c.result, lines: f.lines, dialect: f.dialect, diagnostics: f.diagnostics, reading: f.reading }, args.episodes),
    }));
    for (const r of reports) err.write(notReadNote(r) ?? '');
    for (const r of reports) for (const chunk of writer.file(r)) out.write(chunk);
    for (const chunk of writer.end()) out.write(chunk);
    return reports.some((r) => r.result?.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
  }
  // Folders and globs: every trace file below, in path order (targets.ts).
  const files = await expandTargets(args.files, args.dialect?.files ?? []);
  const settings: LintSettings = { rules: args.rules, stepSlowMs: args.stepSlowMs, episodes: args.episodes === true, quiet: args.quiet === true, dialect: args.dialect };
  const tty = err as Partial<WriteStream>;
  const progress = progressWanted({ isTTY: tty.isTTY === true, env: process.env, quiet: args.quiet, noProgress: args.noProgress })
    ? new ProgressLine({ now: () => performance.now(), write: (text) => err.write(text), columns: () => tty.columns })
    : undefined;
  let status = 0;
  // Each file's output as soon as it and all before it are done; the exit status the worst of them.
  await lintAll(files, settings, { jobs: args.jobs, progress }, (outcome) => {
    for (const note of outcome.notes) err.write(note);
    for (const chunk of writer.file(outcome.report)) out.write(chunk);
    status = Math.max(status, statusOf(outcome));
  });
  for (const chunk of writer.end()) out.write(chunk);
  return status;
}

async function diagram(args: Parsed, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const path = args.files[0]!;
  let result;
  if (args.correlate) {
    result = (await correlated(args, err)).result;
  } else {
    await checkReadable(path);
    const text = await readWholeTrace(path);
    result = analyze(text, { fileName: path === '-' ? undefined : path, customDialect: args.dialect });
    err.write(notReadNote({ path, result }) ?? '');
  }
  const episodes = result.episodes.filter((e) => args.vf === undefined || e.vf === args.vf);
  if (episodes.length === 0) {
    throw new InputError(path, args.vf === undefined ? 'no OID events found' : `no episode of VF ${args.vf}`);
  }
  const markdown = args.format === 'markdown';
  const blocks: string[] = [];
  for (const episode of episodes) {
    const first = episodeDiagram({ episode, events: result.events, diagnostics: result.diagnostics }, { pageSize: args.pageSize });
    for (let page = 0; page < first.pages; page++) {
      const d = page === 0 ? first : episodeDiagram({ episode, events: result.events, diagnostics: result.diagnostics }, { pageSize: args.pageSize, page });
      // The title holds the adapter's name, which a WPP log can make anything
      // (`[%%{init: ...}%%]`): escaped like every other label.
      const title = mermaidText(
        `${episode.title} (lines ${episode.firstLine}–${episode.lastLine}, ${episode.problems} problem${episode.problems === 1 ? '' : 's'})${d.pages > 1 ? `, page ${page + 1} of ${d.pages}` : ''}`,
        400,
      );
      blocks.push(markdown ? `## ${title}\n\n\`\`\`mermaid\n${d.text}\`\`\`\n` : `%% ${title}\n${d.text}`);
    }
  }
  out.write(blocks.join('\n'));
  return 0;
}

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      out.write(HELP);
      return 0;
    }
    if (parsed === 'version') {
      out.write(VERSION + '\n');
      return 0;
    }
    if (parsed.command === 'convert') return await convert(parsed, out, err);
    if (parsed.command === 'dialect') return await dialectSuggest(parsed.files[0]!, parsed.name, out, err);
    return parsed.command === 'lint' ? await lint(parsed, out, err) : await diagram(parsed, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`oidtrace: ${error.message}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      err.write(`oidtrace: ${error.path}: ${error.message}\n`);
      return 2;
    }
    err.write(`oidtrace: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // Run directly (node dist/cli.js); bin/oidtrace.js calls main() itself.
  // Output piped into `head` closes early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`oidtrace: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
