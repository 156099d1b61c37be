/**
 * The messages between the extension and the preview webview: the only contract
 * between the two sides, imported by both. The extension sends data, never HTML.
 */
import type { Diagnostic, Episode, EpisodeKind, TraceEvent } from '../engine';

export interface EpisodeSummary {
  index: number;
  title: string;
  kind: EpisodeKind;
  problems: number;
  firstLine: number;
  lastLine: number;
  /** Time of the episode's first and last events (ms, as the trace's stamps give them). */
  firstTime?: number;
  lastTime?: number;
  /** In a correlation: the file of the first line. */
  source?: number;
}

export interface EpisodeDetail {
  episode: Episode;
  /** The episode's events (and the requests its completions answer). */
  events: TraceEvent[];
  /** Diagnostics on those events. */
  diagnostics: Diagnostic[];
}

export interface TraceMessage {
  type: 'trace';
  /** Increases with every update; the webview drops older ones. */
  generation: number;
  fileName: string;
  locked: boolean;
  /** Messages per diagram page (the oidtrace.preview.pageSize setting). */
  pageSize: number;
  episodes: EpisodeSummary[];
  detail?: EpisodeDetail;
  /** 1-based trace line to highlight (the editor's cursor). */
  highlightLine?: number;
  /** The trace is still being read from disk: what it shows so far (lines read). */
  readingLines?: number;
}

export interface EpisodeMessage {
  type: 'episode';
  generation: number;
  detail: EpisodeDetail;
  highlightLine?: number;
}

export interface HighlightMessage {
  type: 'highlight';
  line: number;
}

export interface RequestSvgMessage {
  type: 'requestSvg';
  requestId: number;
}

export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** Nothing to draw yet, and why (the trace is being read). */
export interface StatusMessage {
  type: 'status';
  message: string;
}

export type ToWebview = TraceMessage | EpisodeMessage | HighlightMessage | RequestSvgMessage | ErrorMessage | StatusMessage;

export interface ReadyMessage {
  type: 'ready';
}
export interface SelectEpisodeMessage {
  type: 'selectEpisode';
  index: number;
}
export interface RevealMessage {
  type: 'reveal';
  line: number;
  /** In a correlation: the file (0 the host's, 1 the guest's). */
  source?: number;
}
export interface SvgMessage {
  type: 'svg';
  requestId: number;
  svg: string;
}

/** The user chose a zoom (a number), or Fit (undefined): the next preview opens the same way. */
export interface ZoomMessage {
  type: 'zoom';
  zoom?: number;
}

/** The user asked to search the episodes ("Go to Episode…"). */
export interface SearchEpisodesMessage {
  type: 'searchEpisodes';
}

export type FromWebview = ReadyMessage | SelectEpisodeMessage | RevealMessage | SvgMessage | ZoomMessage | SearchEpisodesMessage;

/** What the webview keeps with vscode.setState and the serializer restores. */
export interface PreviewState {
  resource: string;
  locked: boolean;
  /** Names the preview across window reloads (what it shows now is kept by the extension). */
  id?: string;
  episode?: number;
  /** The user's zoom; undefined: fit the width (never above 100 %). */
  zoom?: number;
  /** Draw the documented order over the trace (on unless the user turned it off). */
  documented?: boolean;
  /** Each message's time at the start of its label. */
  times?: boolean;
}

/**
 * Messages from the webview are untrusted input: checked for shape and ranges
 * before the extension acts on them. Returns undefined for anything else.
 */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** 31;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'searchEpisodes':
      return { type: 'searchEpisodes' };
    case 'selectEpisode':
      return isCount(m.index) ? { type: 'selectEpisode', index: m.index } : undefined;
    case 'reveal':
      if (!isCount(m.line) || m.line < 1) return undefined;
      if (m.source === undefined) return { type: 'reveal', line: m.line };
      return isCount(m.source) && m.source < 16 ? { type: 'reveal', line: m.line, source: m.source } : undefined;
    case 'svg':
      return isCount(m.requestId) && typeof m.svg === 'string' && m.svg.length < 64 * 1024 * 1024 ? { type: 'svg', requestId: m.requestId, svg: m.svg } : undefined;
    case 'zoom':
      if (m.zoom === undefined) return { type: 'zoom' };
      return typeof m.zoom === 'number' && Number.isFinite(m.zoom) && m.zoom >= 0.05 && m.zoom <= 10 ? { type: 'zoom', zoom: m.zoom } : undefined;
    default:
      return undefined;
  }
}

export function summarize(episode: Episode, events: readonly TraceEvent[] = []): EpisodeSummary {
  const first = events[episode.events[0] ?? -1];
  const last = events[episode.events[episode.events.length - 1] ?? -1];
  return {
    index: episode.index,
    title: episode.title,
    kind: episode.kind,
    problems: episode.problems,
    firstLine: episode.firstLine,
    lastLine: episode.lastLine,
    ...(first?.time !== undefined ? { firstTime: first.time } : {}),
    ...(last?.time !== undefined ? { lastTime: last.time } : {}),
    ...(first?.source !== undefined ? { source: first.source } : {}),
  };
}

/** The detail of one episode, cut from a whole analysis. */
export function episodeDetail(
  result: { events: readonly TraceEvent[]; diagnostics: readonly Diagnostic[]; episodes: readonly Episode[] },
  index: number,
): EpisodeDetail | undefined {
  const episode = result.episodes[index];
  if (!episode) return undefined;
  const wanted = new Set(episode.events);
  // Completions drawn in the episode may answer requests outside it: bring those along for latencies.
  for (const i of episode.events) {
    const pair = result.events[i]?.pair;
    if (pair !== undefined) wanted.add(pair);
  }
  const events = [...wanted]
    .sort((a, b) => a - b)
    .map((i) => result.events[i]!)
    .filter(Boolean);
  const diagnostics = result.diagnostics.filter((d) => d.event !== undefined && wanted.has(d.event));
  return { episode, events, diagnostics };
}

/** The episode that holds a line: the one whose events include it, else whose span covers it. */
export function episodeAtLine(result: { events: readonly TraceEvent[]; episodes: readonly Episode[] }, line: number): number | undefined {
  let best: Episode | undefined;
  for (const e of result.episodes) {
    if (line < e.firstLine || line > e.lastLine) continue;
    if (e.events.some((i) => result.events[i]?.line === line)) return e.index;
    if (!best || e.lastLine - e.firstLine < best.lastLine - best.firstLine) best = e;
  }
  return best?.index;
}
