/**
 * Which documented step an event fulfils, read from the catalog's sequences
 * (the one table of steps): a step names its OID or lifecycle verbs, and for
 * the steps on a VF's VPort which id is that VPort. VPort 0 is the PF's
 * default VPort, so an event whose operand is VPort 0 is never a VF's step.
 */
import { SEQUENCES, type SequenceId, type SequenceStep } from '../catalog/sequences';
import type { TraceEvent } from '../types';

interface Candidate {
  step: SequenceStep;
  sequence: SequenceId;
}

const byOid = new Map<string, Candidate[]>();
const byVerb = new Map<string, Candidate[]>();
const sequenceOfStep = new Map<string, SequenceId>();
for (const sequence of SEQUENCES) {
  for (const step of sequence.steps) {
    if (!sequenceOfStep.has(step.id)) sequenceOfStep.set(step.id, sequence.id);
    if (step.adapterLevel) continue;
    const c = { step, sequence: sequence.id };
    if (step.oid) push(byOid, step.oid, c);
    for (const verb of [step.verb, ...(step.moreVerbs ?? [])]) if (verb) push(byVerb, verb, c);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A data path switch that did not happen (`err=`: "Data path failed to switch"). */
export function failedSwitch(ev: TraceEvent): boolean {
  return ev.verb === 'DATAPATH' && ev.attrs.err !== undefined;
}

/** The PF miniport's own halt (no VF named): the adapter's, not a VF's. */
export function isPfHalt(ev: TraceEvent): boolean {
  return ev.kind === 'lifecycle' && ev.verb === 'HALT' && ev.actor === 'PF' && ev.ids.vf === undefined;
}

/**
 * Lifecycle events that fulfil no step though their verb names one: a switch
 * that failed, an extension's REMOVE_VF indication (it starts the failover,
 * before G1), the PF's own halt.
 */
function noStep(ev: TraceEvent): boolean {
  return failedSwitch(ev) || (ev.verb === 'NOTIFY' && ev.attrs.indication !== undefined) || isPfHalt(ev);
}

/**
 * How well an OID request fits a step on a VF's VPort: 2 when its operand
 * names a non-default VPort, 1 when only the other end of a move is named and
 * is the default VPort, 0 when the event names neither, -1 when it cannot be
 * this step (its operand is VPort 0).
 */
function fit(step: SequenceStep, ev: TraceEvent): number {
  if (!step.vportOperand) return 0;
  const operand = ev.ids[step.vportOperand];
  if (operand === '0') return -1;
  if (operand !== undefined) return 2;
  if (step.defaultEnd !== undefined && ev.ids[step.defaultEnd] === '0') return 1;
  return 0;
}

/**
 * The step of a request or lifecycle event. `vfKnown`: the event's VF is known
 * (by id, VPort or filter); `episodeSequence`: the documented sequence the VF's
 * open episode follows, which settles a filter move that names neither end.
 */
export function classifyStep(ev: TraceEvent, vfKnown: boolean, episodeSequence: SequenceId | undefined): string | undefined {
  if (ev.kind === 'completion') return undefined;
  if (ev.kind === 'lifecycle') {
    if (noStep(ev)) return undefined;
    for (const c of byVerb.get(ev.verb) ?? []) {
      if (ev.verb === 'DATAPATH' && c.step.path !== ev.attrs.path) continue;
      return c.step.id;
    }
    return undefined;
  }
  if (ev.oid === undefined) return undefined;
  let best: Candidate | undefined;
  let bestFit = -1;
  let tied: Candidate[] = [];
  for (const c of byOid.get(ev.oid) ?? []) {
    if (c.step.needsVf && !vfKnown) continue;
    const f = fit(c.step, ev);
    if (f < 0) continue;
    if (f > bestFit) {
      best = c;
      bestFit = f;
      tied = [c];
    } else if (f === bestFit) tied.push(c);
  }
  // Neither end named (a move the driver logged without VPorts): the VF's story so far tells.
  if (bestFit === 0 && tied.length > 1) {
    best = tied.find((c) => c.sequence === episodeSequence) ?? tied.find((c) => c.sequence === 'vf-setup') ?? best;
  }
  return best?.step.id;
}

/**
 * Whether an event moves a VF's story towards its teardown or its setup: the
 * sequence of the step it fulfils, or for lifecycle verbs the sequence they
 * belong to (an indication that starts the failover is the teardown's though
 * it fulfils no step).
 */
export function phaseOf(ev: TraceEvent): 'teardown' | 'setup' | undefined {
  let sequence: SequenceId | undefined;
  if (ev.kind === 'lifecycle') {
    if (failedSwitch(ev)) return undefined;
    const c = (byVerb.get(ev.verb) ?? []).find((x) => ev.verb !== 'DATAPATH' || x.step.path === ev.attrs.path);
    sequence = c?.sequence;
  } else if (ev.kind !== 'completion' && ev.step !== undefined) {
    sequence = sequenceOfStep.get(ev.step);
  }
  return sequence === 'vf-teardown' ? 'teardown' : sequence === 'vf-setup' ? 'setup' : undefined;
}
