/** Small DOM and timing helpers shared by the preview's modules. */

export function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Names a stretch of the preview's work, from `start` to now, on the page's timeline:
 * DevTools' Performance panel shows it, and the editor bench tells the preview's long tasks
 * apart by it. The measure is cleared at once (observers still get it).
 */
export function measure(name: string, start: number): void {
  performance.measure(name, { start, end: performance.now() });
  performance.clearMeasures(name);
}

/** Runs `work` (synchronous) as one named measure. */
export function timed(name: string, work: () => void): void {
  const start = performance.now();
  try {
    work();
  } finally {
    measure(name, start);
  }
}
