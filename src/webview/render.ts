/**
 * Drawing: the engine's Mermaid text for the episode's page, rendered by the bundled
 * Mermaid in strict mode with the theme's colours, then sized, wired and framed (the
 * first problem in view when an episode or page opens).
 */
import mermaid from 'mermaid';
import { episodeDiagram, type EpisodeDiagram } from './diagram-api';
import { el, measure, timed } from './dom';
import { canvas, pageLabel, pager, showStatus, viewport } from './layout';
import { view } from './state';
import { mermaidThemeVariables, palette, type Palette } from './theme';
import { applyZoom, scrollToElement } from './zoom';
import { applyHighlight, wireDiagram } from './diagram-dom';
import { drawParticipantHeader, participantHeaderHeight, placeParticipantHeader } from './participant-header';

let themeKey = '';
let currentPalette: Palette | undefined;

export function themePalette(): Palette {
  return currentPalette ?? (currentPalette = palette());
}

/**
 * Has Mermaid load its sequence diagram now, while the page waits for its first trace: the
 * module is fetched at the first drawing otherwise, after the trace has come.
 */
export function loadDiagramType(): void {
  mermaid.parse('sequenceDiagram\n  A->>B: x').catch(() => {
    // The first drawing loads it, and says so if it cannot.
  });
}

/** The theme changed: Mermaid is set up again before the next drawing. */
export function themeChanged(): void {
  themeKey = '';
  currentPalette = undefined;
}

function initMermaid(): Palette {
  const p = themePalette();
  const key = JSON.stringify(p);
  if (key === themeKey) return p;
  themeKey = key;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    themeVariables: mermaidThemeVariables(p),
    maxTextSize: 500_000,
    maxEdges: 5_000,
    fontFamily: p.fontFamily,
    // The editor's text size, not Mermaid's 16 px, and tighter margins: a half-screen pane fits
    // the picture at a scale where its text still reads.
    sequence: {
      useMaxWidth: false,
      wrap: false,
      showSequenceNumbers: false,
      mirrorActors: false,
      noteMargin: 8,
      wrapPadding: 8,
      actorMargin: 36,
      boxMargin: 8,
      width: 130,
      messageFontSize: 14,
      noteFontSize: 13,
      actorFontSize: 14,
    },
  });
  return p;
}

let svgCounter = 0;
/** The mark set when the page's first diagram is in place (the code-server bench reads it). */
const FIRST_DIAGRAM = 'oidtrace: first diagram';
let renderGeneration = 0;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
/** What the diagram on screen was drawn from. */
let renderedKey = '';
/** The episode and page last framed: a redraw of the same one keeps the user's scroll. */
let framedKey = '';

export function statusText(): string {
  const d = view.detail;
  if (!d) return '';
  const reading = view.readingLines === undefined ? '' : ` — still reading the trace (${view.readingLines.toLocaleString('en')} lines so far)`;
  return `${d.episode.title}: lines ${d.episode.firstLine}–${d.episode.lastLine}, ${d.episode.problems} problem${d.episode.problems === 1 ? '' : 's'}${reading}`;
}

/** Nothing is drawn (and a drawing under way is dropped). */
export function clearDrawing(): void {
  ++renderGeneration;
  if (settleTimer !== undefined) clearTimeout(settleTimer);
  settleTimer = undefined;
  renderedKey = '';
  framedKey = '';
  canvas.replaceChildren();
  drawParticipantHeader(themePalette());
  placeParticipantHeader();
  pager.hidden = true;
}

/**
 * While the user types in the trace, updates come every few hundred milliseconds: the
 * diagram is drawn once they pause, as VS Code's Markdown preview does. The status follows at once.
 */
const EDIT_SETTLE_MS = 400;
export function renderWhenSettled(after: () => void): void {
  if (settleTimer !== undefined) clearTimeout(settleTimer);
  showStatus(statusText());
  settleTimer = setTimeout(() => {
    settleTimer = undefined;
    void render(after);
  }, EDIT_SETTLE_MS);
}

/** Draws the shown episode's page; `after` fills what follows a drawing (checklist, picker). */
export async function render(after: () => void): Promise<void> {
  if (settleTimer !== undefined) {
    clearTimeout(settleTimer);
    settleTimer = undefined;
  }
  const mine = ++renderGeneration;
  const detail = view.detail;
  if (!detail) {
    canvas.replaceChildren();
    after();
    return;
  }
  const p = initMermaid();
  const diagram = episodeDiagram(
    { episode: detail.episode, events: detail.events, diagnostics: detail.diagnostics },
    { page: view.page, pageSize: view.pageSize, highlight: p.highlight, failure: p.failure, documented: view.documented, times: view.times },
  );
  view.lastDiagram = diagram;
  const key = JSON.stringify([diagram.text, themeKey]);
  // What Mermaid would draw is on screen already (an edit elsewhere, or one that only moved
  // lines): the click targets, the status, the checklist and the highlight follow.
  if (key === renderedKey && canvas.querySelector('svg')) {
    wireDiagram(diagram);
    showStatus(statusText());
    return afterRender(diagram, after, false);
  }
  const keepLeft = viewport.scrollLeft;
  const keepTop = viewport.scrollTop;
  const drawStart = performance.now();
  try {
    const { svg } = await mermaid.render(`oidtrace-svg-${++svgCounter}`, diagram.text);
    if (mine !== renderGeneration) return measure('oidtrace: draw (overtaken)', drawStart);
    canvas.innerHTML = svg; // Mermaid's own output in strict mode (sanitised by it); labels were escaped by the engine
    extendLifelines();
    fitNotes();
    drawParticipantHeader(p);
    // Sizes the drawing and lays the participants' names over it.
    applyZoom();
    wireDiagram(diagram);
    viewport.scrollLeft = keepLeft;
    viewport.scrollTop = keepTop;
    showStatus(statusText());
    renderedKey = key;
    // Kept on the page's timeline (not cleared): how long the page took to its first diagram.
    if (performance.getEntriesByName(FIRST_DIAGRAM).length === 0) performance.mark(FIRST_DIAGRAM);
  } catch (error) {
    if (mine !== renderGeneration) return measure('oidtrace: draw (overtaken)', drawStart);
    renderedKey = '';
    canvas.replaceChildren(el('pre', { class: 'render-error' }, `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
    drawParticipantHeader(p);
    placeParticipantHeader();
    showStatus('Rendering failed; the checklist is still correct.', true);
  }
  measure('oidtrace: draw', drawStart);
  afterRender(diagram, after, true);
}

function afterRender(diagram: EpisodeDiagram, after: () => void, drawn: boolean): void {
  timed('oidtrace: after render', () => {
    pager.hidden = diagram.pages <= 1;
    pageLabel.textContent = `${diagram.page + 1} / ${diagram.pages}`;
    after();
    const frame = `${view.detail?.episode.index}:${diagram.page}`;
    const opening = drawn && frame !== framedKey;
    if (opening) framedKey = frame;
    const cursorShown = view.highlightLine !== undefined && canvas.querySelector(`[data-line="${view.highlightLine}"]`) !== null;
    applyHighlight(opening && cursorShown);
    if (opening && !cursorShown) frameFirstProblem();
  });
}

/**
 * Mermaid draws each lifeline 2,000 units long and, without mirrored participants at the
 * bottom, never lengthens it: on a long page the messages below that point hang between no
 * lifelines at all. Each lifeline is drawn to the bottom of the picture.
 */
function extendLifelines(): void {
  const svg = canvas.querySelector('svg');
  if (!svg) return;
  const box = svg.viewBox.baseVal;
  const bottom = box.y + box.height;
  for (const line of canvas.querySelectorAll<SVGLineElement>('line.actor-line')) {
    if (line.y2.baseVal.value < bottom) line.setAttribute('y2', String(bottom));
  }
}

/**
 * A note's lines were broken by length (see the engine's noteText), which can leave a line of
 * wide capitals a little wider than the box Mermaid drew over the span: such a box is widened
 * to its text, and the picture's viewBox with it. One measurement per note.
 */
function fitNotes(): void {
  const svg = canvas.querySelector('svg');
  if (!svg) return;
  const box = svg.viewBox.baseVal;
  let left = box.x;
  let right = box.x + box.width;
  for (const rect of canvas.querySelectorAll<SVGRectElement>('rect.note')) {
    const texts = [...rect.parentElement!.querySelectorAll<SVGTextElement>('text.noteText')];
    if (texts.length === 0) continue;
    const boxes = texts.map((t) => t.getBBox());
    const from = Math.min(...boxes.map((b) => b.x)) - 8;
    const to = Math.max(...boxes.map((b) => b.x + b.width)) + 8;
    const x = rect.x.baseVal.value;
    const w = rect.width.baseVal.value;
    if (from >= x && to <= x + w) continue;
    const nx = Math.min(x, from);
    const nw = Math.max(x + w, to) - nx;
    rect.setAttribute('x', String(nx));
    rect.setAttribute('width', String(nw));
    // The band around the step (a rect block) takes the note in too.
    const y = rect.y.baseVal.value;
    for (const band of canvas.querySelectorAll<SVGRectElement>('rect.rect')) {
      const by = band.y.baseVal.value;
      if (y < by || y > by + band.height.baseVal.value) continue;
      const bx = band.x.baseVal.value;
      const bl = Math.min(bx, nx - 6);
      band.setAttribute('x', String(bl));
      band.setAttribute('width', String(Math.max(bx + band.width.baseVal.value, nx + nw + 6) - bl));
    }
    left = Math.min(left, nx - 8);
    right = Math.max(right, nx + nw + 8);
  }
  if (left < box.x || right > box.x + box.width) svg.setAttribute('viewBox', `${left} ${box.y} ${right - left} ${box.height}`);
}

/** A newly opened episode or page: its first problem in view, else its top. */
function frameFirstProblem(): void {
  const first = canvas.querySelector('rect.rect, text.messageText.ghost');
  viewport.scrollLeft = 0;
  viewport.scrollTop = 0;
  if (!first) return;
  scrollToElement(first, true);
  // The documented place of a step that came too early is drawn after the problem: when it lies
  // just below the fold, scroll it in, as far as the problem stays in view.
  const ghost = canvas.querySelector('text.messageText.ghost');
  const arrow = canvas.querySelector('line.ghost, path.ghost');
  if (!ghost || ghost === first) return;
  const port = viewport.getBoundingClientRect();
  const bottom = Math.max(ghost.getBoundingClientRect().bottom, arrow?.getBoundingClientRect().bottom ?? 0) + 8;
  const below = bottom - (port.top + viewport.clientHeight);
  // The participants' names pinned at the top cover that much of the pane.
  const room = first.getBoundingClientRect().top - port.top - participantHeaderHeight() - 4;
  if (below > 0 && below <= room) viewport.scrollTop += below;
}
