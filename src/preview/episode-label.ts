/**
 * What an episode is called wherever a user picks one (the preview's picker, the
 * "Go to Episode…" search): which episode, when, where and how bad, e.g.
 * `pf0 · VF 7 teardown · 10:41:07.110–10:41:07.160 · line 8,123 · 2 problems`.
 * Imported by the extension and the webview alike: no VS Code, no Node.
 */
import { timeOfDay } from '../engine/diagram/mermaid';
import type { EpisodeSummary } from './protocol';

/** 8123 -> "8,123" (toLocaleString costs microseconds each, thousands of times per edit). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `10:41:07.110–10:41:07.160`, one time when both are the same, '' without times. */
function episodeTimes(e: Pick<EpisodeSummary, 'firstTime' | 'lastTime'>): string {
  if (e.firstTime === undefined) return '';
  const from = timeOfDay(e.firstTime);
  const to = e.lastTime === undefined ? undefined : timeOfDay(e.lastTime);
  return to !== undefined && to !== from ? `${from}–${to}` : from;
}

/** `line 8,123` (in a correlation, `host line 8,123` or `guest line 8,123`). */
function episodeWhere(e: Pick<EpisodeSummary, 'firstLine' | 'source'>): string {
  const file = e.source === undefined ? '' : e.source === 0 ? 'host ' : 'guest ';
  return `${file}line ${thousands(e.firstLine)}`;
}

function problemCount(n: number): string {
  return n === 0 ? 'no problems' : n === 1 ? '1 problem' : `${thousands(n)} problems`;
}

export function episodeLabel(e: EpisodeSummary): string {
  const time = episodeTimes(e);
  return `${e.title}${time ? ` · ${time}` : ''} · ${episodeWhere(e)} · ${problemCount(e.problems)}`;
}
