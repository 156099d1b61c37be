/**
 * Next / previous problem: through the pages of the episode shown, then on to the next
 * (or previous) episode that has one, which opens on its first (or last) problem.
 */
import { problemPages } from './diagram-api';
import { view, visibleEpisodes } from './state';

/** The pages of the shown episode that hold a problem. */
export function pagesWithProblems(): number[] {
  const d = view.detail;
  if (!d) return [];
  return problemPages({ episode: d.episode, events: d.events, diagnostics: d.diagnostics }, view.pageSize);
}

/** The page a freshly opened episode shows: that of its first (or last) problem. */
export function openingPage(): number {
  const pages = pagesWithProblems();
  if (pages.length === 0) return 0;
  return view.openAt === 'last' ? pages[pages.length - 1]! : pages[0]!;
}

export type ProblemMove = { page: number } | { episode: number } | undefined;

export function problemMove(delta: 1 | -1): ProblemMove {
  const pages = pagesWithProblems();
  const onPage = delta > 0 ? pages.find((p) => p > view.page) : [...pages].reverse().find((p) => p < view.page);
  if (onPage !== undefined) return { page: onPage };
  const list = visibleEpisodes();
  const at = list.findIndex((e) => e.index === view.detail?.episode.index);
  for (let k = at + delta; k >= 0 && k < list.length; k += delta) {
    if (list[k]!.problems > 0) return { episode: list[k]!.index };
  }
  return undefined;
}

/** The page of the shown episode that draws trace line `line`, if one does. */
export function pageOfLine(line: number): number | undefined {
  const d = view.detail;
  if (!d) return undefined;
  const members = new Set(d.episode.events);
  const drawn = d.events.filter((ev) => members.has(ev.index) || ev.episode === d.episode.index);
  const at = drawn.findIndex((ev) => ev.line === line);
  return at < 0 ? undefined : Math.floor(at / Math.max(1, view.pageSize));
}
