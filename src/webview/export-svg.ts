/**
 * The drawn diagram as an SVG that stands alone: the theme's colours and font written
 * as values (no `var(--vscode-…)`), the ghost arrows styled inside it, the cursor band
 * left out, so it opens the same in a browser outside VS Code.
 */
import type { Palette } from './theme';

export function standaloneSvg(svg: SVGSVGElement, p: Palette): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelectorAll('rect.current-band').forEach((e) => e.remove());
  copy.querySelectorAll('.current').forEach((e) => e.classList.remove('current'));
  copy.querySelectorAll('[tabindex]').forEach((e) => e.removeAttribute('tabindex'));
  const box = svg.viewBox.baseVal;
  copy.setAttribute('width', String(Math.ceil(box.width)));
  copy.setAttribute('height', String(Math.ceil(box.height)));
  copy.removeAttribute('style');
  copy.setAttribute('style', `background-color: ${p.background}`);
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent =
    `text.ghost { font-style: italic; fill: ${p.foreground}; } .ghost[class^="messageLine"], line.ghost, path.ghost { stroke-dasharray: 2 4; opacity: 0.9; }` +
    ` text.self { paint-order: stroke fill; stroke: ${p.background}; stroke-width: 4px; stroke-linejoin: round; }`;
  copy.append(style);
  let text = new XMLSerializer().serializeToString(copy);
  // Whatever still names a theme variable gets its value now.
  const computed = getComputedStyle(document.body);
  text = text.replace(/var\(\s*(--vscode-[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (_m, name: string, fallback?: string) => {
    const v = computed.getPropertyValue(name).trim();
    return v || fallback?.trim() || (name.includes('font-family') ? p.fontFamily : p.foreground);
  });
  return text;
}
