// Drives the code-server workbench in Debian's Chromium through playwright-core.
// One browser per test process (launched on first use, closed by closeBrowser() or at
// exit); each openWorkbench() opens a page in it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { onExit } from './cleanup.mjs';
import { outputDir } from './paths.mjs';
import { bounded, sleep, waitUntil } from './wait.mjs';

export const CHROMIUM = process.env.OIDTRACE_E2E_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1440, height: 900 };

let browserPromise = null;
let browserRoot = null;
let forgetRoot = null;

function removeBrowserRoot() {
  if (browserRoot) fs.rmSync(browserRoot, { recursive: true, force: true, maxRetries: 5 });
  browserRoot = null;
  if (forgetRoot) forgetRoot();
  forgetRoot = null;
}

/**
 * The shared browser: Debian's Chromium with a fresh --user-data-dir and its own TMPDIR,
 * both in one temp folder that is removed when the browser closes or this process exits.
 * playwright-core starts it in its own process group and kills it if this process exits.
 * Resolves to a persistent BrowserContext (each openWorkbench() is a page in it; each
 * code-server has its own port, so their origins and storage stay apart).
 */
export function launchBrowser() {
  if (!browserPromise) {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/e2e-install.sh\` (apt-get install chromium)`);
    }
    browserRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'oidtrace-e2e-browser-'));
    fs.mkdirSync(path.join(browserRoot, 'tmp'));
    forgetRoot = onExit(removeBrowserRoot);
    browserPromise = chromium.launchPersistentContext(path.join(browserRoot, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, TMPDIR: path.join(browserRoot, 'tmp') },
      viewport: VIEWPORT,
      timeout: 30000,
    });
    browserPromise.then(
      (context) => {
        // A bound for every Playwright call that is not given its own.
        context.setDefaultTimeout(15000);
        recordBrowserGroup();
      },
      () => {
        browserPromise = null;
        removeBrowserRoot();
      },
    );
  }
  return browserPromise;
}

/**
 * Tells run.mjs (through OIDTRACE_E2E_PIDDIR) the process group of the Chromium this
 * process started, so that it can end it if this process dies without closing it.
 * Playwright starts Chromium as a child of this process, leading its own group.
 */
function recordBrowserGroup() {
  const dir = process.env.OIDTRACE_E2E_PIDDIR;
  if (!dir || !browserRoot) return;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [ppid, pgrp] = stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .slice(1, 3)
        .map(Number);
      if (ppid !== process.pid || pgrp !== Number(pid)) continue;
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(browserRoot)) continue;
      const file = path.join(dir, `browser-${pid}`);
      fs.writeFileSync(file, 'chromium\n');
      const root = browserRoot;
      onExit(() => {
        // After a normal close the group is gone; the file only matters after a crash.
        if (!fs.existsSync(root)) fs.rmSync(file, { force: true });
      });
      return;
    } catch {
      /* process gone or not readable */
    }
  }
}

export async function closeBrowser() {
  if (!browserPromise) return;
  const p = browserPromise;
  browserPromise = null;
  try {
    const b = await p;
    await b.close();
  } catch {
    /* launch failed or already closed */
  }
  removeBrowserRoot();
}

const consoleLogs = new WeakMap();
/** Console messages and page errors the workbench logged (for failure reports). */
export function consoleLog(page) {
  return consoleLogs.get(page) || [];
}

/**
 * Opens the workbench of a started code-server on `folder` and waits until it shows
 * (status bar and the Explorer listing the folder). `url` may be the server object.
 */
export async function openWorkbench(url, folder, { timeout = 60000, viewport = VIEWPORT } = {}) {
  if (url && typeof url === 'object') {
    folder = folder || url.workspace;
    url = url.url;
  }
  const context = await launchBrowser();
  const page = await context.newPage();
  if (viewport !== VIEWPORT) await page.setViewportSize(viewport);
  const log = [];
  consoleLogs.set(page, log);
  page.on('console', (m) => {
    log.push(`[${m.type()}] ${m.text()}`);
    if (log.length > 500) log.shift();
  });
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));

  const target = folder ? `${url}/?folder=${encodeURIComponent(folder)}` : url;
  await bounded(`the workbench page ${target} to load`, timeout, (t) => page.goto(target, { timeout: t, waitUntil: 'domcontentloaded' }));
  await bounded('the workbench (.monaco-workbench with its status bar) to show', timeout, (t) =>
    page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: t }),
  );
  if (folder) {
    await bounded(`the Explorer to list the folder ${folder}`, timeout, (t) =>
      page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: t }),
    );
  }
  return page;
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function quickInput(page) {
  return page.locator('.quick-input-widget');
}

async function waitQuickInput(page, what, timeout) {
  await bounded(`the quick input (${what}) to open`, timeout, (t) => quickInput(page).locator('input.input').first().waitFor({ state: 'visible', timeout: t }));
}

async function waitQuickInputClosed(page, what, timeout) {
  await bounded(`the quick input (${what}) to close`, timeout, (t) => quickInput(page).waitFor({ state: 'hidden', timeout: t }));
}

/**
 * A Quick Pick a command opened (not the Command Palette): waits for it to show, types
 * `text` into it, waits until `check(rows)` holds for the labels of its rows, and returns
 * `{ placeholder, title, rows }`. The Quick Pick stays open (Enter takes its active row).
 */
export async function typeInQuickPick(page, text, check, { timeout = 15000 } = {}) {
  await waitQuickInput(page, 'a Quick Pick', timeout);
  const input = quickInput(page).locator('input.input').first();
  await input.fill(text);
  let last = [];
  const rows = await waitUntil(
    `the Quick Pick to list rows for "${text}"`,
    async () => {
      last = await quickInput(page)
        .locator('.monaco-list-row .label-name')
        .evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()))
        .catch(() => []);
      return check(last) ? last : false;
    },
    { timeout, interval: 150 },
  ).catch((e) => {
    e.message += ` (rows: ${JSON.stringify(last)})`;
    throw e;
  });
  return {
    placeholder: await input.getAttribute('placeholder'),
    title: (
      await quickInput(page)
        .locator('.quick-input-title')
        .first()
        .textContent()
        .catch(() => '')
    )?.trim(),
    rows,
  };
}

/** Presses Enter in the open Quick Pick and waits for it to close. */
export async function acceptQuickPick(page, { timeout = 10000 } = {}) {
  await page.keyboard.press('Enter');
  await waitQuickInputClosed(page, 'a Quick Pick, after Enter', timeout);
}

/** Makes sure keyboard shortcuts reach the workbench (not an input somewhere). */
async function focusWorkbench(page) {
  if (
    await quickInput(page)
      .isVisible()
      .catch(() => false)
  ) {
    await page.keyboard.press('Escape');
    await waitQuickInputClosed(page, 'left open before', 5000);
  }
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P, the name, Enter) and waits for its
 * editor tab to be active and its text to show. `name` is a file name or a relative path.
 * `via: 'explorer'` double-clicks its row in the Explorer instead (the file must show
 * there, e.g. at the top of the folder); that skips Quick Open's first file search,
 * which waits for the server's search service (several seconds after the start).
 */
export async function openFile(page, name, { timeout = 30000, via = 'quickopen' } = {}) {
  const base = path.basename(name);
  await focusWorkbench(page);
  if (via === 'explorer') {
    const row = page.locator('.explorer-folders-view .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(base)}$`) }),
    });
    await bounded(`the Explorer to show a row "${base}"`, timeout, (t) => row.first().waitFor({ state: 'visible', timeout: t }));
    await bounded(`a double-click on "${base}" in the Explorer`, timeout, (t) => row.first().dblclick({ timeout: t }));
    await waitForEditor(page, base, { timeout });
    return;
  }
  await page.keyboard.press('Control+P');
  await waitQuickInput(page, 'Quick Open', timeout);
  await page.keyboard.type(name);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: base }).first();
  await bounded(`Quick Open to list a file named "${base}"`, timeout, (t) => row.waitFor({ state: 'visible', timeout: t }));
  // The first row is the one Enter opens; wait until the search settled on our file.
  await waitUntil(
    `Quick Open's first result to be "${base}"`,
    async () => {
      const first = await quickInput(page).locator('.monaco-list-row').first().innerText({ timeout: 1000 });
      return first.includes(base);
    },
    { timeout },
  );
  await page.keyboard.press('Enter');
  await waitQuickInputClosed(page, 'Quick Open', timeout);
  await waitForEditor(page, base, { timeout });
}

/** Waits until the active editor tab is `base` and its text is rendered. */
export async function waitForEditor(page, base, { timeout = 20000 } = {}) {
  const tab = page.locator('.tabs-container .tab.active', { hasText: base });
  await bounded(`the active editor tab "${base}"`, timeout, (t) => tab.first().waitFor({ state: 'visible', timeout: t }));
  await bounded(`the text of "${base}" in the editor`, timeout, (t) =>
    page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: t }),
  );
}

/** Runs a command by its title as the Command Palette lists it (F1, type, pick it). */
export async function runCommand(page, title, { timeout = 20000 } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  await waitQuickInput(page, 'Command Palette', timeout);
  await page.keyboard.type(title);
  const rows = quickInput(page).locator('.monaco-list-row');
  const row = await waitUntil(
    `the Command Palette to list the command "${title}"`,
    async () => {
      const n = await rows.count();
      const norm = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();
      let partial = null;
      for (let i = 0; i < n; i++) {
        const r = rows.nth(i);
        const label = norm(
          await r
            .locator('.label-name')
            .first()
            .innerText({ timeout: 500 })
            .catch(() => ''),
        );
        if (label === norm(title)) return r;
        if (!partial && label.includes(norm(title))) partial = r;
      }
      return partial;
    },
    { timeout },
  );
  // Closed, or showing the command's own question (a file dialog, an input box) instead:
  // the palette's text starts with ">", a question's does not.
  const paletteGone = async () => {
    const widget = quickInput(page);
    if (!(await widget.isVisible().catch(() => false))) return true;
    const value = await widget
      .locator('input.input')
      .first()
      .inputValue({ timeout: 500 })
      .catch(() => '>');
    return !value.startsWith('>');
  };
  try {
    await bounded(`a click on the command "${title}"`, timeout, (t) => row.click({ timeout: t }));
  } catch (e) {
    // The list re-renders while it filters: the click can land while Playwright still
    // retries its checks. The palette gone means the command ran.
    if (!(await paletteGone())) throw e;
  }
  await waitUntil(`the Command Palette to close after "${title}"`, paletteGone, { timeout, interval: 100 });
}

/** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
export async function openProblems(page, { timeout = 15000 } = {}) {
  await focusWorkbench(page);
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
  }
  await bounded('the Problems panel (.markers-panel) to show', timeout, (t) => panel.waitFor({ state: 'visible', timeout: t }));
}

/**
 * The text of each row of the Problems panel, top to bottom (file rows and marker rows).
 * With `minCount`, waits until at least that many rows show.
 */
export async function problemsEntries(page, { minCount = 0, timeout = 15000 } = {}) {
  const read = async () => {
    const rows = page.locator('.markers-panel .monaco-list-row');
    const texts = await rows.evaluateAll((els) =>
      els
        .map((el) => ({ top: el.getBoundingClientRect().top, text: el.innerText.replace(/\s*\n\s*/g, ' ').trim() }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.text),
    );
    return texts;
  };
  if (minCount <= 0) return read();
  return waitUntil(
    `at least ${minCount} rows in the Problems panel`,
    async () => {
      const t = await read();
      return t.length >= minCount ? t : false;
    },
    { timeout },
  );
}

/** Waits for a squiggle decoration in the active editor; returns how many show. */
export async function waitForSquiggles(page, cls = '.squiggly-error', { timeout = 20000 } = {}) {
  const sel = `.editor-instance .monaco-editor ${cls.startsWith('.') ? cls : `.${cls}`}`;
  await bounded(`squiggles "${sel}" in the editor`, timeout, (t) => page.locator(sel).first().waitFor({ state: 'attached', timeout: t }));
  return page.locator(sel).count();
}

/** Scrolls the active editor to a 1-based line (Ctrl+G). */
export async function goToLine(page, lineNumber, { timeout = 10000 } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press('Control+G');
  await waitQuickInput(page, 'Go to Line', timeout);
  // The Go to Line box itself (":" typed in it) has the keys, not a box still closing or the
  // editor: typed into the editor, the line number would change the file under test.
  await waitUntil(
    'the Go to Line box to take the keyboard',
    () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return !!el && !!el.closest('.quick-input-widget') && el instanceof HTMLInputElement && el.value.startsWith(':');
      }),
    { timeout, interval: 50 },
  );
  await page.keyboard.type(String(lineNumber));
  await page.keyboard.press('Enter');
  await waitQuickInputClosed(page, 'Go to Line', timeout);
}

/**
 * Moves the mouse over the first occurrence of `text` on 1-based line `lineNumber` of the
 * active editor and returns the hover widget's text.
 */
export async function hoverAt(page, lineNumber, text, { timeout = 15000 } = {}) {
  await goToLine(page, lineNumber);
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const box = await waitUntil(
    `"${text}" to show on line ${lineNumber} of the editor`,
    () =>
      editor.evaluate(
        (ed, { lineNumber, text }) => {
          const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.textContent.trim() === String(lineNumber));
          if (!num) return null;
          const y = num.getBoundingClientRect().top;
          const line = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => Math.abs(l.getBoundingClientRect().top - y) < 2);
          if (!line) return null;
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          let full = '';
          const nodes = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push({ n, start: full.length });
            full += n.textContent.replace(/\u00a0/g, ' ');
          }
          const at = full.indexOf(text);
          if (at < 0) return null;
          const mid = at + Math.floor(text.length / 2);
          const hit = nodes.filter((x) => x.start <= mid).pop();
          const range = document.createRange();
          range.setStart(hit.n, mid - hit.start);
          range.setEnd(hit.n, Math.min(mid - hit.start + 1, hit.n.textContent.length));
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        },
        { lineNumber, text },
      ),
    { timeout },
  );
  // Leave the editor first so that the move starts a new hover.
  await page.mouse.move(1, 1);
  await sleep(100);
  await page.mouse.move(box.x, box.y, { steps: 5 });
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
  return waitUntil(
    `a hover over "${text}" on line ${lineNumber}`,
    async () => {
      const n = await hover.count();
      const texts = [];
      for (let i = 0; i < n; i++) {
        const h = hover.nth(i);
        if (await h.isVisible()) texts.push((await h.innerText({ timeout: 1000 })).trim());
      }
      const t = texts.filter(Boolean).join('\n');
      return t || false;
    },
    { timeout },
  );
}

/** The status bar items' texts, left to right, joined with " | ". */
export async function statusBarText(page) {
  return (await statusBarItems(page)).join(' | ');
}

/** The status bar items' texts, left to right (empty ones left out). */
export async function statusBarItems(page) {
  const items = page.locator('.part.statusbar .statusbar-item');
  const all = await items.evaluateAll((els) =>
    els
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ x: el.getBoundingClientRect().left, text: el.innerText.replace(/\s+/g, ' ').trim() }))
      .sort((a, b) => a.x - b.x)
      .map((r) => r.text)
      .filter(Boolean),
  );
  return all;
}

/** The language mode shown in the status bar for the active editor ('' if none). */
export async function languageMode(page) {
  const el = page.locator('[id="status.editor.mode"]');
  if (!(await el.count())) return '';
  return (await el.first().innerText({ timeout: 5000 })).trim();
}

/** Waits until the status bar shows `text` (string or RegExp); returns the whole text. */
export async function waitForStatusBar(page, text, { timeout = 20000 } = {}) {
  let last = '';
  try {
    return await waitUntil(
      `the status bar to show ${typeof text === 'string' ? JSON.stringify(text) : text}`,
      async () => {
        last = await statusBarText(page);
        return (typeof text === 'string' ? last.includes(text) : text.test(last)) ? last : false;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (it shows: ${JSON.stringify(last)})`;
    throw e;
  }
}

/**
 * The content frame of a visible webview: webviews sit two iframes deep (the outer
 * iframe.webview, then its iframe#active-frame, which carries the panel's title).
 * Options: `title` (the webview panel's title), `text` (waits for its body to show it).
 */
export async function webviewFrame(page, { title, text, timeout = 20000 } = {}) {
  const what = ['a webview', title && `titled "${title}"`, text && `showing "${text}"`].filter(Boolean).join(' ');
  return waitUntil(
    what,
    async () => {
      for (const f of page.frames()) {
        const outer = f.parentFrame();
        if (!outer || outer === page.mainFrame()) continue;
        const el = await f.frameElement().catch(() => null);
        if (!el) continue;
        const info = await el.evaluate((e) => ({ id: e.id, title: e.title })).catch(() => null);
        if (!info || info.id !== 'active-frame') continue;
        if (title && info.title !== title) continue;
        const outerEl = await outer.frameElement().catch(() => null);
        if (!outerEl || !(await outerEl.isVisible().catch(() => false))) continue;
        const body = await f.evaluate(() => (document.readyState === 'complete' && document.body ? document.body.innerText : null)).catch(() => null);
        if (body === null) continue;
        if (text && !body.includes(text)) continue;
        return f;
      }
      return false;
    },
    { timeout, interval: 200 },
  );
}

/** Saves a PNG of the page to test/output/e2e/<version>/<name>.png and returns its path. */
export async function screenshot(page, name, { fullPage = false } = {}) {
  const file = path.join(outputDir(), `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage, timeout: 15000 });
  return file;
}

/**
 * Runs fn(); if it throws, saves a screenshot `<name>-failure.png` and the console log
 * next to it before rethrowing.
 */
export async function captureOnFailure(page, name, fn) {
  try {
    return await fn();
  } catch (e) {
    try {
      const png = await screenshot(page, `${name}-failure`);
      const logFile = png.replace(/\.png$/, '.console.txt');
      fs.writeFileSync(logFile, consoleLog(page).join('\n') + '\n');
      e.message += `\n  (screenshot: ${png}; browser console: ${logFile})`;
    } catch {
      /* page may be gone */
    }
    throw e;
  }
}
