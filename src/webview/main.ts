/**
 * The preview webview: an episode picker, the episode's sequence diagram (the
 * engine's Mermaid text, rendered by the bundled Mermaid in strict mode), the
 * documented-order checklist, and navigation both ways. Trace text only ever
 * reaches the page as text nodes or through the engine's escaping.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
  vsCodeDropdown,
  vsCodeOption,
} from '@vscode/webview-ui-toolkit';
import mermaid from 'mermaid';
import { episodeDiagram, referenceDiagram, type EpisodeDiagram, type SequenceIdLike } from './diagram-api';
import type { EpisodeDetail, EpisodeSummary, PreviewState, ToWebview } from '../preview/protocol';
import { highlightColors, onThemeChange, themeKind } from './theme';
import { vscode } from './vscode-api';

provideVSCodeDesignSystem().register(
  vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption(), vsCodeBadge(),
  vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(),
);

let pageSize = 200;
const app = document.getElementById('app')!;
const initial = JSON.parse(app.dataset.state ?? '{}') as PreviewState;
let state: PreviewState = { ...initial, ...(vscode.getState() ?? {}) };

let episodes: EpisodeSummary[] = [];
let detail: EpisodeDetail | undefined;
let generation = 0;
let renderGeneration = 0;
let page = 0;
let zoom = state.zoom ?? 1;
let onlyProblems = false;
let showReference = false;
let highlightLine: number | undefined;
/** Lines read so far while the trace is still being read from disk. */
let readingLines: number | undefined;
/** Why nothing is shown, when a status or an error cleared the trace. */
let cleared: { message: string; isError: boolean } | undefined;
let lastDiagram: EpisodeDiagram | undefined;

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---- layout ----
const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
const picker = el('vscode-dropdown', { id: 'episode-picker', 'aria-label': 'Episode' });
const problemsOnly = el('vscode-checkbox', { id: 'only-problems' }, 'Only episodes with problems');
const prev = el('vscode-button', { id: 'prev-episode', appearance: 'icon', title: 'Previous episode (Alt+Up)', 'aria-label': 'Previous episode' }, '▲');
const next = el('vscode-button', { id: 'next-episode', appearance: 'icon', title: 'Next episode (Alt+Down)', 'aria-label': 'Next episode' }, '▼');
const zoomOut = el('vscode-button', { id: 'zoom-out', appearance: 'icon', title: 'Zoom out (Ctrl+wheel)', 'aria-label': 'Zoom out' }, '−');
const zoomIn = el('vscode-button', { id: 'zoom-in', appearance: 'icon', title: 'Zoom in (Ctrl+wheel)', 'aria-label': 'Zoom in' }, '+');
const zoomFit = el('vscode-button', { id: 'zoom-fit', appearance: 'secondary', title: 'Fit to width' }, 'Fit');
const zoomReset = el('vscode-button', { id: 'zoom-reset', appearance: 'secondary', title: 'Reset zoom' }, '100%');
const reference = el('vscode-checkbox', { id: 'show-reference' }, 'Documented order');
const pager = el('span', { class: 'pager', hidden: '' });
const pagePrev = el('vscode-button', { id: 'page-prev', appearance: 'secondary' }, '‹ Page');
const pageLabel = el('span', { class: 'page-label' });
const pageNext = el('vscode-button', { id: 'page-next', appearance: 'secondary' }, 'Page ›');
pager.append(pagePrev, pageLabel, pageNext);
const lockBadge = el('vscode-badge', { id: 'lock-badge', hidden: '' }, 'locked');
toolbar.append(picker, prev, next, problemsOnly, el('span', { class: 'sep' }), zoomOut, zoomIn, zoomFit, zoomReset, reference, pager, lockBadge);

const body = el('div', { class: 'body' });
const viewport = el('div', { class: 'viewport', id: 'viewport', tabindex: '0' });
const canvas = el('div', { class: 'canvas', id: 'diagram' });
const referenceBox = el('div', { class: 'reference', id: 'reference', hidden: '' });
viewport.append(canvas, referenceBox);
const side = el('div', { class: 'side' });
const checklistTitle = el('h2', { id: 'checklist-title' }, 'Documented order');
const checklist = el('vscode-data-grid', { id: 'checklist', 'aria-label': 'Documented order checklist', 'grid-template-columns': '5.5em 1fr 7.5em 5.5em' });
side.append(checklistTitle, checklist);
body.append(viewport, side);
const status = el('div', { class: 'status', id: 'status', role: 'status' });
app.append(toolbar, status, body);

/** Nothing shown: no episodes, no diagram, no checklist (a draw under way is dropped); only `why`. */
function clearTrace(why: { message: string; isError: boolean }): void {
  cleared = why;
  ++renderGeneration;
  if (settleTimer !== undefined) {
    clearTimeout(settleTimer);
    settleTimer = undefined;
  }
  detail = undefined;
  episodes = [];
  page = 0;
  readingLines = undefined;
  highlightLine = undefined;
  renderedKey = '';
  lastDiagram = undefined;
  canvas.replaceChildren();
  checklist.replaceChildren();
  referenceBox.replaceChildren();
  referenceBox.hidden = true;
  pager.hidden = true;
  syncPicker();
  saveState();
  showStatus(why.message, why.isError);
}

function saveState(): void {
  state = { ...state, episode: detail?.episode.index, zoom };
  vscode.setState(state);
}

function showStatus(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

// ---- episode picker ----
function visibleEpisodes(): EpisodeSummary[] {
  return onlyProblems ? episodes.filter((e) => e.problems > 0) : episodes;
}

/** What the picker's options were built from; an unchanged list is not rebuilt (switching episodes only selects). */
let pickerKey = '';
/** The full list is still to be built (after the diagram is drawn). */
let pickerPending = false;
/** Above this many options the full list is built after the diagram is drawn, not before. */
const PICKER_DEFER = 300;

function optionLabel(e: EpisodeSummary): string {
  return `${e.title} — ${e.problems === 0 ? 'no problems' : e.problems === 1 ? '1 problem' : `${e.problems} problems`}`;
}

function selectInPicker(): void {
  if (!detail) return;
  if (pickerStale) return showCurrentInStalePicker();
  (picker as unknown as { value: string }).value = String(detail.episode.index);
}

/**
 * An edit's episode list not yet applied to the picker's options. Adding or removing one
 * option makes the toolkit's dropdown go over all of them again (about 60 ms for 2,815 on
 * an idle machine, twice that while typing on a busy one; the editor bench found these
 * were the preview's longest tasks), and an episode added mid-list shifts every later
 * option's value. So while the user types in the trace and the dropdown is closed, only
 * the label it shows is kept right; the list is brought up to date when the user reaches
 * for the picker (pointer, key or focus), before the dropdown acts.
 */
let pickerStale: EpisodeSummary[] | undefined;
/** Above this many options to touch, an edit's picker update waits for the user (see pickerStale). */
const PICKER_EAGER_CHANGES = 50;

function showCurrentInStalePicker(): void {
  const current = detail && pickerStale?.find((e) => e.index === detail!.episode.index);
  const value = current ? String(current.index) : undefined;
  const option = value === undefined ? undefined : [...picker.children].find((o) => o.getAttribute('value') === value);
  if (!current || !option) return applyStalePicker(); // the closed dropdown could not show it: apply the list now
  const label = optionLabel(current);
  if (option.textContent !== label) option.textContent = label;
  (picker as unknown as { value: string }).value = value!;
}

function applyStalePicker(): void {
  const list = pickerStale;
  if (list) updatePicker(list);
}

/** How many options updatePicker(list) would change; any option added or removed counts as all of them. */
function pickerChanges(list: EpisodeSummary[]): number {
  const options = picker.children;
  if (options.length !== list.length) return Math.max(options.length, list.length);
  let n = 0;
  for (let k = 0; k < list.length; k++) {
    const o = options[k]!;
    const e = list[k]!;
    if (o.getAttribute('value') !== String(e.index) || o.textContent !== optionLabel(e)) n++;
  }
  return n;
}

function pickerInUse(): boolean {
  return picker.matches(':focus-within') || picker.hasAttribute('open');
}

for (const type of ['pointerdown', 'keydown', 'focusin']) picker.addEventListener(type, applyStalePicker, { capture: true });

/** Options are added this many at a time, a task each: thousands never hold the page for long. */
const PICKER_BATCH = 250;
let pickerBuild = 0;

/** True once the picker holds every option of the list it was last built or updated for. */
let pickerBuilt = false;

function pickerOption(e: EpisodeSummary): HTMLElement {
  const o = el('vscode-option', { value: String(e.index) }, optionLabel(e));
  if (detail && e.index === detail.episode.index) o.setAttribute('selected', '');
  return o;
}

function buildPicker(list: EpisodeSummary[]): void {
  // A dropdown of thousands of options stays usable: the list is plain text options.
  const mine = ++pickerBuild;
  pickerBuilt = false;
  pickerStale = undefined;
  timed('oidtrace: picker batch', () => {
    picker.replaceChildren(...list.slice(0, PICKER_BATCH).map(pickerOption));
    selectInPicker();
  });
  const more = (from: number) => {
    if (mine !== pickerBuild) return;
    if (from >= list.length) {
      pickerBuilt = !pickerPending;
      return;
    }
    timed('oidtrace: picker batch', () => {
      picker.append(...list.slice(from, from + PICKER_BATCH).map(pickerOption));
      selectInPicker();
    });
    setTimeout(() => more(from + PICKER_BATCH), 0);
  };
  if (list.length <= PICKER_BATCH) pickerBuilt = !pickerPending;
  else setTimeout(() => more(PICKER_BATCH), 0);
}

/**
 * The built picker made to show `list`: option k shows list[k]. Labels and values change in
 * place; only options past the end of the shorter list are added or removed.
 */
function updatePicker(list: EpisodeSummary[]): void {
  ++pickerBuild; // a batched build still running would now add stale options
  pickerStale = undefined;
  timed('oidtrace: picker update', () => {
    const options = picker.children;
    const shared = Math.min(options.length, list.length);
    for (let k = 0; k < shared; k++) {
      const o = options[k] as HTMLElement;
      const e = list[k]!;
      const value = String(e.index);
      if (o.getAttribute('value') !== value) o.setAttribute('value', value);
      const label = optionLabel(e);
      if (o.textContent !== label) o.textContent = label;
    }
    if (list.length > options.length) picker.append(...list.slice(options.length).map(pickerOption));
    while (options.length > list.length) options[options.length - 1]!.remove();
    selectInPicker();
  });
}

/**
 * Brings the picker up to date. Switching episodes only moves the selection; a
 * new list of thousands of episodes first shows the current one alone, and the
 * rest is filled in once the diagram is on screen (`finishPicker`).
 */
function syncPicker(fromEdit = false): void {
  const list = visibleEpisodes();
  const key = `${onlyProblems}|${list.map((e) => `${e.index}:${e.problems}:${e.title}`).join('\n')}`;
  if (key === pickerKey) {
    if (pickerPending) {
      const current = list.find((e) => e.index === detail?.episode.index);
      return buildPicker(current ? [current] : []);
    }
    return selectInPicker();
  }
  pickerKey = key;
  // A list already on screen is updated in place: an edit of the trace changes a count or a
  // title, adds or drops an episode, but rebuilding thousands of options would cost each
  // option's set-up again (the editor bench saw a dozen 50–100 ms tasks per update).
  if (pickerBuilt && !pickerPending && list.length - picker.children.length <= PICKER_BATCH) {
    if (fromEdit && !pickerInUse() && pickerChanges(list) > PICKER_EAGER_CHANGES) {
      pickerStale = list;
      return showCurrentInStalePicker();
    }
    return updatePicker(list);
  }
  pickerPending = list.length > PICKER_DEFER && detail !== undefined;
  if (!pickerPending) return buildPicker(list);
  const current = list.find((e) => e.index === detail?.episode.index);
  buildPicker(current ? [current] : []);
}

/** After a render: the deferred full list, once the browser has painted the diagram. */
function finishPicker(): void {
  if (!pickerPending) return;
  requestAnimationFrame(() => setTimeout(() => {
    if (!pickerPending) return;
    pickerPending = false;
    buildPicker(visibleEpisodes());
  }, 0));
}

function select(index: number): void {
  if (detail?.episode.index === index) return;
  page = 0;
  vscode.postMessage({ type: 'selectEpisode', index });
}

function step(delta: number): void {
  const list = visibleEpisodes();
  if (list.length === 0) return;
  const at = list.findIndex((e) => e.index === detail?.episode.index);
  const nextIndex = list[Math.min(list.length - 1, Math.max(0, (at < 0 ? 0 : at) + delta))]!.index;
  select(nextIndex);
}

picker.addEventListener('change', () => {
  const value = Number((picker as unknown as { value: string }).value);
  if (Number.isInteger(value)) select(value);
});
problemsOnly.addEventListener('change', () => {
  onlyProblems = (problemsOnly as unknown as { checked: boolean }).checked;
  syncPicker();
  finishPicker();
  const list = visibleEpisodes();
  if (list.length && !list.some((e) => e.index === detail?.episode.index)) select(list[0]!.index);
});
prev.addEventListener('click', () => step(-1));
next.addEventListener('click', () => step(1));
document.addEventListener('keydown', (e) => {
  if (e.altKey && e.key === 'ArrowUp') step(-1);
  else if (e.altKey && e.key === 'ArrowDown') step(1);
  else if ((e.ctrlKey || e.metaKey) && (e.key === '=' || e.key === '+')) setZoom(zoom * 1.2);
  else if ((e.ctrlKey || e.metaKey) && e.key === '-') setZoom(zoom / 1.2);
  else return;
  e.preventDefault();
});

// ---- zoom and pan ----
function setZoom(z: number): void {
  zoom = Math.min(8, Math.max(0.1, z));
  canvas.style.transform = `scale(${zoom})`;
  zoomReset.textContent = `${Math.round(zoom * 100)}%`;
  saveState();
}
zoomIn.addEventListener('click', () => setZoom(zoom * 1.2));
zoomOut.addEventListener('click', () => setZoom(zoom / 1.2));
zoomReset.addEventListener('click', () => setZoom(1));
zoomFit.addEventListener('click', () => {
  const svg = canvas.querySelector('svg');
  if (!svg) return;
  const width = svg.getBoundingClientRect().width / zoom;
  if (width > 0) setZoom((viewport.clientWidth - 24) / width);
});
viewport.addEventListener('wheel', (e) => {
  if (!e.ctrlKey) return;
  e.preventDefault();
  setZoom(zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
}, { passive: false });
let drag: { x: number; y: number; left: number; top: number } | undefined;
viewport.addEventListener('mousedown', (e) => {
  if (e.button !== 0 || (e.target as Element).closest('.clickable')) return;
  drag = { x: e.clientX, y: e.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
  viewport.classList.add('dragging');
});
window.addEventListener('mousemove', (e) => {
  if (!drag) return;
  viewport.scrollLeft = drag.left - (e.clientX - drag.x);
  viewport.scrollTop = drag.top - (e.clientY - drag.y);
});
window.addEventListener('mouseup', () => {
  drag = undefined;
  viewport.classList.remove('dragging');
});

// ---- reference ----
reference.addEventListener('change', () => {
  showReference = (reference as unknown as { checked: boolean }).checked;
  void render();
});

pagePrev.addEventListener('click', () => { if (page > 0) { page--; void render(); } });
pageNext.addEventListener('click', () => { if (lastDiagram && page < lastDiagram.pages - 1) { page++; void render(); } });

// ---- rendering ----
let mermaidTheme = '';
function initMermaid(): void {
  const kind = themeKind();
  const theme = kind === 'light' ? 'default' : 'dark';
  if (theme === mermaidTheme) return;
  mermaidTheme = theme;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    maxTextSize: 500_000,
    maxEdges: 5_000,
    fontFamily: 'var(--vscode-font-family)',
    sequence: { useMaxWidth: false, wrap: false, showSequenceNumbers: false, mirrorActors: false },
  });
}

let svgCounter = 0;
async function renderMermaid(text: string): Promise<string> {
  const id = `oidtrace-svg-${++svgCounter}`;
  const { svg } = await mermaid.render(id, text);
  return svg;
}

/** What the diagram on screen was drawn from (see render). */
let renderedKey = '';

function statusText(): string {
  if (!detail) return '';
  const reading = readingLines === undefined ? '' : ` — still reading the trace (${readingLines.toLocaleString('en')} lines so far)`;
  return `${detail.episode.title}: lines ${detail.episode.firstLine}–${detail.episode.lastLine}, ${detail.episode.problems} problem${detail.episode.problems === 1 ? '' : 's'}${reading}`;
}

/**
 * While the user types in the trace, updates come every few hundred milliseconds: the
 * diagram is drawn once they pause (Mermaid holds the page for tens of milliseconds per
 * drawing), as VS Code's Markdown preview does. The status line follows at once.
 */
const EDIT_SETTLE_MS = 400;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
function renderWhenSettled(): void {
  if (settleTimer !== undefined) clearTimeout(settleTimer);
  showStatus(statusText());
  settleTimer = setTimeout(() => {
    settleTimer = undefined;
    void render();
  }, EDIT_SETTLE_MS);
}

async function render(): Promise<void> {
  if (settleTimer !== undefined) {
    clearTimeout(settleTimer); // drawn now, with the newest detail
    settleTimer = undefined;
  }
  const mine = ++renderGeneration;
  if (!detail) {
    canvas.replaceChildren();
    checklist.replaceChildren();
    // Cleared for a status or an error (a theme change or a toolbar button redraws): it stays.
    if (cleared) showStatus(cleared.message, cleared.isError);
    else showStatus(episodes.length === 0 ? 'No SR-IOV OID events in this trace.' : 'Select an episode.');
    return;
  }
  const diagram = episodeDiagram(
    { episode: detail.episode, events: detail.events, diagnostics: detail.diagnostics },
    { page, pageSize, ...highlightColors() },
  );
  // What Mermaid would draw is what is on screen (an edit elsewhere in the trace, or one that
  // only moved lines): Mermaid is not run again; the click targets, the status, the checklist,
  // the highlight and the picker follow.
  const key = JSON.stringify([diagram.text, showReference ? detail.episode.sequence : '', themeKind()]);
  lastDiagram = diagram;
  if (key === renderedKey && canvas.querySelector('svg')) {
    wireDiagram(diagram);
    showStatus(statusText());
    return afterRender(diagram);
  }
  initMermaid();
  const keepLeft = viewport.scrollLeft;
  const keepTop = viewport.scrollTop;
  const drawStart = performance.now();
  try {
    const svg = await renderMermaid(diagram.text);
    const ref = showReference && detail.episode.sequence ? await renderMermaid(referenceDiagram(detail.episode.sequence as SequenceIdLike)) : undefined;
    if (mine !== renderGeneration) return measure('oidtrace: draw (overtaken)', drawStart); // a newer render started: this one is abandoned
    canvas.innerHTML = svg; // Mermaid's own output in strict mode (sanitised by it); labels were escaped by the engine
    if (ref) {
      referenceBox.innerHTML = ref;
      referenceBox.hidden = false;
      referenceBox.prepend(el('h2', {}, 'Documented order'));
    } else {
      referenceBox.replaceChildren();
      referenceBox.hidden = true;
    }
    wireDiagram(diagram);
    viewport.scrollLeft = keepLeft;
    viewport.scrollTop = keepTop;
    showStatus(statusText());
    renderedKey = key;
  } catch (error) {
    if (mine !== renderGeneration) return measure('oidtrace: draw (overtaken)', drawStart);
    renderedKey = '';
    canvas.replaceChildren(el('pre', { class: 'render-error' }, `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
    showStatus('Rendering failed; the checklist is still correct.', true);
  }
  measure('oidtrace: draw', drawStart);
  afterRender(diagram);
}

/** What follows every render, drawn or not: the pager, the checklist, the highlight, the picker. */
function afterRender(diagram: EpisodeDiagram): void {
  timed('oidtrace: after render', () => {
    pager.hidden = diagram.pages <= 1;
    pageLabel.textContent = `${diagram.page + 1} / ${diagram.pages}`;
    fillChecklist();
    applyHighlight();
    finishPicker();
  });
}

/** Asks the extension to show a trace line (in a correlation, of the file `source`). */
function reveal(line: number, source: number | undefined): void {
  vscode.postMessage(source === undefined ? { type: 'reveal', line } : { type: 'reveal', line, source });
}

/**
 * Messages and notes are clickable: each reveals its trace line. The line (and, in a
 * correlation, the file) is on the element, so a redraw-free update only moves attributes;
 * one listener on the canvas handles every click.
 */
function wireDiagram(diagram: EpisodeDiagram): void {
  const messages = diagram.elements.filter((e) => e.kind === 'message');
  const notes = diagram.elements.filter((e) => e.kind === 'note');
  const mark = (target: Element, line: number, source: number | undefined) => {
    target.classList.add('clickable');
    target.setAttribute('data-line', String(line));
    if (source === undefined) target.removeAttribute('data-source');
    else target.setAttribute('data-source', String(source));
  };
  const texts = canvas.querySelectorAll<SVGTextElement>('text.messageText');
  const lines = canvas.querySelectorAll<SVGLineElement>('line[class^="messageLine"], path[class^="messageLine"]');
  texts.forEach((t, i) => {
    const m = messages[i];
    if (!m) return;
    mark(t, m.line, m.source);
    lines[i]?.setAttribute('data-line', String(m.line));
  });
  canvas.querySelectorAll<SVGElement>('g > rect.note').forEach((rect, i) => {
    const n = notes[i];
    if (n) mark(rect.parentElement!, n.line, n.source);
  });
}

canvas.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest('.clickable[data-line]');
  if (!target || !canvas.contains(target)) return;
  const line = Number(target.getAttribute('data-line'));
  const source = target.getAttribute('data-source');
  if (Number.isInteger(line) && line > 0) reveal(line, source === null ? undefined : Number(source));
});

function applyHighlight(): void {
  canvas.querySelectorAll('.current').forEach((e) => e.classList.remove('current'));
  if (highlightLine === undefined) return;
  const hits = canvas.querySelectorAll<SVGElement>(`[data-line="${highlightLine}"]`);
  hits.forEach((e) => e.classList.add('current'));
  (hits[0] as unknown as Element | undefined)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

const STATE_LABEL: Record<string, string> = {
  'in-order': 'in order',
  'out-of-order': 'out of order',
  missing: 'missing',
  failed: 'failed',
  pending: 'pending',
  'not-seen': 'not seen',
};

function fillChecklist(): void {
  checklist.replaceChildren();
  if (!detail) return;
  const head = el('vscode-data-grid-row', { 'row-type': 'header' });
  ['Step', 'What', 'State', 'Took'].forEach((h, i) => head.append(el('vscode-data-grid-cell', { 'cell-type': 'columnheader', 'grid-column': String(i + 1) }, h)));
  checklist.append(head);
  const byIndex = new Map(detail.events.map((e) => [e.index, e]));
  for (const s of detail.episode.steps) {
    const row = el('vscode-data-grid-row', { class: `step state-${s.state}`, 'data-step': s.id });
    const ev = s.event !== undefined ? byIndex.get(s.event) : undefined;
    const what = s.oid ? s.oid.replace(/^OID_(NIC_SWITCH_|SRIOV_|RECEIVE_FILTER_)?/, '') : (s.verb ?? s.title);
    const took = s.latencyMs === undefined ? '' : s.latencyMs >= 1000 ? `${(s.latencyMs / 1000).toFixed(2)} s` : `${s.latencyMs.toFixed(1)} ms`;
    const cells = [s.id, what + (s.optional ? ' (optional)' : ''), STATE_LABEL[s.state] ?? s.state, took];
    cells.forEach((c, i) => row.append(el('vscode-data-grid-cell', { 'grid-column': String(i + 1), class: i === 2 ? 'state' : '' }, c)));
    row.title = ev ? `${s.title} — line ${ev.line}` : s.title;
    if (ev) {
      row.classList.add('clickable');
      row.addEventListener('click', () => reveal(ev.line, ev.source));
    } else if (s.state === 'missing') {
      row.addEventListener('click', () => vscode.postMessage({ type: 'reveal', line: detail!.episode.lastLine }));
    }
    checklist.append(row);
  }
  checklistTitle.textContent = detail.episode.sequence ? `Documented order (${detail.episode.kind === 'vf-teardown' ? 'VF teardown' : detail.episode.kind === 'vf-setup' ? 'VF initialization' : 'NIC switch'})` : 'No documented order for this episode';
}

// ---- messages from the extension ----
/**
 * Names a stretch of the preview's work, from `start` to now, on the page's timeline:
 * DevTools' Performance panel shows it, and the editor bench tells the preview's long tasks
 * apart by it. The measure is cleared at once (observers still get it), so nothing piles up
 * in a long session.
 */
function measure(name: string, start: number): void {
  performance.measure(name, { start, end: performance.now() });
  performance.clearMeasures(name);
}

/** Runs `work` (synchronous) as one named measure. */
function timed(name: string, work: () => void): void {
  const start = performance.now();
  try {
    work();
  } finally {
    measure(name, start);
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  timed(`oidtrace: message ${String((event.data as { type?: unknown } | null)?.type)}`, () => onMessage(event.data));
});

function onMessage(m: ToWebview): void {
  switch (m.type) {
    case 'trace': {
      if (m.generation < generation) return;
      generation = m.generation;
      cleared = undefined;
      // The trace shown, re-analysed after an edit (sameTrace); edited: the same episode too.
      const sameTrace = detail !== undefined && m.fileName === document.title && m.readingLines === undefined;
      const edited = sameTrace && m.detail?.episode.index === detail!.episode.index;
      episodes = m.episodes;
      pageSize = m.pageSize;
      if (m.detail?.episode.index !== detail?.episode.index) page = 0;
      detail = m.detail;
      highlightLine = m.highlightLine;
      readingLines = m.readingLines;
      lockBadge.hidden = !m.locked;
      document.title = m.fileName;
      syncPicker(sameTrace);
      saveState();
      if (edited) renderWhenSettled();
      else void render();
      break;
    }
    case 'episode':
      if (m.generation < generation) return;
      generation = m.generation;
      cleared = undefined;
      if (m.detail.episode.index !== detail?.episode.index) page = 0;
      detail = m.detail;
      highlightLine = m.highlightLine;
      syncPicker();
      saveState();
      void render();
      break;
    case 'highlight':
      highlightLine = m.line;
      applyHighlight();
      break;
    case 'requestSvg': {
      const svg = canvas.querySelector('svg');
      vscode.postMessage({ type: 'svg', requestId: m.requestId, svg: svg ? new XMLSerializer().serializeToString(svg) : '' });
      break;
    }
    case 'error':
    case 'status':
      // No analysis of the trace to show yet (being read or analysed), or none at all: what
      // was on screen is another trace's, and a click on it would open a line of this one.
      clearTrace({ message: m.message, isError: m.type === 'error' });
      break;
  }
}

onThemeChange(() => {
  mermaidTheme = '';
  void render();
});
setZoom(zoom);
saveState();
vscode.postMessage({ type: 'ready' });
