/**
 * One story from two logs: the host's driver trace and the guest's kernel log
 * of the same VF (`oidtrace lint --correlate HOST GUEST`, "OID Trace: Correlate
 * Traces…"). Each file is read in its own dialect; the guest's events are moved
 * onto the host's clock and the host's VF, merged by time with the host's, and
 * checked as one trace. So R10 — the guest left the VF data path before the
 * host moved the filters and deleted the VPort — is checked across the two
 * files, and every diagnostic stays with the file and line it is about.
 *
 * The guest never learns the host's VF id (its handle is the slot) and its
 * clock is its own (dmesg counts seconds since boot). So:
 *  - the VF: given (`hostVf`, `hostAdapter`), else the one host VF the trace
 *    tears down or sets up, when there is exactly one;
 *  - the clock: an offset given in ms (added to the guest's times), else
 *    estimated from the VF's setup, where the documented order is not in
 *    question: the guest's "VF slot added" (I5) comes right after the host's
 *    last setup OID for the VF (I4 MOVE_FILTER, else I3 CREATE_VPORT). The
 *    teardown is never used for the estimate — that is what is being checked.
 */
import { Analyzer, createAnalyzer } from './analyzer';
import { attachStepFindings } from './step-findings';
import type { RawEvent } from './dialects/parsed-line';
import { forEachLine } from './text/lines';
import type { ReadingReport } from './reading';
import type { AnalysisResult, AnalyzeOptions, Diagnostic, Dialect } from './types';

export interface CorrelateFile {
  /** Shown in messages; also picks the dialect (`.oidtrace`, a dmesg name, …). */
  name: string;
  text: string;
}

export interface CorrelateOptions extends Pick<AnalyzeOptions, 'rules' | 'stepSlowMs' | 'customDialect'> {
  /** Milliseconds added to the guest's times to put them on the host's clock. */
  offsetMs?: number;
  /** The host's VF id of the guest's VF, and its adapter (when the host trace has several). */
  hostVf?: string;
  hostAdapter?: string;
}

export interface CorrelationFile {
  name: string;
  dialect: Dialect;
  lines: number;
  diagnostics: Diagnostic[];
  /** What the reading of this file left out (its own, not the merged story's). */
  reading: ReadingReport;
}

export interface Correlation {
  /** The merged story: events carry `source` (0 host, 1 guest), so do diagnostics and related locations. */
  result: AnalysisResult;
  host: CorrelationFile;
  guest: CorrelationFile;
  offsetMs: number;
  offsetFrom: 'given' | 'estimated';
  /** How the guest's events were placed: host adapter and VF. */
  vf: { adapter: string; vf: string };
  /** How the clocks were matched, in a sentence (for the CLI and the notification). */
  note: string;
}

/** A correlation that cannot be made, and what the user can give to make it. */
export class CorrelationError extends Error {
  /** The host VFs the guest's could be, when the trace has several. */
  choices?: Array<{ adapter: string; vf: string }>;
}

interface Read {
  analyzer: Analyzer;
  events: RawEvent[];
  dialect: Dialect;
  lines: number;
  result: AnalysisResult;
}

function read(file: CorrelateFile, source: number, options: CorrelateOptions): Read {
  let text = file.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const events: RawEvent[] = [];
  const analyzer = createAnalyzer(text, {
    fileName: file.name,
    rules: options.rules,
    customDialect: source === 0 ? options.customDialect : undefined,
    eventSink: (raw) => events.push({ ...raw, source }),
  });
  const lines = forEachLine(text, (line, n) => analyzer.line(line, n));
  return { analyzer, events, dialect: analyzer.dialect, lines, result: analyzer.end() };
}

const isGuest = (ev: RawEvent) => ev.attrs.guest !== undefined || ['VSC', 'NETVSC', 'VF'].includes(ev.actor);

/** The host VF the guest's VF is: given, else the only one the host trace sets up or tears down. */
function hostVfOf(host: RawEvent[], options: CorrelateOptions): { adapter: string; vf: string } {
  const candidates = new Map<string, { adapter: string; vf: string }>();
  for (const ev of host) {
    const vf = ev.ids.vf;
    if (vf === undefined || ev.kind !== 'request') continue;
    if (options.hostAdapter !== undefined && ev.adapter !== options.hostAdapter) continue;
    if (options.hostVf !== undefined && vf !== options.hostVf) continue;
    candidates.set(`${ev.adapter}\u0000${vf}`, { adapter: ev.adapter, vf });
  }
  const list = [...candidates.values()];
  if (list.length === 1) return list[0]!;
  if (list.length === 0) {
    throw new CorrelationError(
      options.hostVf === undefined
        ? 'the host trace names no VF: nothing to correlate the guest with'
        : `the host trace has no request for VF ${options.hostVf}${options.hostAdapter ? ` on ${options.hostAdapter}` : ''}`,
    );
  }
  const names = list
    .slice(0, 6)
    .map((c) => `${c.adapter === 'default' ? '' : `${c.adapter} `}VF ${c.vf}`)
    .join(', ');
  const error = new CorrelationError(
    `the host trace has ${list.length} VFs (${names}${list.length > 6 ? ', …' : ''}): say which one is the guest's (--vf N${list.some((c) => c.adapter !== list[0]!.adapter) ? ' --adapter NAME' : ''})`,
  );
  error.choices = list;
  throw error;
}

/** The guest's clock against the host's, from the VF's setup (see the file's comment). */
function estimateOffset(host: RawEvent[], guest: RawEvent[], vf: { adapter: string; vf: string }): number | undefined {
  const added = guest.find((ev) => ev.attrs.guest === 'slot-added' && ev.time !== undefined);
  if (!added) return undefined;
  const setupOids = ['OID_RECEIVE_FILTER_MOVE_FILTER', 'OID_NIC_SWITCH_CREATE_VPORT'];
  for (const oid of setupOids) {
    // The last such setup request of the VF (a MOVE_FILTER to a VPort other than the default one).
    const steps = host.filter(
      (ev) =>
        ev.kind === 'request' &&
        ev.oid === oid &&
        ev.adapter === vf.adapter &&
        ev.ids.vf === vf.vf &&
        ev.time !== undefined &&
        (oid !== 'OID_RECEIVE_FILTER_MOVE_FILTER' || (ev.ids.to !== undefined && ev.ids.to !== '0')),
    );
    const last = steps[steps.length - 1];
    if (last) return last.time! + 1 - added.time!;
  }
  return undefined;
}

export function correlate(hostFile: CorrelateFile, guestFile: CorrelateFile, options: CorrelateOptions = {}): Correlation {
  const host = read(hostFile, 0, options);
  const guest = read(guestFile, 1, options);
  const guestEvents = guest.events.filter(isGuest);
  if (guestEvents.length === 0) throw new CorrelationError(`${guestFile.name} holds no guest VF events (hv_netvsc / hv_pci lines, or VSC / NETVSC / VF lifecycle lines)`);
  const vf = hostVfOf(host.events, options);

  let offsetMs = options.offsetMs;
  let offsetFrom: Correlation['offsetFrom'] = 'given';
  if (offsetMs === undefined) {
    offsetMs = estimateOffset(host.events, guestEvents, vf);
    offsetFrom = 'estimated';
    if (offsetMs === undefined) {
      throw new CorrelationError(
        `the clocks cannot be matched: neither trace shows VF ${vf.vf}'s setup (the host's MOVE_FILTER or CREATE_VPORT and the guest's "VF slot added"); give the guest's clock offset (--clock-offset MS)`,
      );
    }
  }

  // The guest's events on the host's clock and the host's VF; guest lines keep their own slot in attrs.
  for (const ev of guest.events) {
    if (ev.time !== undefined) ev.time += offsetMs;
    if (!isGuest(ev)) continue;
    if (ev.ids.vf !== undefined) ev.attrs = { ...ev.attrs, slot: ev.attrs.slot ?? ev.ids.vf };
    ev.ids = { ...ev.ids, vf: vf.vf };
    ev.adapter = vf.adapter;
  }

  // Merged by time; an event without a time takes the time of the one before it in its file.
  const keyed: Array<{ ev: RawEvent; t: number; order: number }> = [];
  for (const list of [host.events, guest.events]) {
    let t = -Infinity;
    for (const ev of list) {
      if (ev.time !== undefined) t = ev.time;
      keyed.push({ ev, t, order: keyed.length });
    }
  }
  keyed.sort((a, b) => a.t - b.t || a.order - b.order);

  const merged = new Analyzer({ rules: options.rules, stepSlowMs: options.stepSlowMs, dialect: host.dialect, keepEvents: true });
  for (const k of keyed) merged.event(k.ev);
  const result = merged.end(Math.max(host.lines, guest.lines));

  // Each file's suppression comments speak for its own lines.
  const files = [host, guest];
  const diagnostics = result.diagnostics.filter((d) => !files[d.source ?? 0]!.analyzer.suppresses(d));
  for (const e of result.episodes) e.problems = 0;
  for (const d of diagnostics) if (d.episode !== undefined && result.episodes[d.episode]) result.episodes[d.episode]!.problems++;
  attachStepFindings(result.episodes, diagnostics);
  const byLine = (a: Diagnostic, b: Diagnostic) => a.span.line - b.span.line || a.span.column - b.span.column || a.rule.localeCompare(b.rule);
  const forFile = (i: number): Diagnostic[] =>
    [...files[i]!.result.diagnostics.map((d) => ({ ...d, source: i })), ...diagnostics.filter((d) => (d.source ?? 0) === i)].sort(byLine);
  const hostDiagnostics = forFile(0);
  const guestDiagnostics = forFile(1);
  const shift = `${offsetMs >= 0 ? '+' : '-'}${Math.abs(offsetMs) < 10_000 ? `${Math.abs(offsetMs).toFixed(3)} ms` : `${(Math.abs(offsetMs) / 1000).toFixed(6)} s`}`;
  const which = `the guest's VF is ${vf.adapter === 'default' ? '' : `${vf.adapter} `}VF ${vf.vf}`;
  const note =
    offsetFrom === 'given'
      ? `guest clock ${shift} (given); ${which}`
      : `guest clock ${shift}, estimated from VF ${vf.vf}'s setup (the guest's "VF slot added" right after the host's last setup OID); ${which}`;
  return {
    result: { ...result, diagnostics: [...hostDiagnostics, ...guestDiagnostics] },
    host: { name: hostFile.name, dialect: host.dialect, lines: host.lines, diagnostics: hostDiagnostics, reading: host.result.reading },
    guest: { name: guestFile.name, dialect: guest.dialect, lines: guest.lines, diagnostics: guestDiagnostics, reading: guest.result.reading },
    offsetMs,
    offsetFrom,
    vf,
    note,
  };
}
