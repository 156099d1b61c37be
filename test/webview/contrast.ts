/**
 * The WCAG contrast of every text in the diagram, the pinned participant names and the
 * checklist against what is painted under it. Runs in the page (page.evaluate(contrasts)):
 * it uses nothing from outside its body.
 */
export function contrasts(): Array<{ text: string; ratio: number }> {
  type Rgba = [number, number, number, number];
  const parse = (c: string): Rgba | undefined => {
    const n = c.match(/[\d.]+/g)?.map(Number);
    if (!n || n.length < 3 || c === 'none') return undefined;
    return [n[0]!, n[1]!, n[2]!, n[3] ?? 1];
  };
  const over = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])).concat(1) as Rgba;
  const lum = (c: Rgba) => {
    const [r, g, b] = [c[0], c[1], c[2]].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  const page = parse(getComputedStyle(document.body).backgroundColor)!;
  const out: Array<{ text: string; ratio: number }> = [];
  // The diagram: shapes painted before a text, under its centre, composited in order.
  const all = [...document.querySelectorAll('#diagram svg *')];
  const order = new Map(all.map((e, i) => [e, i]));
  const shapes = all.filter((e) => ['rect', 'polygon', 'path'].includes(e.tagName.toLowerCase()));
  for (const t of document.querySelectorAll<SVGTextElement>('#diagram svg text')) {
    if (!t.textContent?.trim()) continue;
    const r = t.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    let bg = page;
    for (const s of shapes) {
      if (order.get(s)! > order.get(t)!) break;
      const b = s.getBoundingClientRect();
      if (cx < b.left || cx > b.right || cy < b.top || cy > b.bottom) continue;
      const style = getComputedStyle(s);
      const fill = parse(style.fill);
      if (!fill || style.display === 'none') continue;
      fill[3] *= Number(style.fillOpacity || 1) * Number(style.opacity || 1);
      bg = over(fill, bg);
    }
    // Mermaid colours an actor's name on its tspan, not on the text.
    const painted = t.querySelector('tspan') ?? t;
    const fg = parse(getComputedStyle(painted).fill)!;
    out.push({ text: t.textContent, ratio: ratio(over(fg, bg), bg) });
  }
  // The pinned participant names, the checklist and the status: text colour against the nearest painted background.
  for (const cell of document.querySelectorAll<HTMLElement>('#participant-header .participant, #checklist th, #checklist td, #checklist a, #checklist-title, #status')) {
    if (!cell.textContent?.trim()) continue;
    let bg = page;
    const layers: Rgba[] = [];
    for (let e: HTMLElement | null = cell; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.unshift(c);
    }
    for (const l of layers) bg = over(l, bg);
    const style = getComputedStyle(cell);
    const fg = parse(style.color)!;
    fg[3] *= Number(style.opacity || 1);
    out.push({ text: cell.textContent.trim().slice(0, 40), ratio: ratio(over(fg, bg), bg) });
  }
  return out;
}
