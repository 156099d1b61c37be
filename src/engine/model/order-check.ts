/**
 * One check of an episode's events against a documented order, shared by the
 * order rules (teardown-order, setup-order, teardown-missing-step), the episode
 * checklist and the diagrams: which step came too early, which never came.
 */
import type { DocumentedSequence } from '../catalog/sequences';
import { guestStep } from '../dialects/linux-guest';
import type { StatusValue, TraceEvent } from '../types';
import { none } from './lists';

export interface PrematureStep {
  event: TraceEvent;
  /** The documented predecessor that appears later in the trace. */
  shouldFollow: TraceEvent;
}

export interface MissingStep {
  stepId: string;
  /** The last attempt at the step that failed before `at`, when there was one. */
  failed?: TraceEvent;
  /** The first step present after the gap: where the absence shows. */
  at: TraceEvent;
  /** The step present before the gap: the evidence that the run was under way. */
  after: TraceEvent;
}

export interface OrderFindings {
  premature: PrematureStep[];
  missing: MissingStep[];
  /** The requests among the events whose completion failed (the checklist reads them too). */
  failed: Set<number>;
}

/**
 * What an episode keeps of a completion: all that its order check and its
 * checklist read. An open episode holds this, not the completion's event.
 */
export interface Outcome {
  /** The completion's event index. */
  index: number;
  /** The request it answers (event index). */
  request: number;
  time?: number;
  status?: StatusValue;
}

/** The outcome of a completion that answers a request; undefined for any other event. */
export function outcomeOf(ev: TraceEvent): Outcome | undefined {
  if (ev.kind !== 'completion' || ev.pair === undefined) return undefined;
  return { index: ev.index, request: ev.pair, time: ev.time, status: ev.status };
}

/**
 * The requests whose completion failed. A step is done when its request
 * completed successfully, or was issued and the trace shows no failure for it.
 */
export function failedRequests(outcomes: readonly Outcome[]): Set<number> {
  const failed = new Set<number>();
  for (const o of outcomes) {
    if (o.status && !o.status.ok && !o.status.pending) failed.add(o.request);
  }
  return failed;
}

/**
 * `events` are the episode's events in trace order, `failed` the requests among
 * them whose completion failed. Only requests and lifecycle events fulfil steps
 * (completions belong to their request); a request that failed fulfils none:
 * what the order needs after it is still missing. Two steps both read from a
 * Linux guest's log are not compared here: several guest lines share a step
 * (I5, I6) and the guest's finer order is `guest-order`'s to check.
 */
export function checkOrder(sequence: DocumentedSequence, events: readonly TraceEvent[], failed: Set<number>): OrderFindings {
  const { ordered, rank } = orderOf(sequence);
  // Every attempt at each step, and those that did not fail (a list only for a step that has one).
  const byStep: Array<TraceEvent[] | undefined> = new Array<TraceEvent[] | undefined>(ordered.length);
  const doneByStep: Array<TraceEvent[] | undefined> = new Array<TraceEvent[] | undefined>(ordered.length);
  for (const ev of events) {
    if (ev.kind === 'completion' || ev.step === undefined) continue;
    const r = rank.get(ev.step);
    if (r === undefined) continue;
    (byStep[r] ??= []).push(ev);
    if (!failed.has(ev.index)) (doneByStep[r] ??= []).push(ev);
  }

  // Issued before an earlier step was: premature, whatever either's outcome.
  const premature: PrematureStep[] = [];
  for (let k = 1; k < ordered.length; k++) {
    for (const ev of byStep[k] ?? none<TraceEvent>()) {
      // The nearest documented predecessor with an occurrence after this event.
      const guest = guestStep(ev) !== undefined;
      for (let j = k - 1; j >= 0; j--) {
        const later = firstAfter(byStep[j] ?? none<TraceEvent>(), ev.index, guest);
        if (later) {
          premature.push({ event: ev, shouldFollow: later });
          break;
        }
      }
    }
  }

  // A required step never done (absent, or only failed) between a step done before it and one attempted after it.
  const missing: MissingStep[] = [];
  for (let j = 1; j < ordered.length - 1; j++) {
    if (ordered[j]!.optional || doneByStep[j] !== undefined) continue;
    let before: TraceEvent | undefined;
    for (let i = j - 1; i >= 0 && !before; i--) before = doneByStep[i]?.[0];
    let at: TraceEvent | undefined;
    for (let k = j + 1; k < ordered.length && !at; k++) at = byStep[k]?.[0];
    if (!at) continue;
    // A failed attempt at the step is evidence too: the run was under way.
    const attempt = (byStep[j] ?? none<TraceEvent>()).filter((e) => e.index < at.index).pop();
    const after = before && before.index < at.index ? before : attempt;
    if (after) missing.push({ stepId: ordered[j]!.id, at, after, ...(attempt ? { failed: attempt } : {}) });
  }
  return { premature, missing, failed };
}

/** A sequence's ordered steps and each one's rank: made once per sequence, not once per episode. */
const ORDERS = new WeakMap<DocumentedSequence, { ordered: DocumentedSequence['steps']; rank: Map<string, number> }>();
function orderOf(sequence: DocumentedSequence) {
  let o = ORDERS.get(sequence);
  if (!o) {
    const ordered = sequence.steps.filter((s) => s.ordered);
    ORDERS.set(sequence, (o = { ordered, rank: new Map(ordered.map((s, i) => [s.id, i])) }));
  }
  return o;
}

/**
 * The first event after `index` in a list in trace order (not a guest's, when
 * `skipGuest`): a binary search, so that an episode repeating a step many times
 * is checked in n log n, not n².
 */
function firstAfter(events: readonly TraceEvent[], index: number, skipGuest: boolean): TraceEvent | undefined {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.index > index) hi = mid;
    else lo = mid + 1;
  }
  while (skipGuest && lo < events.length && guestStep(events[lo]!) !== undefined) lo++;
  return events[lo];
}
