/** Hover on an OID name or code: what it is, who sends it, where it stands in the documented orders, and this event's timing. */
import * as vscode from 'vscode';
import { catalog, elapsedMs, type TraceEvent } from '../engine';
import { eventAt, type AnalysisCache } from './analysis-cache';

const TYPE_NAMES: Record<string, string> = { Q: 'Query', S: 'Set', M: 'Method', 'M/S': 'Method or Set', 'Q/S': 'Query or Set' };
const OID_WORD = /OID_[A-Z0-9_]+|(?:0x)?000102[0-9A-Fa-f]{2}/;

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value >= 10 ? 0 : 2)} ms`;
}

export function oidMarkdown(name: string): vscode.MarkdownString | undefined {
  const info = catalog.oidByName(name);
  const md = new vscode.MarkdownString();
  if (!info) {
    const suggestion = catalog.suggestOidName(name);
    if (!suggestion) return undefined;
    md.appendMarkdown(`**${name}** is not a known OID; did you mean \`${suggestion}\`?`);
    return md;
  }
  md.appendMarkdown(`**${info.name}** \`${catalog.formatCode(info.code)}\` — ${TYPE_NAMES[info.type] ?? info.type} request\n\n`);
  md.appendMarkdown(`${info.summary[0]!.toUpperCase()}${info.summary.slice(1)}.\n\n`);
  md.appendMarkdown(
    `Issued by ${catalog.actorTitle(info.issuer)} → handled by ${catalog.actorTitle(info.handler)}${info.issuer === 'VSTACK' ? ' (through NDIS)' : ''}.\n\n`,
  );
  for (const { sequence, step } of catalog.placesOfOid(info.name)) {
    md.appendMarkdown(`Documented: **${step.id}** of the ${sequence.title} ([${sequence.page}](${sequence.docs}))\n\n`);
  }
  if (info.name === 'OID_SWITCH_NIC_REQUEST') md.appendMarkdown('Wraps an SR-IOV OID while it passes extensible-switch extensions.\n\n');
  return md;
}

function eventMarkdown(md: vscode.MarkdownString, ev: TraceEvent, events: readonly TraceEvent[]): void {
  const lines: string[] = [];
  if (ev.attrs.wrappedIn) lines.push(`Arrived wrapped in ${ev.attrs.wrappedIn}.`);
  const request = ev.kind === 'completion' ? (ev.pair !== undefined ? events[ev.pair] : undefined) : ev;
  const completion = ev.kind === 'completion' ? ev : ev.pair !== undefined ? events[ev.pair] : undefined;
  if (request && ev.episode !== undefined && request.step) {
    const previous = events
      .slice(0, request.index)
      .reverse()
      .find((e) => e.episode === request.episode && e.step && e.kind !== 'completion');
    const since = elapsedMs(previous?.time, request.time);
    if (previous && since !== undefined) {
      lines.push(`${ms(since)} since the previous step (${previous.step} at line ${previous.line}).`);
    }
  }
  if (ev.kind === 'request') {
    if (completion) {
      const status = completion.status?.name ?? 'no status (success)';
      const latency = elapsedMs(ev.time, completion.time);
      const took = latency !== undefined ? ` after ${ms(latency)}` : '';
      lines.push(`Completed with ${status}${took} (line ${completion.line}).`);
    } else {
      lines.push('Not completed in this trace.');
    }
  } else if (ev.kind === 'completion') {
    if (request) {
      const latency = elapsedMs(request.time, ev.time);
      const took = latency !== undefined ? `, ${ms(latency)} after it` : '';
      lines.push(`Completes the request at line ${request.line}${took}.`);
    } else {
      lines.push('No request for this completion in the trace.');
    }
  }
  if (ev.step) lines.unshift(`This event: step **${ev.step}**${ev.ids.vf !== undefined ? ` of VF ${ev.ids.vf}` : ''}.`);
  if (lines.length) md.appendMarkdown('---\n\n' + lines.join('\n\n'));
}

export class OidHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: AnalysisCache) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const range = document.getWordRangeAtPosition(position, OID_WORD);
    if (!range) return undefined;
    const word = document.getText(range);
    const name = word.startsWith('OID_') ? word : catalog.oidByCode(parseInt(word.replace(/^0x/i, ''), 16))?.name;
    if (!name) return undefined;
    const md = oidMarkdown(name);
    if (!md) return undefined;
    // The analysis of the text as it is now (a big trace's is made after an edit): an
    // earlier version's would describe whatever event stood at this position before.
    const analysis = await this.cache.ensure(document);
    const ev = analysis && analysis.version === document.version ? eventAt(analysis, position) : undefined;
    if (analysis && ev) eventMarkdown(md, ev, analysis.result.events);
    return new vscode.Hover(md, range);
  }
}
