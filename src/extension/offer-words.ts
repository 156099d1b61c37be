/**
 * What the offer to open a file as an OID trace says it found, in the words of
 * that file: which reading recognised it (a WPP trace, DbgPrint output, a Linux
 * guest's kernel log, the canonical form) and how many events it read. Pure: the
 * caller hands in the analysis of the file's first lines and their text.
 */
import { hasWppPrefix, type AnalysisResult, type TraceEvent } from '../engine';
import { plural } from './plural';

/** The guest's drivers by the actor the engine gives their events. */
const GUEST_DRIVERS: Record<string, string> = { NETVSC: 'hv_netvsc', VSC: 'hv_pci' };

/**
 * "SR-IOV OID requests in a WPP trace (4 requests, 4 completions)", or undefined when
 * the text holds nothing worth an offer (no OID request; for a guest's log, no VF event).
 * `lineText(n)` is the text of 1-based line n; `partial` says only the file's first
 * `result.lines` lines were read.
 */
export function describeFound(result: AnalysisResult, lineText: (line: number) => string, partial = false): string | undefined {
  const events = result.events;
  const within = partial ? ` in its first ${result.lines.toLocaleString('en-US')} lines` : '';
  if (result.dialect === 'linux') {
    if (events.length === 0) return undefined;
    return `a Linux guest's VF events (${guestDrivers(events).join(', ')}): ${plural(events.length, 'event')}${within}`;
  }
  const requests = events.filter((e) => e.kind === 'request');
  if (requests.length === 0) return undefined;
  const completions = events.filter((e) => e.kind === 'completion').length;
  const counts = `${plural(requests.length, 'request')}, ${plural(completions, 'completion')}${within}`;
  return `SR-IOV OID requests ${sourceOf(result, requests[0]!, lineText)} (${counts})`;
}

function sourceOf(result: AnalysisResult, first: TraceEvent, lineText: (line: number) => string): string {
  switch (result.dialect) {
    case 'oidtrace':
      return "in OID Trace's own form";
    case 'custom':
      return `in your format${first.attrs.dialect ? ` "${first.attrs.dialect}"` : ''}`;
    default:
      // The driver-log reading takes both: TraceFmt's output carries the WPP prefix on every line.
      return hasWppPrefix(lineText(first.line)) ? 'in a WPP trace' : 'in DbgPrint output';
  }
}

/** hv_netvsc first, then hv_pci and the VF's own driver, as they appear. */
function guestDrivers(events: readonly TraceEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) {
    for (const driver of [GUEST_DRIVERS[e.actor], e.attrs.driver]) if (driver) seen.add(driver);
  }
  if (seen.size === 0) seen.add('hv_netvsc');
  return [...seen];
}
