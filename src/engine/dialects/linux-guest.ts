/**
 * Linux guests on Hyper-V / Azure (Accelerated Networking): the guest's side of
 * the VF story, as hv_netvsc, hv_pci and the VF's own driver (mlx4_core,
 * mlx5_core, mana, …) print it to the kernel log. Read from dmesg, syslog, the
 * journal, logread, quotes and other programs' logs (the prefixes are
 * `kernel-line.ts`'s) or bare messages:
 *
 *     VF slot N added                    NETVSC        ADD_VF      I5  the host associated the VF with the adapter
 *     PCI VMBus probing: Using version   VSC -> VF     ADD_VF      I5  the VPCI VSC exposes the VF's PCI device
 *     VF registering: IFACE              VF -> NETVSC  INIT        I5  the VF driver's interface registered
 *     IFACE: joined to ETH               NETVSC -> VF  BIND        I6  NetVSC took the VF as its lower device
 *     VF up: IFACE                       NETVSC        DATAPATH        4.x kernels: the switch to the VF begins
 *     Data path switched to VF: IFACE    NETVSC        DATAPATH    I6  path=vf
 *     VF down: IFACE                     NETVSC        DATAPATH        4.x kernels: the switch from the VF begins
 *     Data path switched from VF: IFACE  NETVSC        DATAPATH    G4  path=synthetic
 *     Data path failed to switch …, err  NETVSC        DATAPATH        path=… err=N (the path did not move)
 *     VF unregistering: IFACE            NETVSC -> VF  UNBIND      G3
 *     VF slot N removed                  NETVSC        REMOVE_VF   G2
 *
 * "VF up" and "VF down" are what 4.x kernels print when the VF's interface goes
 * up or down (netvsc_vf_up / netvsc_vf_down), just before they ask the host to
 * move the data path; the same function then prints "Data path switched to/from
 * VF", which is the switch. Read as switches, each switch would count twice: they
 * are steps of their own, with no `path`, that move nothing.
 *
 * The guest never learns the host's VF id: its handle for the VF is the slot
 * (the VF's serial number, which also names its PCI slot and so the `sN` of
 * `enP53091s1np0`). The slot is the event's `vf`; the NetVSC interface (eth0)
 * is the adapter. Lines that name no slot (registering, joined, the switches)
 * take the slot their adapter was last given; before any slot is known, the
 * `sN` of a predictable VF interface name. `attrs.guest` names the guest step,
 * `attrs.iface`, `attrs.slot`, `attrs.vfIface` what the line said.
 *
 * "Waiting for the VF association from host" is not an event: the next slot
 * added carries `waitedAt` (the line of the wait). Other kernel lines are context
 * (a `dmesg -H` stamp on one still moves the clock the next lines count from).
 */
import type { EventIds, LifecycleVerb, TraceEvent } from '../types';
import { humanStamp, kernelLogPrefix, type LogPrefix, quoteEnd, source } from './kernel-line';
import { type ParsedLine, parseSuppression, span } from './parsed-line';
import { clip } from '../text/clip';

/** The guest steps, in the words of the kernel's messages. */
export type GuestStep =
  | 'slot-added'
  | 'pci-probe'
  | 'registering'
  | 'joined'
  | 'vf-up'
  | 'switched-to-vf'
  | 'vf-down'
  | 'switched-from-vf'
  | 'switch-failed'
  | 'unregistering'
  | 'slot-removed';

export const GUEST_STEPS: readonly GuestStep[] = [
  'slot-added',
  'pci-probe',
  'registering',
  'joined',
  'vf-up',
  'switched-to-vf',
  'vf-down',
  'switched-from-vf',
  'switch-failed',
  'unregistering',
  'slot-removed',
];
const GUEST_STEP_SET = new Set<string>(GUEST_STEPS);

/** The guest step of an event read from a guest log (or written as one in a canonical trace). */
export function guestStep(ev: Pick<TraceEvent, 'attrs'>): GuestStep | undefined {
  // (Events built by hand through the API may come without attrs.)
  const s = (ev.attrs as Record<string, string> | undefined)?.guest;
  return s !== undefined && GUEST_STEP_SET.has(s) ? (s as GuestStep) : undefined;
}

/**
 * A guest event in the kernel's words, e.g. "Data path switched to VF: enP12345s1"
 * (for messages and diagrams). Interface names are as long as the line wrote them:
 * they are clipped, a message quotes several.
 */
export function guestText(ev: Pick<TraceEvent, 'attrs' | 'ids'>): string | undefined {
  const a = ev.attrs;
  const vfIface = a.vfIface === undefined ? 'its VF' : clip(a.vfIface);
  const slot = a.slot ?? ev.ids.vf ?? '?';
  switch (guestStep(ev)) {
    case 'slot-added':
      return `VF slot ${slot} added`;
    case 'pci-probe':
      return 'PCI VMBus probing';
    case 'registering':
      return `VF registering: ${vfIface}`;
    case 'joined':
      return `${vfIface} joined to ${a.iface === undefined ? 'NetVSC' : clip(a.iface)}`;
    case 'vf-up':
      return `VF up: ${vfIface}`;
    case 'vf-down':
      return `VF down: ${vfIface}`;
    case 'switched-to-vf':
      return `Data path switched to VF: ${vfIface}`;
    case 'switched-from-vf':
      return `Data path switched from VF: ${vfIface}`;
    case 'switch-failed':
      return `Data path failed to switch ${a.path === 'synthetic' ? 'from' : 'to'} VF: ${vfIface}, err: ${a.err ?? '?'}`;
    case 'unregistering':
      return `VF unregistering: ${vfIface}`;
    case 'slot-removed':
      return `VF slot ${slot} removed`;
    default:
      return undefined;
  }
}

interface GuestDevice {
  /** The adapter its events belong to: the interface first seen, else the VMBus device id. */
  adapter: string;
  iface?: string;
  vmbus?: string;
  /** The slot the host last associated with it. */
  slot?: string;
  /** A slot was added and no PCI probe or VF registration has followed yet. */
  awaitingProbe: boolean;
  /** Its slot was removed and not added again. */
  slotRemoved?: boolean;
  /** The line where NetVSC said it waits for the VF association. */
  waitingLine?: number;
  /** The VF's driver, from its "joined to" line. */
  driver?: string;
}

export interface GuestState {
  byVmbus: Map<string, GuestDevice>;
  byIface: Map<string, GuestDevice>;
  byVfIface: Map<string, GuestDevice>;
  /** Every device, in the order first seen (the PCI probe goes to the first awaiting one). */
  devices: GuestDevice[];
  last?: GuestDevice;
  /** `dmesg -H`: the time of the line before, which the next delta counts from (none before a minute line). */
  clock?: number;
  /** The latest time any kernel line has shown, guest line or not: how long the log went on. */
  lastTime?: number;
}

export function newGuestState(): GuestState {
  return { byVmbus: new Map(), byIface: new Map(), byVfIface: new Map(), devices: [] };
}

// The messages.
const SLOT = /^VF slot (\d{1,10}) (added|removed)\s*$/;
const REGISTER = /^VF (registering|unregistering): (\S+)\s*$/;
const UP_DOWN = /^VF (up|down): (\S+)\s*$/;
const SWITCHED = /^Data path switched (to|from) VF: (\S+)\s*$/;
const FAILED = /^Data path failed to switch (to|from) VF: ([^\s,]+), err: (-?\d{1,10})\s*$/;
const WAITING = /^Waiting for the VF association from host\s*$/;
const PROBE = /^PCI VMBus probing: Using version (0x[0-9A-Fa-f]{1,8})\s*$/;
const JOINED = /^joined to (\S+)\s*$/;
const RENAMED = /^renamed from (\S+)\s*$/;
/** The slot in a predictable VF interface name: enP<PCI domain>s<slot>[np<port>]. */
const PREDICTABLE = /^enP\d{1,5}s(\d{1,10})(?:np\d+)?$/;

/** The cheap test a line passes before any regular expression: can it be a guest line? */
export function mayBeGuestLine(text: string): boolean {
  return text.indexOf('VF') >= 0 || text.indexOf('joined to ') >= 0 || text.indexOf('PCI VMBus') >= 0 || text.indexOf('renamed from ') >= 0;
}

export interface GuestParseOptions {
  /** Every event goes to this adapter (guest lines embedded in a `.oidtrace` file: the adapter in force). */
  adapter?: string;
}

/**
 * One line of a Linux guest's kernel log. Undefined: not a guest line. A line
 * the dialect understands but that is no event (a rename, NetVSC waiting)
 * gives a ParsedLine without an event.
 */
export function parseGuestLine(text: string, line: number, state: GuestState, options: GuestParseOptions = {}): ParsedLine | undefined {
  const c = text.charCodeAt(0);
  if (c === 35 /* # */ || (c <= 32 && text.trimStart().startsWith('#'))) {
    const suppression = parseSuppression(text.trim());
    return suppression ? { line, suppression } : undefined;
  }
  if (!mayBeGuestLine(text)) {
    const at = quoteEnd(text);
    const human = text.charCodeAt(at) === 91 /* [ */ ? humanStamp(text, at) : undefined;
    if (human) noteTime(state, tick(state, { time: human.minute, minute: human.minute !== undefined, delta: human.delta }));
    else if (text.charCodeAt(at) === 91 || text.charCodeAt(at) >= 65) {
      // A context line's stamp says the log went on until then: a kernel line's only, on
      // the clock the guest's events are on (another program's syslog stamp is the wall
      // clock, while the kernel's lines beside it may count seconds since boot).
      const context = kernelLogPrefix(text);
      if (context && isKernel(context)) noteTime(state, context.time);
    }
    return undefined;
  }
  const prefix = kernelLogPrefix(text);
  const time = prefix ? tick(state, prefix) : undefined;
  // A syslog line of another program (NetworkManager, systemd-networkd) is context.
  if (prefix && !isKernel(prefix)) return undefined;
  noteTime(state, time);
  let from = prefix ? prefix.start : quoteEnd(text);
  while (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9) from++;
  const src = source(text, from);
  const message = text.slice(src.start);
  const end = src.start + message.trimEnd().length;

  const emit = (
    dev: GuestDevice,
    step: GuestStep,
    verb: LifecycleVerb,
    actor: string,
    target: string | undefined,
    attrs: Record<string, string>,
    slot?: string,
  ): ParsedLine => {
    const vf = slot ?? dev.slot ?? predictableSlot(attrs.vfIface);
    const ids: EventIds = {};
    if (vf !== undefined) ids.vf = vf;
    const all: Record<string, string> = { guest: step };
    if (dev.iface !== undefined) all.iface = dev.iface;
    if (vf !== undefined) all.slot = vf;
    Object.assign(all, attrs);
    return {
      line,
      event: {
        line,
        time,
        timeText: prefix?.timeText,
        dialect: 'linux',
        kind: 'lifecycle',
        verb,
        actor,
        target,
        adapter: options.adapter ?? dev.adapter,
        span: span(line, src.start, end),
        ids,
        attrs: all,
        index: 0,
        step: undefined,
        pair: undefined,
        episode: undefined, // the model's (see RawEvent)
      },
    };
  };

  let m: RegExpExecArray | null;
  if (src.kind === 'pci') {
    if (!(m = PROBE.exec(message))) return undefined;
    // Before any hv_netvsc line the probe is the VF-to-be of a device not named yet:
    // its event goes to no adapter's slot, and the model gives it to the slot that follows.
    const dev = awaitingProbe(state) ?? (state.devices.length === 0 ? { adapter: 'default', awaitingProbe: true } : undefined);
    if (!dev) return { line };
    dev.awaitingProbe = false;
    return emit(dev, 'pci-probe', 'ADD_VF', 'VSC', 'VF', { vpci: src.vmbus!, version: m[1]! });
  }

  if (src.kind === 'vf-driver') {
    if ((m = JOINED.exec(message))) {
      const dev = device(state, undefined, m[1]);
      dev.driver = src.driver;
      dev.awaitingProbe = false;
      state.byVfIface.set(src.vfIface!, dev);
      return emit(dev, 'joined', 'BIND', 'NETVSC', 'VF', { vfIface: src.vfIface!, driver: src.driver! });
    }
    if ((m = RENAMED.exec(message))) {
      const dev = state.byVfIface.get(m[1]!);
      if (!dev) return undefined;
      state.byVfIface.set(src.vfIface!, dev);
      return { line };
    }
    return undefined;
  }

  // hv_netvsc's own lines, or the same messages without a source.
  const dev = (): GuestDevice => (src.kind === 'netvsc' ? device(state, src.vmbus, src.iface) : bareDevice(state, message));
  if ((m = SLOT.exec(message))) {
    const d = dev();
    const slot = String(Number(m[1]));
    d.slot = slot;
    d.slotRemoved = m[2] === 'removed';
    if (m[2] === 'added') {
      d.awaitingProbe = true;
      const attrs: Record<string, string> = {};
      if (d.waitingLine !== undefined) attrs.waitedAt = String(d.waitingLine);
      d.waitingLine = undefined;
      return emit(d, 'slot-added', 'ADD_VF', 'NETVSC', undefined, attrs, slot);
    }
    d.awaitingProbe = false;
    return emit(d, 'slot-removed', 'REMOVE_VF', 'NETVSC', undefined, {}, slot);
  }
  if ((m = REGISTER.exec(message))) {
    const d = dev();
    state.byVfIface.set(m[2]!, d);
    if (m[1] === 'registering') {
      d.awaitingProbe = false;
      return emit(d, 'registering', 'INIT', 'VF', 'NETVSC', { vfIface: m[2]! });
    }
    return emit(d, 'unregistering', 'UNBIND', 'NETVSC', 'VF', { vfIface: m[2]! });
  }
  if ((m = UP_DOWN.exec(message))) {
    const d = dev();
    state.byVfIface.set(m[2]!, d);
    return emit(d, m[1] === 'up' ? 'vf-up' : 'vf-down', 'DATAPATH', 'NETVSC', undefined, { vfIface: m[2]! });
  }
  if ((m = SWITCHED.exec(message))) {
    const d = dev();
    state.byVfIface.set(m[2]!, d);
    const to = m[1] === 'to';
    return emit(d, to ? 'switched-to-vf' : 'switched-from-vf', 'DATAPATH', 'NETVSC', undefined, { path: to ? 'vf' : 'synthetic', vfIface: m[2]! });
  }
  if ((m = FAILED.exec(message))) {
    const d = dev();
    state.byVfIface.set(m[2]!, d);
    return emit(d, 'switch-failed', 'DATAPATH', 'NETVSC', undefined, { path: m[1] === 'to' ? 'vf' : 'synthetic', vfIface: m[2]!, err: m[3]! });
  }
  if (WAITING.test(message)) {
    dev().waitingLine = line;
    return { line };
  }
  return undefined;
}

/**
 * A line's time, and the `dmesg -H` clock after it: a minute line sets the
 * clock, a delta moves it (when a minute line has set it); other stamps are
 * the line's own.
 */
function tick(state: GuestState, stamp: Pick<LogPrefix, 'time' | 'delta' | 'minute'>): number | undefined {
  if (stamp.delta !== undefined) {
    if (state.clock !== undefined) state.clock += stamp.delta;
    return state.clock ?? stamp.time;
  }
  if (stamp.minute) state.clock = stamp.time;
  return stamp.time;
}

/** A kernel line: no program named (dmesg), or the kernel's. */
function isKernel(prefix: LogPrefix): boolean {
  return prefix.program === undefined || prefix.program === 'kernel';
}

function noteTime(state: GuestState, time: number | undefined): void {
  if (time !== undefined && !(time <= (state.lastTime ?? -Infinity))) state.lastTime = time;
}

function predictableSlot(vfIface: string | undefined): string | undefined {
  const m = vfIface === undefined ? null : PREDICTABLE.exec(vfIface);
  return m ? String(Number(m[1])) : undefined;
}

/** The NetVSC device a line is about, by VMBus id or interface; made on first sight. */
function device(state: GuestState, vmbus: string | undefined, iface: string | undefined): GuestDevice {
  let dev = (vmbus !== undefined ? state.byVmbus.get(vmbus) : undefined) ?? (iface !== undefined ? state.byIface.get(iface) : undefined);
  if (!dev) {
    dev = { adapter: iface ?? vmbus ?? 'default', awaitingProbe: false };
    state.devices.push(dev);
  }
  if (vmbus !== undefined && dev.vmbus === undefined) {
    dev.vmbus = vmbus;
    state.byVmbus.set(vmbus, dev);
  }
  if (iface !== undefined && dev.iface !== iface) {
    dev.iface = iface;
    state.byIface.set(iface, dev);
  }
  state.last = dev;
  return dev;
}

/** A message without its source: the device of the VF interface it names, else the last one seen. */
function bareDevice(state: GuestState, message: string): GuestDevice {
  const vfIface = /: ([^\s,]+)/.exec(message)?.[1];
  const dev = (vfIface !== undefined ? state.byVfIface.get(vfIface) : undefined) ?? state.last ?? device(state, undefined, undefined);
  state.last = dev;
  return dev;
}

/**
 * The device a PCI probe belongs to: hv_pci names only its own VMBus device, so
 * the probe goes to the first device whose slot was added and whose VF has not
 * arrived yet, else to the only device there is, else to the only device whose
 * slot was removed (its VF coming back ahead of the host's association).
 * Otherwise it is context.
 */
function awaitingProbe(state: GuestState): GuestDevice | undefined {
  for (const dev of state.devices) if (dev.awaitingProbe) return dev;
  if (state.devices.length === 1) return state.devices[0];
  let removed: GuestDevice | undefined;
  for (const dev of state.devices) {
    if (!dev.slotRemoved) continue;
    if (removed) return undefined;
    removed = dev;
  }
  return removed;
}
