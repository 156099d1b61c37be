/** What the preview shows, shared by its modules: the one place its state lives. */
import type { EpisodeDiagram } from './diagram-api';
import type { EpisodeDetail, EpisodeSummary, PreviewState } from '../preview/protocol';
import { vscode } from './vscode-api';

const app = document.getElementById('app')!;
const initial = JSON.parse(app.dataset.state ?? '{}') as PreviewState;

export const view = {
  persisted: { ...initial, ...(vscode.getState() ?? {}) },
  episodes: [] as EpisodeSummary[],
  detail: undefined as EpisodeDetail | undefined,
  generation: 0,
  page: 0,
  pageSize: 200,
  /** The user's zoom; undefined: fit the width, never above 100 %. */
  zoom: undefined as number | undefined,
  onlyProblems: false,
  documented: true,
  /** Each message's time at the start of its label. */
  times: false,
  highlightLine: undefined as number | undefined,
  /** Lines read so far while the trace is still being read from disk. */
  readingLines: undefined as number | undefined,
  /** Why nothing is shown, when a status or an error cleared the trace. */
  cleared: undefined as { message: string; isError: boolean } | undefined,
  lastDiagram: undefined as EpisodeDiagram | undefined,
  /** Which problem to show when the next episode is drawn: its first or its last. */
  openAt: 'first' as 'first' | 'last',
};
view.zoom = view.persisted.zoom;
view.documented = view.persisted.documented ?? true;
view.times = view.persisted.times ?? false;

export const appRoot = app;

export function saveState(): void {
  view.persisted = { ...view.persisted, episode: view.detail?.episode.index, zoom: view.zoom, documented: view.documented, times: view.times };
  vscode.setState(view.persisted);
}

export function visibleEpisodes(): EpisodeSummary[] {
  return view.onlyProblems ? view.episodes.filter((e) => e.problems > 0) : view.episodes;
}
