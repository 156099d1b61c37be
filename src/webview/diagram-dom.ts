/**
 * What the drawn diagram does: each message and note knows its trace line (a click or
 * Enter reveals it), shows its whole text in a tooltip, the documented order's ghost
 * arrows are marked as such, and the editor's cursor line is shown as a band.
 */
import type { EpisodeDiagram } from './diagram-api';
import { canvas } from './layout';
import { view } from './state';
import { scrollToElement } from './zoom';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * A tooltip for a drawn element. SVG shows a <title> that is a group's first child; a
 * message's text element is moved into such a group (its own text stays its text).
 */
function setTitle(target: Element, text: string | undefined, wrap: boolean): void {
  let holder = target;
  if (wrap) {
    const parent = target.parentElement;
    if (parent?.classList.contains('tip')) holder = parent;
    else if (text) {
      holder = document.createElementNS(SVG, 'g');
      holder.setAttribute('class', 'tip');
      target.before(holder);
      holder.append(target);
    } else return;
  }
  let title = [...holder.children].find((c) => c.tagName.toLowerCase() === 'title');
  if (!text) return title?.remove();
  if (!title) {
    title = document.createElementNS(SVG, 'title');
    holder.prepend(title);
  }
  if (title.textContent !== text) title.textContent = text;
}

/**
 * Marks messages and notes with their lines. The line (and, in a correlation, the file) is
 * on the element, so an update that draws nothing new only moves attributes; one listener
 * on the canvas handles every click.
 */
export function wireDiagram(diagram: EpisodeDiagram): void {
  const messages = diagram.elements.filter((e) => e.kind === 'message');
  const notes = diagram.elements.filter((e) => e.kind === 'note');
  const mark = (target: Element, line: number, source: number | undefined) => {
    target.classList.add('clickable');
    target.setAttribute('data-line', String(line));
    if (source === undefined) target.removeAttribute('data-source');
    else target.setAttribute('data-source', String(source));
  };
  const texts = canvas.querySelectorAll<SVGTextElement>('text.messageText');
  const lines = canvas.querySelectorAll<SVGElement>('line[class^="messageLine"], path[class^="messageLine"]');
  texts.forEach((t, i) => {
    const m = messages[i];
    if (!m) return;
    mark(t, m.line, m.source);
    t.setAttribute('tabindex', '0');
    t.setAttribute('role', 'link');
    setTitle(t, m.title, true);
    t.classList.toggle('ghost', m.ghost !== undefined);
    const line = lines[i];
    // A message to oneself is drawn as a loop, its text across its own lifeline: the text gets a halo.
    t.classList.toggle('self', line?.tagName.toLowerCase() === 'path');
    line?.setAttribute('data-line', String(m.line));
    line?.classList.toggle('ghost', m.ghost !== undefined);
  });
  canvas.querySelectorAll<SVGElement>('g > rect.note').forEach((rect, i) => {
    const n = notes[i];
    if (!n) return;
    mark(rect.parentElement!, n.line, n.source);
    setTitle(rect.parentElement!, n.title, false);
  });
}

export function wireClicks(reveal: (line: number, source: number | undefined) => void): void {
  const act = (target: Element | null) => {
    const hit = target?.closest('.clickable[data-line]');
    if (!hit || !canvas.contains(hit)) return false;
    const line = Number(hit.getAttribute('data-line'));
    const source = hit.getAttribute('data-source');
    if (Number.isInteger(line) && line > 0) reveal(line, source === null ? undefined : Number(source));
    return true;
  };
  canvas.addEventListener('click', (event) => act(event.target as Element | null));
  canvas.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && act(event.target as Element | null)) event.preventDefault();
  });
}

/** The cursor's message: a band across the diagram behind its arrow and label. */
export function applyHighlight(scroll: boolean | 'if-hidden' = true): void {
  canvas.querySelectorAll('.current').forEach((e) => e.classList.remove('current'));
  canvas.querySelectorAll('rect.current-band').forEach((e) => e.remove());
  if (view.highlightLine === undefined) return;
  const hits = [...canvas.querySelectorAll<SVGGraphicsElement>(`[data-line="${view.highlightLine}"]`)];
  const svg = canvas.querySelector('svg');
  hits.forEach((e) => e.classList.add('current'));
  const text = hits.find((h) => h.tagName.toLowerCase() === 'text');
  if (svg && text) {
    const line = hits.find((h) => h !== text && h.tagName.toLowerCase() !== 'g');
    const a = text.getBBox();
    const b = line?.getBBox() ?? a;
    const top = Math.min(a.y, b.y) - 4;
    const bottom = Math.max(a.y + a.height, b.y + b.height) + 4;
    const box = svg.viewBox.baseVal;
    const band = document.createElementNS(SVG, 'rect');
    band.setAttribute('class', 'current-band');
    band.setAttribute('x', String(box.x));
    band.setAttribute('width', String(box.width));
    band.setAttribute('y', String(top));
    band.setAttribute('height', String(bottom - top));
    text.parentElement!.insertBefore(band, text.parentElement!.firstChild);
  }
  if (scroll && hits[0]) scrollToElement(hits[0], scroll === 'if-hidden');
}
