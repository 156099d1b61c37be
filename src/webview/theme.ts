/**
 * Follows the VS Code theme. Mermaid draws with concrete colours taken from the theme's
 * variables (its `base` theme), so each of the four theme kinds gets text that reads on
 * its background, and an exported SVG carries the same colours without VS Code.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

type Rgb = [number, number, number];

/** A theme variable resolved by the browser to rgb, alpha composited over `under` (default: the background). */
function resolve(names: string[], fallback: string, under?: Rgb): Rgb {
  const style = getComputedStyle(document.body);
  const value = names.map((n) => style.getPropertyValue(n).trim()).find((v) => v !== '') ?? fallback;
  return parse(value, under ?? [255, 255, 255]);
}

const probe = typeof document !== 'undefined' ? document.createElement('span') : undefined;
function parse(color: string, under: Rgb): Rgb {
  probe!.style.color = '';
  probe!.style.color = color;
  if (!probe!.style.color) probe!.style.color = '#808080';
  document.body.append(probe!);
  const c = getComputedStyle(probe!).color;
  probe!.remove();
  const n = (c.match(/[\d.]+/g) ?? ['128', '128', '128']).map(Number);
  const a = n.length > 3 ? n[3]! : 1;
  return [0, 1, 2].map((i) => Math.round(n[i]! * a + under[i]! * (1 - a))) as Rgb;
}

export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! * (1 - t) + b[i]! * t)) as Rgb;
}

/** The colours the diagram is drawn with, all concrete. */
export interface Palette {
  kind: ThemeKind;
  background: string;
  foreground: string;
  muted: string;
  border: string;
  noteBackground: string;
  noteBorder: string;
  /** Bands behind a premature step, a failure, and the cursor's message (rgba). */
  highlight: string;
  failure: string;
  current: string;
  link: string;
  fontFamily: string;
  fontSize: string;
}

export function palette(): Palette {
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const background = resolve(['--vscode-editor-background'], dark ? '#1e1e1e' : '#ffffff');
  const foreground = resolve(['--vscode-editor-foreground', '--vscode-foreground'], dark ? '#cccccc' : '#333333', background);
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  const border = hc ? resolve(['--vscode-contrastBorder', '--vscode-foreground'], dark ? '#6fc3df' : '#0f4a85', background) : mix(background, foreground, 0.55);
  const warning = resolve(['--vscode-editorWarning-foreground'], '#cca700', background);
  const error = resolve(['--vscode-editorError-foreground'], '#f14c4c', background);
  const link = resolve(['--vscode-textLink-foreground'], dark ? '#3794ff' : '#006ab1', background);
  const style = getComputedStyle(document.body);
  const band = (c: Rgb, a: number) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${a})`;
  return {
    kind,
    background: hex(background),
    foreground: hex(foreground),
    // Secondary lines (lifelines): half way to the text colour keeps them quiet but visible.
    muted: hex(hc ? foreground : mix(background, foreground, 0.45)),
    border: hex(border),
    noteBackground: hex(hc ? background : mix(background, warning, dark ? 0.16 : 0.12)),
    noteBorder: hex(hc ? border : mix(background, warning, 0.7)),
    highlight: band(warning, hc ? 0.3 : 0.22),
    failure: band(error, hc ? 0.3 : 0.16),
    current: band(link, hc ? 0.35 : 0.2),
    link: hex(link),
    fontFamily: style.getPropertyValue('--vscode-font-family').trim() || 'sans-serif',
    fontSize: style.getPropertyValue('--vscode-font-size').trim() || '13px',
  };
}

/** Mermaid's `base` theme set from the palette. */
export function mermaidThemeVariables(p: Palette): Record<string, string> {
  return {
    darkMode: String(p.kind === 'dark' || p.kind === 'high-contrast'),
    background: p.background,
    fontFamily: p.fontFamily,
    primaryColor: p.background,
    primaryTextColor: p.foreground,
    primaryBorderColor: p.border,
    secondaryColor: p.background,
    tertiaryColor: p.background,
    lineColor: p.foreground,
    textColor: p.foreground,
    mainBkg: p.background,
    actorBkg: p.background,
    actorBorder: p.border,
    actorTextColor: p.foreground,
    actorLineColor: p.muted,
    signalColor: p.foreground,
    signalTextColor: p.foreground,
    labelBoxBkgColor: p.background,
    labelBoxBorderColor: p.border,
    labelTextColor: p.foreground,
    loopTextColor: p.foreground,
    noteBkgColor: p.noteBackground,
    noteBorderColor: p.noteBorder,
    noteTextColor: p.foreground,
    activationBkgColor: p.background,
    activationBorderColor: p.border,
    sequenceNumberColor: p.background,
  };
}

export function onThemeChange(fn: () => void): void {
  new MutationObserver(() => fn()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
