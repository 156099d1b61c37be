/**
 * Linux guests on Hyper-V / Azure (Accelerated Networking): the guest's side of
 * the VF story, as hv_netvsc, hv_pci and the VF's own driver (mlx4_core,
 * mlx5_core, mana, …) print it to the kernel log. Read from dmesg (`[ 5.123456]`
 * or `dmesg -T` stamps), syslog (`Jul 23 16:18:53 host kernel: `), the journal
 * (`2026-11-21T10:41:07.123456+00:00 host kernel: `) or bare messages:
 *
 *     VF slot N added                    NETVSC        ADD_VF      I5  the host associated the VF with the adapter
 *     PCI VMBus probing: Using version   VSC -> VF     ADD_VF      I5  the VPCI VSC exposes the VF's PCI device
 *     VF registering: IFACE              VF -> NETVSC  INIT        I5  the VF driver's interface registered
 *     IFACE: joined to ETH               NETVSC -> VF  BIND        I6  NetVSC took the VF as its lower device
 *     Data path switched to VF: IFACE    NETVSC        DATAPATH    I6  path=vf
 *     Data path switched from VF: IFACE  NETVSC        DATAPATH    G4  path=synthetic
 *     Data path failed to switch …, err  NETVSC        DATAPATH        path=… err=N (the path did not move)
 *     VF unregistering: IFACE            NETVSC -> VF  UNBIND      G3
 *     VF slot N removed                  NETVSC        REMOVE_VF   G2
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
 * added carries `waitedAt` (the line of the wait). Other kernel lines are context.
 */
import type { EventIds, LifecycleVerb, TraceEvent } from '../types';
import { type ParsedLine, parseSuppression, span } from './parsed-line';
import { parseTime } from './time';
import { clip } from '../text/clip';

/** The guest steps, in the words of the kernel's messages. */
export type GuestStep =
  | 'slot-added'
  | 'pci-probe'
  | 'registering'
  | 'joined'
  | 'switched-to-vf'
  | 'switched-from-vf'
  | 'switch-failed'
  | 'unregistering'
  | 'slot-removed';

export const GUEST_STEPS: readonly GuestStep[] = [
  'slot-added', 'pci-probe', 'registering', 'joined', 'switched-to-vf', 'switched-from-vf', 'switch-failed', 'unregistering', 'slot-removed',
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
    case 'slot-added': return `VF slot ${slot} added`;
    case 'pci-probe': return 'PCI VMBus probing';
    case 'registering': return `VF registering: ${vfIface}`;
    case 'joined': return `${vfIface} joined to ${a.iface === undefined ? 'NetVSC' : clip(a.iface)}`;
    case 'switched-to-vf': return `Data path switched to VF: ${vfIface}`;
    case 'switched-from-vf': return `Data path switched from VF: ${vfIface}`;
    case 'switch-failed': return `Data path failed to switch ${a.path === 'synthetic' ? 'from' : 'to'} VF: ${vfIface}, err: ${a.err ?? '?'}`;
    case 'unregistering': return `VF unregistering: ${vfIface}`;
    case 'slot-removed': return `VF slot ${slot} removed`;
    default: return undefined;
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
}

export function newGuestState(): GuestState {
  return { byVmbus: new Map(), byIface: new Map(), byVfIface: new Map(), devices: [] };
}

// The prefixes. Each is anchored and made of disjoint classes: linear on any input.
const SYSLOG = /^([A-Z][a-z]{2} {1,2}\d{1,2} (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?) +\S+ +([^\s:[]+)(?:\[\d+\])?: +/;
const ISO_SYSLOG = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?) +\S+ +([^\s:[]+)(?:\[\d+\])?: +/;
const LEVEL = /^<\d>/;
const MONOTONIC = /^\[ *(\d{1,10})\.(\d{1,9})\] */;
/** `journalctl -o short-monotonic`: the stamp, then the host and `kernel:`. */
const MONOTONIC_HOST = /^\S+ +kernel: +/;
const DMESG_T = /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} {1,2}\d{1,2} (\d{2}):(\d{2}):(\d{2}) \d{4}\] */;

// The sources: who printed the line (netdev_info's `driver device iface: `).
const NETVSC = /^hv_netvsc +(\S+) +(?:\(unnamed net_device\)(?: \([a-z ]+\))?|(\S+?)(?: \((?:unregistering|unregistered|uninitialized|unknown state)\))?): +/;
const HV_PCI = /^hv_pci +(\S+): +/;
const VF_DRIVER = /^([\w.-]+) +(\S+) +(\S+?)(?: \([a-z ]+\))?: +/;

// The messages.
const SLOT = /^VF slot (\d{1,10}) (added|removed)\s*$/;
const REGISTER = /^VF (registering|unregistering): (\S+)\s*$/;
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

export interface LogPrefix {
  /** Where the kernel's message starts. */
  start: number;
  time?: number;
  timeText?: string;
  /** The syslog / journal program, when the line names one. */
  program?: string;
}

/** The log prefixes of a Linux kernel line, in the orders they nest. Undefined: none. */
export function kernelLogPrefix(text: string): LogPrefix | undefined {
  let at = 0;
  let found = false;
  const out: LogPrefix = { start: 0 };
  let rest = text;
  const take = (length: number) => {
    at += length;
    rest = text.slice(at);
    found = true;
  };
  let m = SYSLOG.exec(rest);
  if (m) {
    out.time = ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000 + (m[5] ? Number('0.' + m[5]) * 1000 : 0);
    out.program = m[6];
    take(m[0].length);
  } else if ((m = ISO_SYSLOG.exec(rest))) {
    out.time = parseTime(m[1]!);
    if (out.time !== undefined) out.timeText = m[1];
    out.program = m[2];
    take(m[0].length);
  }
  if ((m = LEVEL.exec(rest))) take(m[0].length);
  if ((m = MONOTONIC.exec(rest))) {
    // The kernel's own stamp, seconds since boot: finer than a syslog stamp, so it wins.
    out.time = Number(m[1]) * 1000 + Number('0.' + m[2]) * 1000;
    out.timeText = undefined;
    take(m[0].length);
    if (out.program === undefined && (m = MONOTONIC_HOST.exec(rest))) {
      out.program = 'kernel';
      take(m[0].length);
    }
  } else if ((m = DMESG_T.exec(rest))) {
    out.time ??= ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
    take(m[0].length);
  }
  if (!found) return undefined;
  out.start = at;
  return out;
}

interface Source {
  kind: 'netvsc' | 'pci' | 'vf-driver' | 'bare';
  /** Where the message after the source starts (in the whole line). */
  start: number;
  vmbus?: string;
  iface?: string;
  driver?: string;
  vfIface?: string;
}

function source(text: string, from: number): Source {
  const msg = text.slice(from);
  let m = NETVSC.exec(msg);
  if (m) return { kind: 'netvsc', start: from + m[0].length, vmbus: m[1], iface: m[2] };
  if ((m = HV_PCI.exec(msg))) return { kind: 'pci', start: from + m[0].length, vmbus: m[1] };
  if ((m = VF_DRIVER.exec(msg)) && m[1] !== 'hv_netvsc') {
    return { kind: 'vf-driver', start: from + m[0].length, driver: m[1], vfIface: m[3] };
  }
  return { kind: 'bare', start: from };
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
  if (!mayBeGuestLine(text)) return undefined;
  const prefix = kernelLogPrefix(text);
  // A syslog line of another program (NetworkManager, systemd-networkd) is context.
  if (prefix?.program !== undefined && prefix.program !== 'kernel') return undefined;
  let from = prefix?.start ?? 0;
  while (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9) from++;
  const src = source(text, from);
  const message = text.slice(src.start);
  const end = src.start + message.trimEnd().length;

  const emit = (dev: GuestDevice, step: GuestStep, verb: LifecycleVerb, actor: string, target: string | undefined, attrs: Record<string, string>, slot?: string): ParsedLine => {
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
        time: prefix?.time,
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
      },
    };
  };

  let m: RegExpExecArray | null;
  if (src.kind === 'pci') {
    if (!(m = PROBE.exec(message))) return undefined;
    const dev = awaitingProbe(state);
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
 * arrived yet, else to the only device there is. Otherwise it is context.
 */
function awaitingProbe(state: GuestState): GuestDevice | undefined {
  for (const dev of state.devices) if (dev.awaitingProbe) return dev;
  return state.devices.length === 1 ? state.devices[0] : undefined;
}
