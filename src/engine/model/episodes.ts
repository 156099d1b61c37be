/**
 * Episodes: each VF's story cut where it moves on (a teardown, a new setup),
 * the NIC switch's story per adapter, and a Linux guest's lines before its VF
 * had a slot. An episode closes when its VF's next story opens or the trace
 * ends; then its order is checked and its checklist made.
 */
import { SWITCH_LIFECYCLE, VF_SETUP, VF_TEARDOWN } from '../catalog/sequences';
import { guestStep } from '../dialects/linux-guest';
import { elapsedMs } from '../dialects/time';
import type { Episode, EpisodeKind, EpisodeStep, TraceEvent } from '../types';
import type { EpisodeRecord } from './episode-record';
import { append, none } from './lists';
import { checkOrder, failedRequests, outcomeOf, type Outcome } from './order-check';
import { isPfHalt, phaseOf } from './steps';
import { vfOf, type AdapterState, type TraceState, type VfState } from './state';

export interface EpisodeOptions {
  keepEvents: boolean;
  /** Closed episodes stay in `episodes`; off, only the open ones are held. */
  keepEpisodes: boolean;
  onEpisodeClosed: (record: EpisodeRecord) => void;
}

/** Guest steps that happen once per VF arrival: a second one in a setup episode is the VF arriving again. */
const GUEST_ARRIVAL = new Set(['slot-added', 'pci-probe', 'registering', 'joined']);

/** The episode holds an allocation of its VF that did not fail: another one is the VF's next life, not a retry. */
function allocatedIn(rec: EpisodeRecord): boolean {
  const failed = failedRequests(rec.outcomes);
  return rec.events.some((e) => e.step === 'I2' && e.kind !== 'completion' && !failed.has(e.index));
}

/** "pf0 · VF 2 teardown", "pf0 · NIC switch". */
function titleOf(rec: EpisodeRecord): string {
  const e = rec.episode;
  const where = e.adapter === 'default' ? '' : `${e.adapter} · `;
  const what = e.kind === 'vf-teardown' ? ' teardown' : e.kind === 'vf-setup' ? ' setup' : '';
  const vf = e.vf === undefined ? '(slot not yet known)' : `${rec.guest ? 'slot ' : ''}${e.vf}`;
  // Joined, one flat string: a template literal keeps a tree of its pieces (32 bytes more per kept episode).
  return e.kind === 'switch' ? [where, 'NIC switch'].join('') : [where, 'VF ', vf, what].join('');
}

function inIndexOrder(events: readonly TraceEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1]!.index > events[i]!.index) return false;
  return true;
}

export class Episodes {
  /** Every episode, when episodes are kept. */
  readonly all: EpisodeRecord[] = [];
  /** The open episodes, by index, oldest first. */
  private readonly open = new Map<number, EpisodeRecord>();
  count = 0;

  constructor(
    private readonly state: TraceState,
    private readonly options: EpisodeOptions,
    private readonly eventAt: (index: number) => TraceEvent | undefined,
  ) {}

  /** Put the event in its episode, opening or closing episodes as the story moves on. */
  place(adapter: AdapterState, ev: TraceEvent): void {
    if (ev.kind === 'completion' && ev.pair !== undefined) {
      const req = this.eventAt(ev.pair);
      if (req?.episode !== undefined) {
        const rec = this.open.get(req.episode);
        if (rec) return this.add(rec, ev);
      }
    }
    const vfId = isPfHalt(ev) ? undefined : vfOf(adapter, ev.ids);
    const guest = guestStep(ev);
    if (vfId === undefined && guest === undefined) return this.placeInSwitchEpisode(adapter, ev);
    if (ev.oid === 'OID_NIC_SWITCH_CREATE_SWITCH' || ev.oid === 'OID_NIC_SWITCH_DELETE_SWITCH') return this.placeInSwitchEpisode(adapter, ev);
    // A guest's line before its slot is known: the story of the adapter's VF-to-be.
    let story: { episode?: EpisodeRecord };
    if (guest !== undefined) this.claimOrphans(adapter);
    if (vfId === undefined) {
      story = adapter.slotless ??= { chain: [] };
    } else {
      const vf = this.state.vf(adapter, vfId);
      if (guest !== undefined) this.adoptSlotless(adapter, vf);
      story = vf;
    }
    const cur = story.episode && !story.episode.closed ? story.episode : undefined;
    const phase = phaseOf(ev);
    let target = cur;
    if (guest === 'vf-down' && cur?.episode.kind === 'vf-setup') {
      // 4.x kernels announce the switch from the VF ("VF down") on the line before it: part of the same tail.
      cur.tail ??= { events: [], lastLine: cur.episode.lastLine };
      this.add(cur, ev);
      cur.tail.events.push(ev);
      return;
    }
    if (phase === 'teardown') {
      if (guest === 'switched-from-vf' && cur?.episode.kind === 'vf-setup') {
        // Flap or removal: the next events tell. Until then it stays in the setup.
        cur.tail ??= { events: [], lastLine: cur.episode.lastLine };
        this.add(cur, ev);
        cur.tail.events.push(ev);
        return;
      }
      if (!cur || cur.episode.kind === 'vf-setup') target = this.openEpisode(adapter, 'vf-teardown', vfId, ev);
      else if (cur.episode.kind === 'vf') this.retitle(cur, 'vf-teardown');
    } else if (phase === 'setup') {
      const restart =
        (ev.step === 'I2' && cur !== undefined && allocatedIn(cur)) ||
        (guest !== undefined && GUEST_ARRIVAL.has(guest) && cur?.events.some((e) => guestStep(e) === guest));
      if (!cur || cur.episode.kind === 'vf-teardown' || restart) target = this.openEpisode(adapter, 'vf-setup', vfId, ev);
      else if (cur.episode.kind === 'vf') this.retitle(cur, 'vf-setup');
    } else if (!cur) {
      target = this.openEpisode(adapter, 'vf', vfId, ev);
    }
    if (target !== cur && cur) {
      // The guest switched from the VF and then it went: those switches begin the teardown.
      if (cur.tail && target!.episode.kind === 'vf-teardown') this.moveTail(cur, target!);
      this.close(cur);
    }
    if (target === cur) cur!.tail = undefined;
    story.episode = target;
    if (vfId === undefined && target !== cur) adapter.slotless!.chain.push(target!);
    this.add(target!, ev);
  }

  /** The sequence the VF's open episode follows, if any. */
  openSequenceOf(vf: VfState | undefined) {
    return vf?.episode && !vf.episode.closed ? vf.episode.sequence?.id : undefined;
  }

  /**
   * The episodes so far, for a snapshot: closed ones as they are, open ones as
   * copies with the events they have so far (their checklist comes when they close).
   */
  soFar(): Episode[] {
    return this.all.map((rec) =>
      rec.closed ? rec.episode : { ...rec.episode, title: titleOf(rec), events: this.options.keepEvents ? rec.events.map((x) => x.index).sort((a, b) => a - b) : [] },
    );
  }

  /** Closes every open episode: the end of the trace. */
  finish(): void {
    for (const rec of [...this.open.values()]) this.close(rec);
  }

  /**
   * Lines of a device the log had not named yet (a PCI probe before any
   * hv_netvsc line) are the story of the first guest adapter that follows.
   */
  private claimOrphans(adapter: AdapterState): void {
    if (adapter.name === 'default' || adapter.slotless?.chain.length) return;
    const owner = this.state.find('default');
    const story = owner?.slotless;
    if (!story?.chain.length) return;
    owner!.slotless = undefined;
    adapter.slotless = story;
    for (const rec of story.chain) {
      rec.episode.adapter = adapter.name;
      this.retitle(rec, rec.episode.kind);
      for (const e of rec.events) e.adapter = adapter.name;
    }
  }

  /**
   * The slot is known now: the story told before it is that VF's. Its episodes
   * take the slot's name; the one still open becomes the VF's (unless the VF has
   * a story open already).
   */
  private adoptSlotless(adapter: AdapterState, vf: VfState): void {
    const story = adapter.slotless;
    if (!story?.chain.length) return;
    adapter.slotless = undefined;
    for (const rec of story.chain) {
      rec.episode.vf = vf.vf;
      this.retitle(rec, rec.episode.kind);
    }
    const open = story.episode && !story.episode.closed ? story.episode : undefined;
    if (!open) return;
    if (vf.episode && !vf.episode.closed) return this.close(open);
    vf.episode = open;
  }

  private moveTail(from: EpisodeRecord, to: EpisodeRecord): void {
    const moved = new Set(from.tail!.events);
    from.events = from.events.filter((e) => !moved.has(e));
    from.episode.lastLine = from.tail!.lastLine;
    from.tail = undefined;
    for (const e of moved) this.add(to, e);
  }

  private placeInSwitchEpisode(adapter: AdapterState, ev: TraceEvent): void {
    let rec = adapter.switchEpisode && !adapter.switchEpisode.closed ? adapter.switchEpisode : undefined;
    if (ev.oid === 'OID_NIC_SWITCH_CREATE_SWITCH' && ev.kind !== 'completion' && rec?.events.some((e) => e.step === 'S1' || e.step === 'S2')) {
      this.close(rec);
      rec = undefined;
    }
    if (!rec) {
      rec = this.openEpisode(adapter, 'switch', undefined, ev);
      adapter.switchEpisode = rec;
    }
    this.add(rec, ev);
  }

  private openEpisode(adapter: AdapterState, kind: EpisodeKind, vf: string | undefined, first: TraceEvent): EpisodeRecord {
    const episode: Episode = {
      index: this.count++,
      kind,
      adapter: adapter.name,
      vf,
      title: '',
      // Its first event comes next (`add`); a whole number here keeps the field a small integer.
      firstLine: first.line,
      lastLine: first.line,
      // Filled in when it closes; until then the shared empty lists (an open episode is read, never written).
      events: none<number>(),
      steps: none<EpisodeStep>(),
      problems: 0,
      sequence: undefined,
    };
    // Fields set soon after, in the literal: a field added later costs more per open episode.
    const rec: EpisodeRecord = {
      episode,
      events: none<TraceEvent>(),
      outcomes: none<Outcome>(),
      closed: false,
      sequence: undefined,
      firstIndex: undefined,
    };
    if (guestStep(first) !== undefined) rec.guest = true;
    this.retitle(rec, kind);
    this.open.set(episode.index, rec);
    if (this.options.keepEpisodes) this.all.push(rec);
    return rec;
  }

  /** The episode's kind and the sequence it is checked against; its title when it is closed (an open one's is made when read: `soFar`, `close`). */
  private retitle(rec: EpisodeRecord, kind: EpisodeKind): void {
    const e = rec.episode;
    e.kind = kind;
    if (rec.closed && this.options.keepEpisodes) e.title = titleOf(rec);
    rec.sequence = kind === 'vf-teardown' ? VF_TEARDOWN : kind === 'vf-setup' ? VF_SETUP : kind === 'switch' ? SWITCH_LIFECYCLE : undefined;
    e.sequence = rec.sequence?.id;
  }

  private add(rec: EpisodeRecord, ev: TraceEvent): void {
    ev.episode = rec.episode.index;
    if (rec.firstIndex === undefined || ev.index < rec.firstIndex) rec.firstIndex = ev.index;
    // A step's completion is kept as its outcome: a few numbers, not the event.
    const outcome = ev.step === undefined ? undefined : outcomeOf(ev);
    if (outcome) rec.outcomes = append(rec.outcomes, outcome);
    if (this.options.keepEvents || (ev.step !== undefined && !outcome)) rec.events = append(rec.events, ev);
    const e = rec.episode;
    if (ev.line < e.firstLine) e.firstLine = ev.line;
    if (ev.line > e.lastLine) e.lastLine = ev.line;
  }

  private close(rec: EpisodeRecord): void {
    if (rec.closed) return;
    rec.closed = true;
    this.open.delete(rec.episode.index);
    // Titled for those who read the episode: no one, when episodes are not kept.
    if (this.options.keepEpisodes) rec.episode.title = titleOf(rec);
    if (!inIndexOrder(rec.events)) rec.events.sort((a, b) => a.index - b.index);
    const e = rec.episode;
    if (this.options.keepEvents) e.events = rec.events.map((x) => x.index);
    if (rec.sequence) {
      rec.order = checkOrder(rec.sequence, rec.events, failedRequests(rec.outcomes));
      // The checklist too (the rules read `order`).
      if (this.options.keepEpisodes) e.steps = this.checklist(rec);
    }
    this.options.onEpisodeClosed(rec);
    if (!this.options.keepEvents) {
      rec.events = none<TraceEvent>();
      rec.outcomes = none<Outcome>();
    }
    if (!this.options.keepEpisodes) {
      // Nobody reads a closed episode again (its VF keeps it only to know its story moved on): its findings go.
      rec.order = undefined;
    }
  }

  /**
   * Each documented step with what the trace shows of it: the first attempt
   * that did not fail, else the last that did (with its status).
   */
  private checklist(rec: EpisodeRecord): EpisodeStep[] {
    const seq = rec.sequence!;
    const adapter = this.state.find(rec.episode.adapter);
    const premature = new Set(rec.order!.premature.map((p) => p.event.index));
    const missing = new Set(rec.order!.missing.map((m) => m.stepId));
    const failed = rec.order!.failed;
    return seq.steps.map((step) => {
      let ev: TraceEvent | undefined;
      let lastFailed: TraceEvent | undefined;
      for (const x of rec.events) {
        if (x.step !== step.id || x.kind === 'completion') continue;
        if (failed.has(x.index)) lastFailed = x;
        else if (!ev) ev = x;
      }
      ev ??= lastFailed;
      // I1 is the adapter's, not the VF's: the switch creation seen before the setup.
      if (!ev && step.adapterLevel && adapter?.createSwitch && adapter.createSwitch.index < (rec.firstIndex ?? 0)) ev = adapter.createSwitch;
      const out: EpisodeStep = { id: step.id, title: step.title, oid: step.oid, verb: step.verb, optional: step.optional, state: 'not-seen' };
      if (!ev) {
        if (missing.has(step.id)) out.state = 'missing';
        return out;
      }
      out.event = ev.index;
      const completion = ev.pair !== undefined ? (rec.outcomes.find((x) => x.index === ev.pair) ?? this.eventAt(ev.pair)) : undefined;
      if (completion) {
        out.completion = completion.index;
        out.latencyMs = elapsedMs(ev.time, completion.time);
      }
      if (completion?.status && !completion.status.ok) {
        out.state = 'failed';
        out.status = completion.status.name;
      } else if (premature.has(ev.index)) out.state = 'out-of-order';
      // (Without kept events a completion long gone is not at hand: `pair` still says there was one.)
      else if (ev.kind === 'request' && !completion && ev.pair === undefined && ev.method !== 'handled' && adapter?.hasCompletions) out.state = 'pending';
      else out.state = 'in-order';
      return out;
    });
  }
}
