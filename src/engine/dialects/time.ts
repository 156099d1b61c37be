/**
 * Timestamps of the three written forms: HH:MM:SS[.fraction] (milliseconds of
 * the day), ISO 8601 and the WPP form MM/DD/YYYY-HH:MM:SS.ffffff (milliseconds
 * since the epoch, UTC unless an offset is given).
 */

const TIME_OF_DAY = /^(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
const WPP = /^(\d{2})\/(\d{2})\/(\d{4})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Number('0.' + digits) * 1000;
}

/** The date part of the last WPP stamp, and its epoch milliseconds: traces repeat it on every line. */
let lastDate = '';
let lastDateMs = 0;

/** 10 ** n for the digits of a fraction (at most 9). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** MM/DD/YYYY-HH:MM:SS[.f...] without a regular expression: the hot path of WPP logs. */
function parseWppFast(text: string): number | undefined {
  if (text.length < 19 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47 || text.charCodeAt(10) !== 45) return undefined;
  const h = digits(text, 11, 2);
  const min = digits(text, 14, 2);
  const sec = digits(text, 17, 2);
  if (h < 0 || min < 0 || sec < 0 || h > 23 || min > 59 || sec > 60 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  let frac = 0;
  if (text.length > 19) {
    if (text.charCodeAt(19) !== 46 || text.length > 29) return undefined;
    const f = digits(text, 20, text.length - 20);
    if (f < 0) return undefined;
    frac = (f / POW10[text.length - 20]!) * 1000;
  }
  // Compared in place: a slice per line only to find it equal to the last one.
  if (!text.startsWith(lastDate) || lastDate.length !== 10) {
    const date = text.slice(0, 10);
    const month = digits(text, 0, 2);
    const day = digits(text, 3, 2);
    const year = digits(text, 6, 4);
    if (month < 1 || day < 1) return undefined;
    lastDateMs = Date.UTC(year, month - 1, day);
    lastDate = date;
  }
  return lastDateMs + ((h * 60 + min) * 60 + sec) * 1000 + frac;
}

/**
 * H:MM:SS[.f...] or HH:MM:SS[.f...] (a `.` before the fraction) without a regular
 * expression: the hot path of canonical traces. Anything else (a `,`, no digit after
 * the point) is left to TIME_OF_DAY.
 */
function parseTimeOfDayFast(text: string): number | undefined {
  const short = text.charCodeAt(1) === 58 ? 1 : 0; // H:MM:SS
  const at = 2 - short;
  if (text.length < 8 - short || text.charCodeAt(at) !== 58 || text.charCodeAt(at + 3) !== 58) return undefined;
  const h = digits(text, 0, 2 - short);
  const min = digits(text, at + 1, 2);
  const sec = digits(text, at + 4, 2);
  if (h < 0 || min < 0 || sec < 0) return undefined;
  let frac = 0;
  const end = at + 6;
  if (text.length > end) {
    const n = text.length - end - 1;
    if (text.charCodeAt(end) !== 46 || n < 1 || n > 9) return undefined;
    const f = digits(text, end + 1, n);
    if (f < 0) return undefined;
    frac = (f / POW10[n]!) * 1000;
  }
  if (h > 23 || min > 59 || sec > 60) return NaN;
  return ((h * 60 + min) * 60 + sec) * 1000 + frac;
}

export function parseTime(text: string): number | undefined {
  const fast = parseWppFast(text);
  if (fast !== undefined) return fast;
  const ofDay = parseTimeOfDayFast(text);
  // NaN: a time of day out of range, which is no time.
  if (ofDay !== undefined) return Number.isNaN(ofDay) ? undefined : ofDay;
  let m = TIME_OF_DAY.exec(text);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const s = Number(m[3]);
    if (h > 23 || min > 59 || s > 60) return undefined;
    return ((h * 60 + min) * 60 + s) * 1000 + fraction(m[4]);
  }
  m = WPP.exec(text);
  if (m) {
    const t = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
    return Number.isNaN(t) ? undefined : t + fraction(m[7]);
  }
  m = ISO.exec(text);
  if (m) {
    let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    if (Number.isNaN(t)) return undefined;
    const zone = m[8];
    if (zone && zone !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60000;
    }
    return t + fraction(m[7]);
  }
  return undefined;
}

export function isTimeToken(text: string): boolean {
  return parseTime(text) !== undefined;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Milliseconds from one event's time to a later one's; undefined when either has
 * none. Time-of-day stamps (no date) that wrap past midnight count across it.
 */
export function elapsedMs(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  const d = to - from;
  return d < 0 && from < DAY_MS && to < DAY_MS ? d + DAY_MS : d;
}
