/**
 * Where a Linux kernel line's message starts: the log prefixes it carries in
 * the places users copy it from, and the source that printed it
 * (netdev_info's `driver device iface: `).
 *
 *     [    5.123456]                           dmesg, `journalctl -o short-monotonic`; `<6>` before it
 *     [Thu Jul 23 16:18:53 2026]               dmesg -T
 *     [Nov 3 10:01]  [  +0.031463]             dmesg -H: a minute line, then deltas from the line before
 *     Jul 23 16:18:53 host kernel:             syslog; the host may be empty (two spaces)
 *     2026-11-21T10:41:07.123456+00:00 host kernel:   the journal, ISO
 *     Sun Feb  1 09:57:30 2026 kern.info kernel:      OpenWrt's logread
 *         kernel:                              a kernel line quoted in a commit message
 *     >  >>  > >                              mail quotes, and indentation, before any of these
 *     [… Collector I] [Thu …] hv_netvsc …      another program's prefix before the kernel's stamp
 *                                              or before hv_netvsc's / hv_pci's own source
 *
 * Every expression here is sticky (tried at one position) and made of disjoint
 * classes, and each search visits a character a bounded number of times: linear
 * on any input.
 */
import { parseTime } from './time';

export interface LogPrefix {
  /** Where the kernel's message (its source, if any) starts. */
  start: number;
  time?: number;
  timeText?: string;
  /** The syslog / journal program, when the line names one. */
  program?: string;
  /** `dmesg -H`: milliseconds since the line before; the line's time is that line's plus these. */
  delta?: number;
  /** `dmesg -H`'s minute line: its time (the minute's start) is the base of the deltas after it. */
  minute?: boolean;
}

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
/** The host is optional: `Mar  1 18:54:12  kernel:` has none. */
const SYSLOG = /[A-Z][a-z]{2} {1,2}\d{1,2} (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? +(?:\S+ +)?([^\s:[]+)(?:\[\d+\])?: +/y;
const ISO_SYSLOG = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?) +\S+ +([^\s:[]+)(?:\[\d+\])?: +/y;
const LOGREAD = new RegExp(`${DAY} [A-Z][a-z]{2} {1,2}\\d{1,2} (\\d{2}):(\\d{2}):(\\d{2}) \\d{4} +[a-z]+\\.[a-z]+ +([^\\s:[]+)(?:\\[\\d+\\])?: +`, 'y');
const KERNEL_TAG = /kernel: +/y;
const LEVEL = /<\d>/y;
const MONOTONIC = /\[ *(\d{1,10})\.(\d{1,9})\] */y;
const DMESG_T = new RegExp(`\\[${DAY} [A-Z][a-z]{2} {1,2}\\d{1,2} (\\d{2}):(\\d{2}):(\\d{2}) \\d{4}\\] *`, 'y');
/** `dmesg -H`: strftime's "%b%e %H:%M", so `[Nov 3 10:01]` and `[Nov13 10:01]`. */
const HUMAN_MINUTE = /\[[A-Z][a-z]{2} ?\d{1,2} (\d{2}):(\d{2})\] */y;
const HUMAN_DELTA = /\[ *([+-])(\d{1,10})\.(\d{1,9})\] */y;
/** `journalctl -o short-monotonic`: the stamp, then the host and `kernel:`. */
const MONOTONIC_HOST = /\S+ +kernel: +/y;

// The sources.
const NETVSC = /hv_netvsc +(\S+) +(?:\(unnamed net_device\)(?: \([a-z ]+\))?|(\S+?)(?: \((?:unregistering|unregistered|uninitialized|unknown state)\))?): +/y;
const HV_PCI = /hv_pci +(\S+): +/y;
const VF_DRIVER = /([\w.-]+) +(\S+) +(\S+?)(?: \([a-z ]+\))?: +/y;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const ms = (h: string, m: string, s: string) => ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
const fraction = (digits: string | undefined) => (digits ? Number('0.' + digits) * 1000 : 0);

/** Past indentation and mail quote marks (`> `, `>> `, `> > `). */
export function quoteEnd(text: string, from = 0): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 62; c = text.charCodeAt(++i));
  return i;
}

/** A `dmesg -H` stamp at `pos`: its minute (milliseconds of the day) or its delta; `end` past it. */
export function humanStamp(text: string, pos: number): { minute?: number; delta?: number; end: number } | undefined {
  let m = at(HUMAN_DELTA, text, pos);
  if (m) return { delta: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 1000 + fraction(m[3])), end: HUMAN_DELTA.lastIndex };
  if ((m = at(HUMAN_MINUTE, text, pos))) return { minute: ms(m[1]!, m[2]!, '0'), end: HUMAN_MINUTE.lastIndex };
  return undefined;
}

/** The kernel's own stamp at `pos` (or its level, `<6>`, or both), read into `out`. Returns where it ends, or -1. */
function kernelStamp(text: string, pos: number, out: LogPrefix): number {
  const level = at(LEVEL, text, pos) ? LEVEL.lastIndex : -1;
  if (level >= 0) pos = level;
  let m = at(MONOTONIC, text, pos);
  if (m) {
    // Seconds since boot: finer than a syslog stamp, so it wins.
    out.time = Number(m[1]) * 1000 + fraction(m[2]);
    out.timeText = undefined;
    return MONOTONIC.lastIndex;
  }
  if ((m = at(DMESG_T, text, pos))) {
    out.time ??= ms(m[1]!, m[2]!, m[3]!);
    return DMESG_T.lastIndex;
  }
  const human = humanStamp(text, pos);
  if (human) {
    if (human.minute !== undefined) {
      out.time = human.minute;
      out.minute = true;
    } else {
      out.delta = human.delta;
    }
    return human.end;
  }
  return level;
}

/** The log prefixes of a Linux kernel line, in the orders they nest. Undefined: none. */
export function kernelLogPrefix(text: string): LogPrefix | undefined {
  const out: LogPrefix = { start: 0 };
  let pos = quoteEnd(text);
  let found = false;
  let m = at(SYSLOG, text, pos);
  if (m) {
    out.time = ms(m[1]!, m[2]!, m[3]!) + fraction(m[4]);
    out.program = m[5];
    pos = SYSLOG.lastIndex;
    found = true;
  } else if ((m = at(ISO_SYSLOG, text, pos))) {
    out.time = parseTime(m[1]!);
    if (out.time !== undefined) out.timeText = m[1];
    out.program = m[2];
    pos = ISO_SYSLOG.lastIndex;
    found = true;
  } else if ((m = at(LOGREAD, text, pos))) {
    out.time = ms(m[1]!, m[2]!, m[3]!);
    out.program = m[4];
    pos = LOGREAD.lastIndex;
    found = true;
  } else if (at(KERNEL_TAG, text, pos)) {
    out.program = 'kernel';
    pos = KERNEL_TAG.lastIndex;
    found = true;
  }
  let end = kernelStamp(text, pos, out);
  if (end < 0 && !found) {
    // Another program's prefix: the kernel's line starts at the first stamp or source after it.
    const inner = embeddedStart(text, pos);
    if (inner < 0) return undefined;
    pos = inner;
    end = kernelStamp(text, pos, out);
  }
  if (end >= 0) {
    pos = end;
    if (out.program === undefined && at(MONOTONIC_HOST, text, pos)) {
      out.program = 'kernel';
      pos = MONOTONIC_HOST.lastIndex;
    }
  }
  out.start = pos;
  return out;
}

/**
 * Where a kernel line starts after another program's prefix: the first kernel
 * stamp, or the first hv_netvsc / hv_pci source, that follows a space or a `]`
 * (a word of its own, with something before it). -1: none.
 */
function embeddedStart(text: string, from: number): number {
  const src = Math.min(sourceAfter(text, from, 'hv_netvsc ', NETVSC), sourceAfter(text, from, 'hv_pci ', HV_PCI));
  const scratch: LogPrefix = { start: 0 };
  for (let i = text.indexOf('[', from + 1); i >= 0 && i < src; i = text.indexOf('[', i + 1)) {
    if (afterWord(text, i) && kernelStamp(text, i, scratch) >= 0) return i;
  }
  return src === Infinity ? -1 : src;
}

function sourceAfter(text: string, from: number, name: string, re: RegExp): number {
  for (let i = text.indexOf(name, from + 1); i >= 0; i = text.indexOf(name, i + 1)) {
    if (afterWord(text, i) && at(re, text, i)) return i;
  }
  return Infinity;
}

function afterWord(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  return before === 32 || before === 9 || before === 93; /* ] */
}

export interface Source {
  kind: 'netvsc' | 'pci' | 'vf-driver' | 'bare';
  /** Where the message after the source starts (in the whole line). */
  start: number;
  vmbus?: string;
  iface?: string;
  driver?: string;
  vfIface?: string;
}

/** Who printed the kernel message that starts at `from`. */
export function source(text: string, from: number): Source {
  let m = at(NETVSC, text, from);
  if (m) return { kind: 'netvsc', start: NETVSC.lastIndex, vmbus: m[1], iface: m[2] };
  if ((m = at(HV_PCI, text, from))) return { kind: 'pci', start: HV_PCI.lastIndex, vmbus: m[1] };
  if ((m = at(VF_DRIVER, text, from)) && m[1] !== 'hv_netvsc') {
    return { kind: 'vf-driver', start: VF_DRIVER.lastIndex, driver: m[1], vfIface: m[3] };
  }
  return { kind: 'bare', start: from };
}
