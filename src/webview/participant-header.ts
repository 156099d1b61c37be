/**
 * The participants' names kept in view: once the drawn row of participant boxes is scrolled
 * out of the pane, a strip pinned to the top of the diagram's viewport names each lifeline,
 * at the drawn boxes' x positions and widths (so it follows zoom, Fit and horizontal scroll),
 * in the theme's colours. It is page furniture, not part of the drawing: the exported SVG
 * never has it.
 */
import { canvas, participantHeader, viewport } from './layout';
import type { Palette } from './theme';

/** Mermaid's participant text size (render.ts: actorFontSize) at 100 %. */
const NAME_FONT_PX = 14;
/** The smallest text the strip shows; a narrower box shortens its name with an ellipsis. */
const MIN_FONT_PX = 10;
/** The strip's padding above and below the name boxes. */
const GAP = 3;
/** The viewport's padding (preview.css): the strip reaches over it on both sides. */
const PAD = 12;

/** Where the drawn participant row ends, in the viewport's scroll coordinates. */
let rowBottom = 0;
let height = 0;

const strip = document.createElement('div');
strip.className = 'strip';
participantHeader.append(strip);

/** The drawn participant boxes, left to right (the top row; the diagram draws no bottom row). */
function actorBoxes(): SVGRectElement[] {
  const svg = canvas.querySelector('svg');
  if (!svg) return [];
  const boxes = [...svg.querySelectorAll<SVGRectElement>('rect.actor')].filter((r) => !r.classList.contains('actor-bottom'));
  return boxes.sort((a, b) => a.x.baseVal.value - b.x.baseVal.value);
}

function nameOf(rect: SVGRectElement): string {
  const text = rect.parentElement?.querySelector('text.actor');
  return (text?.textContent ?? '').trim();
}

/** New drawing: one name box per participant, in the palette's colours; placeParticipantHeader lays them. */
export function drawParticipantHeader(p: Palette): void {
  const names = actorBoxes().map(nameOf);
  strip.replaceChildren(
    ...names.map((name) => {
      const box = document.createElement('div');
      box.className = 'participant';
      box.textContent = name;
      box.title = name;
      return box;
    }),
  );
  strip.style.background = p.background;
  strip.style.borderBottomColor = p.border;
  strip.style.fontFamily = p.fontFamily;
  for (const box of strip.children as HTMLCollectionOf<HTMLElement>) {
    box.style.color = p.foreground;
    box.style.background = p.background;
    box.style.borderColor = p.border;
  }
}

/** Lays the name boxes over the drawn ones at the drawing's present size. */
export function placeParticipantHeader(): void {
  const rects = actorBoxes();
  const svg = canvas.querySelector('svg');
  const boxes = [...strip.children] as HTMLElement[];
  if (!svg || rects.length === 0 || rects.length !== boxes.length) {
    rowBottom = 0;
    height = 0;
    participantHeader.hidden = true;
    return;
  }
  const box = svg.viewBox.baseVal;
  const drawn = svg.getBoundingClientRect();
  const scale = box.width > 0 ? drawn.width / box.width : 1;
  const font = Math.max(MIN_FONT_PX, NAME_FONT_PX * scale);
  const line = Math.ceil(font * 1.25);
  const boxHeight = line + 2 * GAP + 2;
  height = boxHeight + 2 * GAP + 1;
  const origin = canvas.getBoundingClientRect();
  const port = viewport.getBoundingClientRect();
  let bottom = -Infinity;
  rects.forEach((rect, i) => {
    const r = rect.getBoundingClientRect();
    const name = boxes[i]!.style;
    name.left = `${r.left - origin.left + PAD}px`;
    name.width = `${r.width}px`;
    name.top = `${GAP}px`;
    name.height = `${boxHeight}px`;
    name.fontSize = `${font}px`;
    name.lineHeight = `${boxHeight - 2}px`;
    bottom = Math.max(bottom, r.bottom);
  });
  rowBottom = bottom - port.top + viewport.scrollTop;
  strip.style.left = `${-PAD}px`;
  strip.style.width = `${Math.max(drawn.width, viewport.clientWidth - 2 * PAD) + 2 * PAD}px`;
  strip.style.height = `${height - 1}px`;
  syncParticipantHeader();
}

/** Shown only while the drawn row is out of view (behind where the strip would be). */
function syncParticipantHeader(): void {
  participantHeader.hidden = height === 0 || rowBottom - viewport.scrollTop > height;
}

/** How much of the top of the viewport the strip covers once the row is scrolled away. */
export function participantHeaderHeight(): number {
  return height;
}

export function wireParticipantHeader(): void {
  viewport.addEventListener('scroll', syncParticipantHeader, { passive: true });
}
