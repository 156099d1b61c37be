/**
 * The episode picker: a native <select> (thousands of options build in tens of
 * milliseconds) and a filter box that narrows it as the user types. Each label says
 * which episode, when, where and how bad (see episode-label.ts); the search button
 * asks the extension for "Go to Episode…", a search over every episode's label.
 */
import type { EpisodeSummary } from '../preview/protocol';
import { episodeLabel } from '../preview/episode-label';
import { el, timed } from './dom';
import { filter, picker, problemsOnly } from './layout';
import { view, visibleEpisodes } from './state';

/** What the options were built from; an unchanged list is not rebuilt (switching episodes only selects). */
let builtKey = '';
/** What each option shows (value and label), kept here: reading thousands of options back from the DOM is slow. */
const built: Array<{ value: string; label: string }> = [];
/** Labels by what they are made of: an edit changes a few episodes, not thousands. */
let labels = new Map<string, string>();

function shown(): EpisodeSummary[] {
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const list = visibleEpisodes();
  if (words.length === 0) return list;
  return list.filter((e) => {
    const label = labelOf(e).toLowerCase();
    return words.every((w) => label.includes(w)) || e.index === view.detail?.episode.index;
  });
}

function labelOf(e: EpisodeSummary): string {
  const key = `${e.title}|${e.problems}|${e.firstLine}|${e.firstTime}|${e.lastTime}|${e.source}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = episodeLabel(e);
    labels.set(key, label);
  }
  return label;
}

/** Brings the options up to date: labels change in place, options are added or removed only at the end. */
export function syncPicker(): void {
  timed('oidtrace: picker update', () => {
    if (labels.size > 4 * Math.max(1000, view.episodes.length)) labels = new Map();
    const list = shown();
    const key = `${view.onlyProblems}|${filter.value}|${list.length}|${list.map((e) => `${e.index}:${labelOf(e)}`).join('\n')}`;
    if (key !== builtKey) {
      builtKey = key;
      const options = picker.options;
      const shared = Math.min(built.length, list.length);
      for (let k = 0; k < shared; k++) {
        const e = list[k]!;
        const value = String(e.index);
        const label = labelOf(e);
        const was = built[k]!;
        if (was.value === value && was.label === label) continue;
        const o = options[k]!;
        if (was.value !== value) o.value = value;
        if (was.label !== label) o.textContent = label;
        built[k] = { value, label };
      }
      if (list.length > built.length) {
        const added = list.slice(built.length).map((e) => ({ value: String(e.index), label: labelOf(e) }));
        picker.append(...added.map((a) => el('option', { value: a.value }, a.label)));
        built.push(...added);
      }
      while (built.length > list.length) {
        options[options.length - 1]!.remove();
        built.pop();
      }
    }
    const current = view.detail ? String(view.detail.episode.index) : '';
    if (picker.value !== current) picker.value = current;
    filter.classList.toggle('no-match', filter.value.trim() !== '' && list.every((e) => e.index === view.detail?.episode.index));
  });
}

export function wirePicker(select: (index: number) => void, onOnlyProblems: () => void): void {
  picker.addEventListener('change', () => {
    const value = Number(picker.value);
    if (Number.isInteger(value)) select(value);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  filter.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => syncPicker(), 80);
  });
  // Enter takes the first match; Escape clears the filter.
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      if (timer !== undefined) clearTimeout(timer);
      syncPicker();
      const first = shown().find((x) => x.index !== view.detail?.episode.index) ?? shown()[0];
      if (first) select(first.index);
      e.preventDefault();
    } else if (e.key === 'Escape' && filter.value) {
      filter.value = '';
      syncPicker();
      e.preventDefault();
    }
  });
  problemsOnly.addEventListener('change', () => {
    view.onlyProblems = (problemsOnly as unknown as { checked: boolean }).checked;
    syncPicker();
    onOnlyProblems();
  });
}

/** Resets what the picker shows (a cleared trace). */
export function resetPicker(): void {
  builtKey = '';
  syncPicker();
  labels = new Map();
}
