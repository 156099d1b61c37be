/** An episode as the model holds it while it is open, and what its close leaves. */
import type { DocumentedSequence } from '../catalog/sequences';
import type { Episode, TraceEvent } from '../types';
import type { OrderFindings, Outcome } from './order-check';

export interface EpisodeRecord {
  episode: Episode;
  sequence?: DocumentedSequence;
  /**
   * The episode's events while it is open (and after, when events are kept).
   * Without kept events, only the requests and lifecycle events with a
   * documented step: all that the order check and the checklist read (memory
   * grows with the steps, not the trace). Completions are in `outcomes`.
   */
  events: TraceEvent[];
  /** What the completions of the episode's steps said, in trace order. */
  outcomes: Outcome[];
  /** Index of the episode's first event. */
  firstIndex?: number;
  order?: OrderFindings;
  closed: boolean;
  /** Opened by a Linux guest's line: the VF id is the guest's slot. */
  guest?: boolean;
  /**
   * A guest's switches from the VF at the end of a setup episode, and the
   * episode's last line before them: a boot-time flap if the guest switches
   * back, the start of the VF's removal if a teardown step follows (they move to it).
   */
  tail?: { events: TraceEvent[]; lastLine: number };
}
