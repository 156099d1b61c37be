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

export function parseTime(text: string): number | undefined {
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
