/**
 * What a trace's reading left out: the lines that look like part of a VF's story
 * (they name an OID, mention a VF, or come from hv_netvsc / hv_pci) but that no
 * dialect made anything of. A file OID Trace cannot read must never look clean:
 * when such lines are many and events few, the CLI says so on standard error and
 * the editor shows an Information diagnostic (`not-read`) on the first of them.
 *
 * A line counts when the dialect returned nothing for it (no event, no syntax
 * error, no unknown OID, no suppression, no directive, no line it knows to be no
 * event, such as a guest's "Waiting for the VF association") and it is not a `#`
 * comment, and it
 *  - names an OID: `OID_` then a capital, digit or `_`, or a catalogued code
 *    (`0x00010255`, `00010255`), as the dialects write them; else
 *  - comes from hv_netvsc or hv_pci (outside a Linux guest's log, whose dialect
 *    reads those drivers' lines and leaves the others as context); else
 *  - mentions a VF: `VF` as a word of its own (also `VFs`, `VFId`, `VF_ID`,
 *    `VF2`, `_VF`), or `vf`/`Vf` with an id after it (`vf=2`, `vf: 2`, `VfId: 2`,
 *    `vf_id=2`, `vf 2`). Not `VFS`, `VFIO`, `vfio`, `numvfs`.
 * Each line counts once, under the first of these it matches.
 *
 * The file is *not read* when at least one line counts and no event was read at
 * all, or when at least NOT_READ_MIN lines count and they are at least
 * NOT_READ_RATIO times the events read (a format read only where it happens to
 * look like a driver line, as `samples/custom/teardown.fwlog` without its
 * dialect: 2 events, 7 such lines). A driver log's own mentions of its VFs
 * ("waiting for VF 2 transactions to drain") stay well below that.
 *
 * A line the byte scan of the CLI's fast path does not hand to the engine holds
 * none of `OID_`, `000102`, `hv_`, `vf` in any case (src/node/scan.wat), so it
 * cannot count: both paths give the same report.
 */
import { resolveOidCode } from './dialects/oid-token';
import type { Dialect, Span } from './types';

export type MentionKind = 'oid' | 'hvNetvsc' | 'hvPci' | 'vf';

export interface ReadingReport {
  /** Lines that yielded an event. */
  eventLines: number;
  /** Lines that look like part of a VF's story and that no dialect read (see above). */
  unreadLines: number;
  /** The same lines by what they mention (each under its first kind: OID, hv_netvsc, hv_pci, VF). */
  unreadBy: Record<MentionKind, number>;
  /** The first few of them (1-based line numbers), at most READ_EXAMPLES. */
  firstUnread: number[];
  /** The whole first of them, for a diagnostic. */
  firstSpan?: Span;
  /** What the first of them mentions. */
  firstKind?: MentionKind;
  /** Far fewer events than the lines suggest (see the file's comment). */
  notRead: boolean;
}

/** Where a person learns to read a format of their own (the README's "Your own format"). */
export const OWN_FORMAT_DOCS = 'https://github.com/oidtrace/oidtrace#your-own-format';

/** Unread lines per event read from which a file that has events counts as not read... */
export const NOT_READ_RATIO = 2;
/** ...when at least this many lines are unread. */
export const NOT_READ_MIN = 5;
/** How many unread line numbers are kept. */
export const READ_EXAMPLES = 5;

const OID_NAME = /\bOID_[A-Z0-9_]/;
const OID_CODE = /\b(?:0x)?(000102[0-9A-Fa-f]{2})\b/g;
// A word of its own; or any case with an id after it.
const VF_WORD = /(?<![A-Za-z0-9])(?:VF(?:s|_?I[Dd])?(?![A-Za-z])|[Vv][Ff](?:_?[Ii][Dd])?(?=\s*[=:]|\s+\d))/;
/** The cheap test, one pass over the line: can it count at all? (Most lines of a log cannot.) */
const MAY_COUNT = /OID_|000102|[Vv][Ff]|hv_(?:netvsc|pci)/;

function namesOid(text: string): boolean {
  if (text.indexOf('OID_') >= 0 && OID_NAME.test(text)) return true;
  if (text.indexOf('000102') < 0) return false;
  OID_CODE.lastIndex = 0;
  for (let m = OID_CODE.exec(text); m; m = OID_CODE.exec(text)) if (resolveOidCode(parseInt(m[1]!, 16))) return true;
  return false;
}

/** What a line no dialect read mentions, if it looks like part of a VF's story. */
export function mentionOf(text: string, dialect: Dialect): MentionKind | undefined {
  if (!MAY_COUNT.test(text)) return undefined;
  if (namesOid(text)) return 'oid';
  if (dialect !== 'linux' && text.indexOf('hv_') >= 0) {
    if (text.indexOf('hv_netvsc') >= 0) return 'hvNetvsc';
    if (text.indexOf('hv_pci') >= 0) return 'hvPci';
  }
  return VF_WORD.test(text) ? 'vf' : undefined;
}

/** Counts, line by line, what the reading of one trace left out. */
export class ReadingCounter {
  private eventLines = 0;
  private unread = 0;
  private readonly by: Record<MentionKind, number> = { oid: 0, hvNetvsc: 0, hvPci: 0, vf: 0 };
  private readonly first: number[] = [];
  private firstSpan: Span | undefined;
  private firstKind: MentionKind | undefined;

  constructor(private readonly dialect: Dialect) {}

  event(): void {
    this.eventLines++;
  }

  /** A line the dialect returned nothing for. */
  nothing(text: string, line: number): void {
    if (isComment(text)) return;
    const kind = mentionOf(text, this.dialect);
    if (kind === undefined) return;
    this.unread++;
    this.by[kind]++;
    if (this.first.length < READ_EXAMPLES) this.first.push(line);
    if (this.firstSpan === undefined) {
      this.firstSpan = { line, column: 1, endLine: line, endColumn: text.length + 1 };
      this.firstKind = kind;
    }
  }

  report(): ReadingReport {
    const r: ReadingReport = {
      eventLines: this.eventLines,
      unreadLines: this.unread,
      unreadBy: { ...this.by },
      firstUnread: [...this.first],
      notRead: this.eventLines === 0 ? this.unread > 0 : this.unread >= NOT_READ_MIN && this.unread >= NOT_READ_RATIO * this.eventLines,
    };
    if (this.firstSpan) {
      r.firstSpan = this.firstSpan;
      r.firstKind = this.firstKind;
    }
    return r;
  }
}

function isComment(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 35 /* # */ || (c <= 32 && text.trimStart().startsWith('#'));
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The phrases of what unread lines show, each group once, in the counting order. */
function whatTheyShow(r: ReadingReport, one: boolean): string {
  const s = one ? 's' : '';
  const parts: string[] = [];
  if (r.unreadBy.oid) parts.push(`name${s} an OID`);
  const hv = [r.unreadBy.hvNetvsc ? 'hv_netvsc' : '', r.unreadBy.hvPci ? 'hv_pci' : ''].filter(Boolean);
  if (hv.length) parts.push(`come${s} from ${hv.join(' or ')}`);
  if (r.unreadBy.vf) parts.push(`mention${s} a VF`);
  return parts.join(' or ');
}

/** `1, 2 and 3` */
function listOf(items: readonly number[]): string {
  const words = items.map(count);
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Why hv_netvsc lines may go unread: the file was not taken for a Linux guest's kernel log. */
const GUEST_HINT = "OID Trace reads a Linux guest's kernel log when most of its lines carry dmesg, syslog or journal stamps";

/** "0 OID or VF events in 2,413 lines" */
export function eventsInLines(r: ReadingReport, lines: number): string {
  return `${count(r.eventLines)} OID or VF event${r.eventLines === 1 ? '' : 's'} in ${count(lines)} line${lines === 1 ? '' : 's'}`;
}

/**
 * What a file's reading left out, in a sentence for a person: "0 OID or VF events
 * in 2,413 lines; 37 lines, like 17, 20 and 31, mention a VF but are in no format
 * OID Trace reads". Lines from hv_netvsc / hv_pci say where a guest's log is read.
 */
export function describeReading(r: ReadingReport, lines: number): string {
  const one = r.unreadLines === 1;
  const which = one ? `line ${count(r.firstUnread[0]!)}` : `${count(r.unreadLines)} lines, like ${listOf(r.firstUnread.slice(0, 3))},`;
  const guest = r.unreadBy.hvNetvsc || r.unreadBy.hvPci ? ` (${GUEST_HINT})` : '';
  return `${eventsInLines(r, lines)}; ${which} ${whatTheyShow(r, one)} but ${one ? 'is' : 'are'} in no format OID Trace reads${guest}`;
}

/** The same for a diagnostic on the first of those lines. */
export function describeFirstUnread(r: ReadingReport, lines: number): string {
  const one = r.unreadLines === 1;
  const subject = one ? 'This line' : `This line and ${count(r.unreadLines - 1)} other${r.unreadLines === 2 ? '' : 's'}`;
  const guest = r.unreadBy.hvNetvsc || r.unreadBy.hvPci ? `; ${GUEST_HINT}` : '';
  return `${subject} ${whatTheyShow(r, one)} but ${one ? 'is' : 'are'} in no format OID Trace reads (${eventsInLines(r, lines)})${guest}`;
}
