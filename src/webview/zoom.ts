/**
 * Zoom and pan. The drawing is sized, not transformed: its box is the size it is shown
 * at, so the scroll area is exactly the picture (no blank area, nothing cut off). With no
 * zoom chosen the picture fits the pane's width, never drawn above its natural size.
 */
import { canvas, viewport, zoomFit, zoomIn, zoomOut, zoomReset } from './layout';
import { participantHeaderHeight, placeParticipantHeader } from './participant-header';
import { saveState, view } from './state';
import { vscode } from './vscode-api';

/** The viewport's padding on each side (preview.css). */
const PAD = 12;

function naturalSize(svg: SVGSVGElement): { width: number; height: number } | undefined {
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const w = Number.parseFloat(svg.getAttribute('width') ?? '');
  const h = Number.parseFloat(svg.getAttribute('height') ?? '');
  return w > 0 && h > 0 ? { width: w, height: h } : undefined;
}

/** The scale the picture is drawn at now. */
export function currentScale(): number {
  const svg = canvas.querySelector('svg');
  const size = svg && naturalSize(svg);
  if (view.zoom !== undefined || !size) return view.zoom ?? 1;
  return Math.min(1, Math.max(0.05, (viewport.clientWidth - 2 * PAD) / size.width));
}

/** Sizes the drawing for the zoom (or the fit) and shows the zoom on the 100% button. */
export function applyZoom(): void {
  const svg = canvas.querySelector('svg');
  const size = svg && naturalSize(svg);
  const scale = currentScale();
  if (svg && size) {
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.style.maxWidth = 'none';
    svg.style.width = `${Math.floor(size.width * scale)}px`;
    svg.style.height = `${Math.floor(size.height * scale)}px`;
  }
  placeParticipantHeader();
  zoomReset.textContent = `${Math.round(scale * 100)}%`;
  zoomFit.classList.toggle('active', view.zoom === undefined);
}

/** The user chose a zoom (undefined: fit), kept for this preview and the next one. */
export function setZoom(zoom: number | undefined, anchor?: { x: number; y: number }): void {
  const before = currentScale();
  const left = viewport.scrollLeft;
  const top = viewport.scrollTop;
  view.zoom = zoom === undefined ? undefined : Math.min(8, Math.max(0.1, zoom));
  applyZoom();
  // The point under the pointer (or the top left) stays where it was.
  const ratio = currentScale() / before;
  const ax = anchor?.x ?? 0;
  const ay = anchor?.y ?? 0;
  viewport.scrollLeft = (left + ax) * ratio - ax;
  viewport.scrollTop = (top + ay) * ratio - ay;
  saveState();
  vscode.postMessage(view.zoom === undefined ? { type: 'zoom' } : { type: 'zoom', zoom: view.zoom });
}

/**
 * Scrolls so that `target` (an element of the drawing) sits in the upper third of the pane,
 * below the participants' names pinned at its top.
 */
export function scrollToElement(target: Element, onlyIfHidden = false): void {
  const box = target.getBoundingClientRect();
  const port = viewport.getBoundingClientRect();
  const covered = participantHeaderHeight();
  if (
    onlyIfHidden &&
    box.top >= port.top + covered &&
    box.bottom <= port.top + viewport.clientHeight &&
    box.left >= port.left &&
    box.right <= port.left + viewport.clientWidth
  )
    return;
  const top = viewport.scrollTop + box.top - port.top - Math.max(viewport.clientHeight / 3, covered + 8);
  viewport.scrollTop = Math.max(0, top);
  if (box.left < port.left || box.right > port.left + viewport.clientWidth) {
    viewport.scrollLeft = Math.max(0, viewport.scrollLeft + box.left - port.left - PAD);
  }
}

export function wireZoom(): void {
  zoomIn.addEventListener('click', () => setZoom(currentScale() * 1.2));
  zoomOut.addEventListener('click', () => setZoom(currentScale() / 1.2));
  zoomReset.addEventListener('click', () => setZoom(1));
  zoomFit.addEventListener('click', () => setZoom(undefined));
  viewport.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      const port = viewport.getBoundingClientRect();
      setZoom(currentScale() * (e.deltaY < 0 ? 1.1 : 1 / 1.1), { x: e.clientX - port.left, y: e.clientY - port.top });
    },
    { passive: false },
  );
  // A fitted picture follows the pane's width.
  new ResizeObserver(() => {
    if (view.zoom === undefined) applyZoom();
  }).observe(viewport);

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
}
