/**
 * Loads the built preview (media/preview/main.js and its chunks) in headless Chromium the
 * way VS Code does: the same HTML and Content-Security-Policy, a stand-in for
 * acquireVsCodeApi that records what the webview posts, and the engine's output
 * for a trace fed in as the extension would send it.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyze, correlate } from '../../src/engine';
import { contentSecurityPolicy } from '../../src/preview/security';
import { episodeDetail, summarize, type ToWebview } from '../../src/preview/protocol';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export type Theme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

const THEMES: Record<Theme, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece',
      '--vscode-checkbox-background': '#f8f8f8',
      '--vscode-checkbox-border': '#cecece',
      '--vscode-checkbox-foreground': '#3b3b3b',
      '--vscode-badge-background': '#cccccc',
      '--vscode-badge-foreground': '#3b3b3b',
      '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-editorError-foreground': '#e51400',
      '--vscode-textLink-foreground': '#006ab1',
      '--vscode-font-family': 'sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-errorForeground': '#a1260d',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-checkbox-background': '#313131',
      '--vscode-checkbox-border': '#3c3c3c',
      '--vscode-checkbox-foreground': '#cccccc',
      '--vscode-badge-background': '#616161',
      '--vscode-badge-foreground': '#f8f8f8',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-editorError-foreground': '#f14c4c',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-font-family': 'sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-errorForeground': '#f85149',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-checkbox-background': '#000000',
      '--vscode-checkbox-border': '#6fc3df',
      '--vscode-checkbox-foreground': '#ffffff',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-focusBorder': '#f38518',
      '--vscode-dropdown-background': '#000000',
      '--vscode-dropdown-foreground': '#ffffff',
      '--vscode-dropdown-border': '#6fc3df',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-editorWarning-foreground': '#ffd700',
      '--vscode-editorError-foreground': '#ff3333',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-font-family': 'sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-descriptionForeground': '#ffffff',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-errorForeground': '#f48771',
    },
  },
  'high-contrast-light': {
    bodyClass: 'vscode-high-contrast-light',
    vars: {
      '--vscode-checkbox-background': '#ffffff',
      '--vscode-checkbox-border': '#0f4a85',
      '--vscode-checkbox-foreground': '#292929',
      '--vscode-button-secondaryBackground': '#ffffff',
      '--vscode-button-secondaryForeground': '#292929',
      '--vscode-badge-background': '#0f4a85',
      '--vscode-badge-foreground': '#ffffff',
      '--vscode-contrastBorder': '#0f4a85',
      '--vscode-focusBorder': '#006bbd',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#292929',
      '--vscode-dropdown-border': '#0f4a85',
      '--vscode-button-background': '#0f4a85',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-foreground': '#292929',
      '--vscode-editor-foreground': '#292929',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editorWarning-foreground': '#895503',
      '--vscode-editorError-foreground': '#b5200d',
      '--vscode-textLink-foreground': '#0f4a85',
      '--vscode-font-family': 'sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-descriptionForeground': '#292929',
      '--vscode-panel-border': '#0f4a85',
      '--vscode-errorForeground': '#b5200d',
    },
  },
};

const NONCE = 'testnonce0123456789';
const CSP_SOURCE = 'http://127.0.0.1';

function page(theme: Theme, extraBody = '', state: Record<string, unknown> = {}): string {
  const t = THEMES[theme];
  const style = Object.entries(t.vars)
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(CSP_SOURCE + ':*', NONCE)}">
<link rel="stylesheet" href="/media/preview.css"></head>
<body class="${t.bodyClass}" style="${style}">
<div id="app" data-state="${JSON.stringify({ resource: 'file:///trace', locked: false, ...state }).replace(/"/g, '&quot;')}"></div>
<script nonce="${NONCE}" src="/test-stub.js"></script>
<script type="module" nonce="${NONCE}" src="/media/preview/main.js"></script>
${extraBody}
</body></html>`;
}

/** Stand-in for VS Code's webview API: records posts in window.__posted. */
const STUB = `window.__posted = []; window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => window.__state,
  setState: (s) => { window.__state = s; },
});`;

export class PreviewHarness {
  private server!: Server;
  private browser!: Browser;
  port = 0;
  private pages = new Map<string, string>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = (req.url ?? '/').split('?')[0]!;
      if (url === '/test-stub.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(STUB);
      const html = this.pages.get(url);
      if (html) return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      if (url.startsWith('/media/')) {
        try {
          const body = readFileSync(join(ROOT, url));
          const type = extname(url) === '.js' ? 'text/javascript' : extname(url) === '.css' ? 'text/css' : 'image/svg+xml';
          return void res.writeHead(200, { 'content-type': type }).end(body);
        } catch {
          /* fall through */
        }
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    this.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    // Chromium's keep-alive connections would hold `close` open until they time out.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Opens the preview page; `extraBody` lets a test inject markup (for the CSP test). */
  async open(theme: Theme = 'light', extraBody = '', size = { width: 1400, height: 900 }, state: Record<string, unknown> = {}): Promise<Page> {
    const path = `/preview-${theme}-${this.pages.size}.html`;
    this.pages.set(path, page(theme, extraBody, state));
    const p = await this.browser.newPage({ viewport: size });
    await p.goto(`http://127.0.0.1:${this.port}${path}`);
    await p.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    return p;
  }
}

/** The message the extension sends for a trace, as preview.ts builds it. */
export function traceMessage(text: string, fileName: string, episode?: number, generation = 1, extra: Partial<ToWebview> = {}): ToWebview {
  const result = analyze(text, { fileName });
  const index = episode ?? result.episodes.find((e) => e.problems > 0)?.index ?? 0;
  return {
    type: 'trace',
    generation,
    fileName,
    locked: false,
    pageSize: 200,
    episodes: result.episodes.map((e) => summarize(e, result.events)),
    detail: episodeDetail(result, index),
    ...extra,
  } as ToWebview;
}

/** The message for a host trace and a guest's log read as one story (the correlate command). */
export function correlateMessage(host: string, guest: string, kind: 'vf-teardown' | 'vf-setup' = 'vf-teardown'): ToWebview {
  const c = correlate({ name: host, text: sample(host) }, { name: guest, text: sample(guest) });
  const index = c.result.episodes.find((e) => e.kind === kind)!.index;
  return {
    type: 'trace',
    generation: 1,
    fileName: 'correlation',
    locked: false,
    pageSize: 200,
    episodes: c.result.episodes.map((e) => summarize(e, c.result.events)),
    detail: episodeDetail(c.result, index),
  };
}

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}

export async function send(p: Page, message: ToWebview): Promise<void> {
  await p.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(p: Page): Promise<Array<Record<string, unknown>>> {
  return p.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
}

/** `n` answered config-space reads of VF 1 on pf0, ten per second from 10:00:00: the bulk of a long episode. */
export function configSpaceReads(n = 449): string[] {
  const lines = ['@adapter pf0'];
  for (let i = 0; i < n; i++) {
    const at = `10:00:${String(Math.floor(i / 10)).padStart(2, '0')}.${String((i % 10) * 100).padStart(3, '0')}`;
    lines.push(
      `${at}000 VSTACK -> PF QUERY OID_SRIOV_READ_VF_CONFIG_SPACE vf=1`,
      `${at}050 PF -> VSTACK COMPLETE OID_SRIOV_READ_VF_CONFIG_SPACE NDIS_STATUS_SUCCESS vf=1`,
    );
  }
  return lines;
}
