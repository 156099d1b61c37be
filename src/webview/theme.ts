/** Follows the VS Code theme: Mermaid's theme and the highlight colours come from it. */

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** `#rrggbb` or `rgb(...)` with an alpha, for Mermaid rect fills. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\((\d+)[ ,]+(\d+)[ ,]+(\d+)/i.exec(color);
  if (rgb) return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})`;
  return `rgba(255, 170, 0, ${alpha})`;
}

export function highlightColors(): { highlight: string; failure: string } {
  return {
    highlight: withAlpha(cssVar('--vscode-editorWarning-foreground', '#cca700'), 0.25),
    failure: withAlpha(cssVar('--vscode-editorError-foreground', '#f14c4c'), 0.2),
  };
}

export function onThemeChange(fn: () => void): void {
  new MutationObserver(() => fn()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
