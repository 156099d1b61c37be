/**
 * Episodes -> Mermaid `sequenceDiagram` text: one implementation, used by the
 * CLI's `oidtrace diagram` and by the preview webview.
 *
 * Participants in a fixed, readable order; each message labelled with its step
 * (T1–T4, I1–I6), OID short name, ids and status; a step that came too early in
 * a highlighted rect with a note naming the step it should follow; documented
 * steps that never came as notes; failures and pending requests marked. Long
 * episodes are paged: Mermaid is never handed thousands of messages at once.
 */
import { actorOrder, actorTitle } from '../catalog/actors';
import { errnoOf } from '../catalog/errno';
import { shortOidName } from '../catalog/oids';
import { guestStep, guestText } from '../dialects/linux-guest';
import { sequenceById, type DocumentedSequence, type SequenceId } from '../catalog/sequences';
import type { Diagnostic, Episode, EventIds, TraceEvent } from '../types';
import { elapsedMs } from '../dialects/time';
import { mermaidText } from './escape';
import { clip } from '../text/clip';

export const DEFAULT_PAGE_SIZE = 200;
/** Rules about a step in the wrong place: highlighted, not marked as a failure. */
const ORDER_RULES = new Set(['teardown-order', 'setup-order', 'guest-order']);
/** The info-level findings worth a note in the diagram: how long a step or a removal took. */
const INFO_NOTES = new Set(['step-slow', 'surprise-removal']);

export interface DiagramOptions {
  /** 0-based page of a long episode. */
  page?: number;
  pageSize?: number;
  /** Fill of the rect around a highlighted (out-of-order) step. */
  highlight?: string;
  /** Fill of the rect around a failed or erroneous step. */
  failure?: string;
  /**
   * Draw the documented order over the trace: a step that never came, or came too
   * early, as a dotted "ghost" arrow where the documented sequence puts it. Without
   * it, missing steps are notes at the end.
   */
  documented?: boolean;
  /** Start each message's label with its time of day (10:41:07.110). */
  times?: boolean;
}

/** A problem note's text is shortened to this many characters; the whole message is in the element's title. */
export const NOTE_MAX = 96;

/** What a drawn element stands for, in drawing order, so a click can reveal its line. */
export interface DiagramElement {
  kind: 'message' | 'note';
  line: number;
  event?: number;
  /** In a correlation: the file the line is in. */
  source?: number;
  /** What a tooltip shows: the whole text (a note's full message, a message's line and time). */
  title?: string;
  /** A documented step drawn where it should have come (its id), not an event of the trace. */
  ghost?: string;
}

export interface EpisodeDiagram {
  text: string;
  page: number;
  pages: number;
  /** Messages and notes in the order Mermaid draws them. */
  elements: DiagramElement[];
}

export interface DiagramInput {
  episode: Episode;
  /** The episode's events (or all events; only the episode's are drawn). */
  events: readonly TraceEvent[];
  /** Diagnostics of the trace; those on the episode's events are drawn. */
  diagnostics: readonly Diagnostic[];
}

function idsLabel(ids: EventIds): string {
  const parts: string[] = [];
  if (ids.vf !== undefined) parts.push(`VF ${ids.vf}`);
  if (ids.vport !== undefined) parts.push(`VPort ${ids.vport}`);
  if (ids.filter !== undefined) parts.push(`filter ${ids.filter}`);
  if (ids.from !== undefined || ids.to !== undefined) parts.push(`VPort ${ids.from ?? '?'}→${ids.to ?? '?'}`);
  if (ids.switch !== undefined && parts.length === 0) parts.push(`switch ${ids.switch}`);
  return parts.join(', ');
}

function latency(req: TraceEvent | undefined, comp: TraceEvent): string {
  const ms = elapsedMs(req?.time, comp.time);
  if (ms === undefined) return '';
  return ms >= 1000 ? ` (${(ms / 1000).toFixed(2)} s)` : ` (${ms.toFixed(ms >= 10 ? 0 : 1)} ms)`;
}

function messageLabel(ev: TraceEvent, request: TraceEvent | undefined): string {
  const guest = guestText(ev);
  if (guest !== undefined) {
    // A Linux guest's line in its own words, with its place in the documented sequence.
    const errno = ev.attrs.err !== undefined ? errnoOf(ev.attrs.err)?.name : undefined;
    return `${ev.step ? ev.step + ' ' : ''}${guest}${errno ? ` (${errno})` : ''}`;
  }
  if (ev.kind === 'lifecycle') {
    const ids = idsLabel(ev.ids);
    const path = ev.attrs.path ? ` path=${ev.attrs.path}` : '';
    const indication = ev.attrs.indication ? ` ${ev.attrs.indication.replace(/^NDIS_STATUS_/, '')}` : '';
    return `${ev.step ? ev.step + ' ' : ''}${ev.verb}${indication}${path}${ids ? ' ' + ids : ''}`;
  }
  const name = ev.oid ? shortOidName(ev.oid) : ev.verb;
  const wrapped = ev.attrs.wrappedIn ? ' (wrapped)' : '';
  if (ev.kind === 'completion') {
    const st = ev.status;
    const mark = !st || st.ok ? '✓' : '✗';
    const status = st ? ' ' + st.name.replace(/^NDIS_STATUS_/, '') : '';
    return `${mark} ${name}${status}${latency(request, ev)}`;
  }
  const ids = idsLabel(ev.ids);
  return `${ev.step ? ev.step + ' ' : ''}${name}${ids ? ' ' + ids : ''}${wrapped}`;
}

/** A participant's title: a Linux guest's VF is its driver (mlx5_core), not a miniport. */
function participantTitle(name: string, events: readonly TraceEvent[]): string {
  if (name !== 'VF' || !events.some((ev) => guestStep(ev) !== undefined)) return actorTitle(name);
  const driver = events.find((ev) => ev.attrs.driver !== undefined)?.attrs.driver;
  return driver ? `VF driver (${clip(driver)})` : 'VF driver';
}

/** Safe participant ids; aliases carry the readable titles. */
function participants(events: readonly TraceEvent[], extra: readonly string[] = []): Map<string, string> {
  const names = new Set<string>(extra);
  for (const ev of events) {
    names.add(ev.actor);
    if (ev.target) names.add(ev.target);
  }
  const ordered = [...names].sort((a, b) => actorOrder(a) - actorOrder(b) || a.localeCompare(b));
  return new Map(ordered.map((name, i) => [name, `P${i}`]));
}

/** The events an episode's diagram draws, in drawing order. */
function drawnEvents(input: DiagramInput): TraceEvent[] {
  const { episode } = input;
  const members = new Set(episode.events);
  const events = input.events.filter((ev) => members.has(ev.index) || ev.episode === episode.index);
  return events.sort((a, b) => a.index - b.index);
}

/**
 * The pages (0-based, ascending, each once) that hold a problem: a message with an error
 * or a warning on it, or a failed completion. A long episode opens on the first.
 */
export function problemPages(input: DiagramInput, pageSize = DEFAULT_PAGE_SIZE): number[] {
  const size = Math.max(1, pageSize);
  const flagged = new Set<number>();
  for (const d of input.diagnostics) if (d.event !== undefined && d.severity !== 'info') flagged.add(d.event);
  const pages = new Set<number>();
  drawnEvents(input).forEach((ev, k) => {
    if (flagged.has(ev.index) || (ev.kind === 'completion' && ev.status !== undefined && !ev.status.ok)) pages.add(Math.floor(k / size));
  });
  return [...pages].sort((a, b) => a - b);
}

export function episodeDiagram(input: DiagramInput, options: DiagramOptions = {}): EpisodeDiagram {
  const { episode } = input;
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const highlight = options.highlight ?? 'rgba(255, 170, 0, 0.22)';
  const failure = options.failure ?? 'rgba(230, 60, 60, 0.18)';
  const byIndex = new Map<number, TraceEvent>();
  for (const ev of input.events) byIndex.set(ev.index, ev);
  const events = drawnEvents(input);

  const pages = Math.max(1, Math.ceil(events.length / pageSize));
  const page = Math.min(Math.max(0, options.page ?? 0), pages - 1);
  const shown = events.slice(page * pageSize, (page + 1) * pageSize);

  const problems = new Map<number, Diagnostic[]>();
  for (const d of input.diagnostics) {
    if (d.event === undefined) continue;
    const list = problems.get(d.event) ?? [];
    list.push(d);
    problems.set(d.event, list);
  }

  const ghosts = options.documented ? ghostSteps(episode, byIndex) : [];
  const ids = participants(
    events,
    ghosts.flatMap((g) => [g.from, g.to]),
  );
  const lines: string[] = ['sequenceDiagram'];
  const elements: DiagramElement[] = [];
  for (const [name, id] of ids) lines.push(`  participant ${id} as ${mermaidText(participantTitle(name, events))}`);
  const first = ids.values().next().value;
  const last = [...ids.values()].pop();
  const span = first === undefined ? '' : first === last ? first : `${first},${last}`;

  if (pages > 1) {
    lines.push(`  Note over ${span}: page ${page + 1} of ${pages} (messages ${page * pageSize + 1}–${page * pageSize + shown.length} of ${events.length})`);
    elements.push({ kind: 'note', line: shown[0]?.line ?? episode.firstLine });
  }

  const drawGhost = (g: Ghost) => {
    lines.push(`  ${ids.get(g.from)!}--)${ids.get(g.to)!}: ${mermaidText(g.label)}`);
    elements.push({ kind: 'message', line: g.line, ghost: g.step, title: g.title, ...(g.source !== undefined ? { source: g.source } : {}) });
  };
  // A ghost whose documented place is before the first event shown on the first page.
  if (page === 0) for (const g of ghosts) if (g.after === undefined) drawGhost(g);

  // The longest label between each pair of participants: Mermaid spaces them so it fits,
  // and a note over the pair is at least that wide.
  const spanLabel = new Map<string, number>();
  for (const ev of shown) {
    const a = ids.get(ev.actor)!;
    const b = ev.target !== undefined ? ids.get(ev.target)! : a;
    const k = pairKey(a, b);
    const n = messageLabel(ev, ev.kind === 'completion' && ev.pair !== undefined ? byIndex.get(ev.pair) : undefined).length + (options.times ? 13 : 0);
    if (n > (spanLabel.get(k) ?? 0)) spanLabel.set(k, n);
  }

  for (const ev of shown) {
    const from = ids.get(ev.actor)!;
    const to = ev.target !== undefined ? ids.get(ev.target)! : from;
    const request = ev.kind === 'completion' && ev.pair !== undefined ? byIndex.get(ev.pair) : undefined;
    const failed = ev.kind === 'completion' && ev.status !== undefined && !ev.status.ok;
    const diags = problems.get(ev.index) ?? [];
    const worst = diags.find((d) => d.severity === 'error') ?? diags.find((d) => d.severity === 'warning');
    const boxed = worst !== undefined || failed;
    const fill = worst && ORDER_RULES.has(worst.rule) ? highlight : failure;
    if (boxed) lines.push(`  rect ${fill}`);
    const arrow = ev.kind === 'completion' ? (failed ? '--x' : '-->>') : ev.kind === 'lifecycle' ? '-)' : '->>';
    const at = options.times && ev.time !== undefined ? `${timeOfDay(ev.time)} ` : '';
    const label = at + messageLabel(ev, request);
    lines.push(`  ${from}${arrow}${to}: ${mermaidText(label)}`);
    elements.push({ kind: 'message', line: ev.line, event: ev.index, title: messageTitle(ev), ...(ev.source !== undefined ? { source: ev.source } : {}) });
    const noteOver = from === to ? from : `${from},${to}`;
    for (const d of diags) {
      if (d.severity === 'info' && !INFO_NOTES.has(d.rule)) continue;
      const short = d.note ?? d.message.split(';')[0]!;
      // Broken into lines no longer than the message it sits under (so they fit the box Mermaid
      // draws over that message's span); the whole message is the element's tooltip.
      lines.push(`  Note over ${noteOver}: ${noteText(`⚠ ${d.rule}: ${short}`, (spanLabel.get(pairKey(from, to)) ?? label.length) + 16)}`);
      elements.push({
        kind: 'note',
        line: ev.line,
        event: ev.index,
        title: `${d.rule} (${d.severity}): ${d.message}`,
        ...(ev.source !== undefined ? { source: ev.source } : {}),
      });
    }
    if (boxed) lines.push('  end');
    for (const g of ghosts) if (g.after === ev.index) drawGhost(g);
  }

  // Ghosts whose place is after an event this episode does not draw: at the end.
  if (page === pages - 1) {
    const drawn = new Set(events.map((ev) => ev.index));
    for (const g of ghosts) if (g.after !== undefined && !drawn.has(g.after)) drawGhost(g);
  }

  // Documented steps that never came (on the last page, where the story ends).
  if (page === pages - 1 && span && !options.documented) {
    for (const step of episode.steps) {
      if (step.state !== 'missing') continue;
      const what = step.oid ?? step.title;
      lines.push(`  Note over ${span}: ${mermaidText(`missing: ${step.id} ${what}`)}`);
      elements.push({ kind: 'note', line: episode.lastLine });
    }
  }
  return { text: lines.join('\n') + '\n', page, pages, elements };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

/**
 * A note's text, cut to NOTE_MAX characters and broken between words into lines of at most
 * `width` characters (at least 28, at most 64), each escaped, joined by Mermaid's `<br/>`.
 * Breaking here, not with Mermaid's `wrap`, spares a measurement of the text per word
 * (Mermaid lays out each candidate line in the page: tens of milliseconds per note).
 */
export function noteText(text: string, width: number): string {
  const max = Math.min(64, Math.max(28, width));
  const cut = text.length > NOTE_MAX ? text.slice(0, NOTE_MAX - 1) + '…' : text;
  const out: string[] = [];
  let line = '';
  for (const word of cut
    .replace(/[\r\n\t]+/g, ' ')
    .split(' ')
    .filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out.map((l) => mermaidText(l, NOTE_MAX)).join('<br/>');
}

/** A time of day to the millisecond, from a trace's milliseconds (of the day, or since the epoch). */
export function timeOfDay(ms: number): string {
  const day = ((Math.floor(ms) % 86_400_000) + 86_400_000) % 86_400_000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(day / 3_600_000))}:${two(Math.floor(day / 60_000) % 60)}:${two(Math.floor(day / 1000) % 60)}.${String(day % 1000).padStart(3, '0')}`;
}

function messageTitle(ev: TraceEvent): string {
  const file = ev.source === undefined ? '' : ev.source === 0 ? 'host ' : 'guest ';
  return `${file}line ${ev.line.toLocaleString('en')}${ev.timeText ? ` · ${ev.timeText}` : ''}${ev.oid ? ` · ${ev.oid}` : ''}`;
}

/** A documented step drawn where the sequence puts it (see DiagramOptions.documented). */
interface Ghost {
  step: string;
  from: string;
  to: string;
  label: string;
  title: string;
  /** Drawn after this event (index); undefined: before the first. */
  after?: number;
  /** The line a click reveals: the premature step's own, or where the missing one was due. */
  line: number;
  source?: number;
}

/**
 * The steps to draw as ghosts: each missing step, and each premature one, placed after
 * the last step before it in the documented order that the trace has (its completion
 * when it has one).
 */
function ghostSteps(episode: Episode, byIndex: ReadonlyMap<number, TraceEvent>): Ghost[] {
  if (!episode.sequence) return [];
  const seq = sequenceById(episode.sequence as SequenceId);
  const out: Ghost[] = [];
  episode.steps.forEach((step, k) => {
    if (step.state !== 'missing' && step.state !== 'out-of-order') return;
    const doc = seq.steps.find((s) => s.id === step.id);
    if (!doc) return;
    let after: number | undefined;
    for (let j = k - 1; j >= 0 && after === undefined; j--) {
      const prior = episode.steps[j]!;
      if (prior.state === 'missing' || prior.state === 'not-seen' || prior.event === undefined) continue;
      after = prior.completion ?? prior.event;
    }
    const anchor = after === undefined ? undefined : byIndex.get(after);
    const own = step.event === undefined ? undefined : byIndex.get(step.event);
    const what = `${step.id} ${step.oid ? shortOidName(step.oid) : (step.verb ?? step.title)}`;
    const premature = step.state === 'out-of-order';
    const source = (premature ? own : anchor)?.source;
    out.push({
      step: step.id,
      from: doc.from,
      to: doc.to,
      label: premature ? `… ${what}: documented place (came at line ${own?.line ?? '?'})` : `… ${what}: missing, due here`,
      title: premature
        ? `${step.title}: the documented order puts it here; the trace has it earlier, at line ${own?.line ?? '?'}`
        : `${step.title}: never came; the documented order puts it here`,
      ...(after !== undefined ? { after } : {}),
      line: (premature ? own?.line : anchor?.line) ?? episode.lastLine,
      ...(source !== undefined ? { source } : {}),
    });
  });
  return out;
}

/** The documented sequence itself, drawn the same way, for side-by-side comparison. */
export function referenceDiagram(id: SequenceId | DocumentedSequence): string {
  const seq = typeof id === 'string' ? sequenceById(id) : id;
  const names = new Set<string>();
  for (const s of seq.steps) {
    names.add(s.from);
    names.add(s.to);
  }
  const ordered = [...names].sort((a, b) => actorOrder(a) - actorOrder(b));
  const ids = new Map(ordered.map((n, i) => [n, `P${i}`]));
  const lines = ['sequenceDiagram'];
  for (const [name, pid] of ids) lines.push(`  participant ${pid} as ${mermaidText(actorTitle(name))}`);
  for (const s of seq.steps) {
    const label = `${s.id} ${s.oid ? shortOidName(s.oid) : s.verb}${s.optional ? ' (optional)' : ''}`;
    const from = ids.get(s.from)!;
    const to = ids.get(s.to)!;
    lines.push(`  ${from}${s.oid ? '->>' : '-)'}${to}: ${mermaidText(label)}`);
    if (s.oid) lines.push(`  ${to}-->>${from}: ✓ ${mermaidText(shortOidName(s.oid))}`);
  }
  return lines.join('\n') + '\n';
}
