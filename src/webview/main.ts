/**
 * The preview webview: an episode picker, the episode's sequence diagram (the engine's
 * Mermaid text, rendered by the bundled Mermaid in strict mode) with the documented order
 * drawn over it, the checklist, and navigation both ways. Trace text only ever reaches
 * the page as text nodes or through the engine's escaping. This module wires the parts
 * and speaks with the extension; each part is its own module.
 */
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeCheckbox } from '@vscode/webview-ui-toolkit';
import type { ToWebview } from '../preview/protocol';
import { fillChecklist } from './checklist';
import { applyHighlight, wireClicks } from './diagram-dom';
import { timed } from './dom';
import { standaloneSvg } from './export-svg';
import { canvas, lockBadge, next, nextProblem, pageNext, pagePrev, prev, prevProblem, reference, searchEpisodes, showStatus, times } from './layout';
import { wireParticipantHeader } from './participant-header';
import { resetPicker, syncPicker, wirePicker } from './picker';
import { openingPage, pageOfLine, problemMove } from './problems';
import { clearDrawing, loadDiagramType, render, renderWhenSettled, themeChanged, themePalette } from './render';
import { saveState, view, visibleEpisodes } from './state';
import { onThemeChange } from './theme';
import { vscode } from './vscode-api';
import { applyZoom, setZoom, currentScale, wireZoom } from './zoom';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeBadge());

function reveal(line: number, source: number | undefined): void {
  vscode.postMessage(source === undefined ? { type: 'reveal', line } : { type: 'reveal', line, source });
}

/** What follows every drawing: the checklist, the picker, and the status when nothing is drawn. */
function afterRender(): void {
  fillChecklist(reveal);
  syncPicker();
  if (!view.detail) {
    if (view.cleared) showStatus(view.cleared.message, view.cleared.isError);
    else if (view.episodes.length === 0) showStatus('No SR-IOV OID events in this trace.');
    else if (view.onlyProblems && visibleEpisodes().length === 0) showStatus('No episode has a problem.');
    else showStatus('Select an episode.');
  } else if (view.onlyProblems && visibleEpisodes().length === 0) {
    showStatus('No episode has a problem.');
  }
}

const draw = () => render(afterRender);

/** Nothing shown: no episodes, no diagram, no checklist; only `why`. */
function clearTrace(why: { message: string; isError: boolean }): void {
  view.cleared = why;
  view.detail = undefined;
  view.episodes = [];
  view.page = 0;
  view.readingLines = undefined;
  view.highlightLine = undefined;
  view.lastDiagram = undefined;
  clearDrawing();
  fillChecklist(reveal);
  resetPicker();
  saveState();
  showStatus(why.message, why.isError);
}

function select(index: number, openAt: 'first' | 'last' = 'first'): void {
  if (view.detail?.episode.index === index) return;
  view.openAt = openAt;
  vscode.postMessage({ type: 'selectEpisode', index });
}

function stepEpisode(delta: number): void {
  const list = visibleEpisodes();
  if (list.length === 0) return;
  const at = list.findIndex((e) => e.index === view.detail?.episode.index);
  select(list[Math.min(list.length - 1, Math.max(0, (at < 0 ? 0 : at) + delta))]!.index);
}

function stepProblem(delta: 1 | -1): void {
  const move = problemMove(delta);
  if (!move) return showStatus(delta > 0 ? 'No problem after this one.' : 'No problem before this one.');
  if ('page' in move) {
    view.page = move.page;
    void draw();
  } else {
    select(move.episode, delta > 0 ? 'first' : 'last');
  }
}

/** A new episode is shown: it opens on the page of the editor's cursor line, else of its first (or last) problem. */
function showEpisode(changed: boolean): void {
  if (!changed) return;
  const cursor = view.highlightLine === undefined ? undefined : pageOfLine(view.highlightLine);
  view.page = cursor ?? openingPage();
}

wirePicker(select, () => {
  const list = visibleEpisodes();
  if (list.length && !list.some((e) => e.index === view.detail?.episode.index)) select(list[0]!.index);
  afterRender();
});
wireZoom();
wireParticipantHeader();
wireClicks(reveal);
prev.addEventListener('click', () => stepEpisode(-1));
next.addEventListener('click', () => stepEpisode(1));
searchEpisodes.addEventListener('click', () => vscode.postMessage({ type: 'searchEpisodes' }));
prevProblem.addEventListener('click', () => stepProblem(-1));
nextProblem.addEventListener('click', () => stepProblem(1));
(reference as unknown as { checked: boolean }).checked = view.documented;
reference.addEventListener('change', () => {
  view.documented = (reference as unknown as { checked: boolean }).checked;
  saveState();
  void draw();
});
(times as unknown as { checked: boolean }).checked = view.times;
times.addEventListener('change', () => {
  view.times = (times as unknown as { checked: boolean }).checked;
  saveState();
  void draw();
});
pagePrev.addEventListener('click', () => {
  if (view.page > 0) {
    view.page--;
    void draw();
  }
});
pageNext.addEventListener('click', () => {
  if (view.lastDiagram && view.page < view.lastDiagram.pages - 1) {
    view.page++;
    void draw();
  }
});
document.addEventListener('keydown', (e) => {
  if (e.altKey && e.key === 'ArrowUp') stepEpisode(-1);
  else if (e.altKey && e.key === 'ArrowDown') stepEpisode(1);
  else if (e.key === 'F8') stepProblem(e.shiftKey ? -1 : 1);
  else if ((e.ctrlKey || e.metaKey) && (e.key === '=' || e.key === '+')) setZoom(currentScale() * 1.2);
  else if ((e.ctrlKey || e.metaKey) && e.key === '-') setZoom(currentScale() / 1.2);
  else return;
  e.preventDefault();
});

function onMessage(m: ToWebview): void {
  switch (m.type) {
    case 'trace': {
      if (m.generation < view.generation) return;
      view.generation = m.generation;
      view.cleared = undefined;
      // The trace shown, re-analysed after an edit (sameTrace); edited: the same episode too.
      const sameTrace = view.detail !== undefined && m.fileName === document.title && m.readingLines === undefined;
      const edited = sameTrace && m.detail?.episode.index === view.detail!.episode.index;
      const changed = m.detail?.episode.index !== view.detail?.episode.index;
      view.episodes = m.episodes;
      view.pageSize = m.pageSize;
      view.detail = m.detail;
      view.highlightLine = m.highlightLine;
      view.readingLines = m.readingLines;
      lockBadge.hidden = !m.locked;
      document.title = m.fileName;
      showEpisode(changed);
      syncPicker();
      saveState();
      if (edited) renderWhenSettled(afterRender);
      else void draw();
      break;
    }
    case 'episode': {
      if (m.generation < view.generation) return;
      view.generation = m.generation;
      view.cleared = undefined;
      const changed = m.detail.episode.index !== view.detail?.episode.index;
      view.detail = m.detail;
      view.highlightLine = m.highlightLine;
      showEpisode(changed);
      view.openAt = 'first';
      syncPicker();
      saveState();
      void draw();
      break;
    }
    case 'highlight':
      view.highlightLine = m.line;
      applyHighlight('if-hidden');
      break;
    case 'requestSvg': {
      const svg = canvas.querySelector('svg');
      vscode.postMessage({ type: 'svg', requestId: m.requestId, svg: svg ? standaloneSvg(svg, themePalette()) : '' });
      break;
    }
    case 'error':
    case 'status':
      // No analysis of the trace to show yet, or none at all: what was on screen is another
      // trace's, and a click on it would open a line of this one.
      clearTrace({ message: m.message, isError: m.type === 'error' });
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  timed(`oidtrace: message ${String((event.data as { type?: unknown } | null)?.type)}`, () => onMessage(event.data));
});

onThemeChange(() => {
  themeChanged();
  void draw();
});
applyZoom();
saveState();
loadDiagramType();
vscode.postMessage({ type: 'ready' });
