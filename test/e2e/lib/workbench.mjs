// What a user sees and does in the editor and around it, read from the workbench's DOM:
// the visible lines with their token colours, squiggles with the text they underline, the
// cursor position, quick fixes, symbols, the language status, editor tabs and actions,
// the colour theme, and the sequence-diagram preview's webview.
// Every wait is bounded and says what it waited for.
import { goToLine, hoverAt, openFile, runCommand, webviewFrame } from './browser.mjs';
import { bounded, sleep, waitUntil } from './wait.mjs';

// ---- the text editor ----

/** In-page helper source: the rendered lines of an editor, by 1-based line number. */
const LINES_IN_PAGE = `function linesOf(ed) {
  const nums = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')];
  const views = [...ed.querySelectorAll('.view-lines .view-line')];
  const out = [];
  for (const n of nums) {
    const line = Number(n.textContent.trim());
    if (!Number.isInteger(line) || line < 1) continue;
    const y = n.getBoundingClientRect().top;
    const view = views.find((v) => Math.abs(v.getBoundingClientRect().top - y) < 2);
    if (view) out.push({ line, el: view, top: y, bottom: n.getBoundingClientRect().bottom });
  }
  return out.sort((a, b) => a.line - b.line);
}`;

/**
 * Evaluates body(ed, arg, linesOf) in the page on the text editor a user looks at (the
 * focused one, else the visible one in the active editor group, else the first visible
 * one; a modal editor counts); null if none.
 * Built as an expression string: the workbench's CSP need not allow eval.
 */
async function onEditorWithLines(page, body, arg) {
  return page.evaluate(`(() => {
    const visible = (e) => e.offsetParent !== null && e.getBoundingClientRect().width > 0;
    const all = [...document.querySelectorAll('.editor-instance .monaco-editor')].filter(visible);
    const ed = all.find((e) => e.classList.contains('focused')) || all.find((e) => e.closest('.editor-group-container.active')) || all[0];
    if (!ed) return null;
    const linesOf = ${LINES_IN_PAGE};
    return (${body.toString()})(ed, ${JSON.stringify(arg ?? null)}, linesOf);
  })()`);
}

/** The rendered lines of the editor: [{ line, text }] (only lines scrolled into view). */
export async function visibleLines(page) {
  const lines = await onEditorWithLines(page, (ed, _arg, linesOf) => linesOf(ed).map((l) => ({ line: l.line, text: l.el.textContent.replace(/\u00a0/g, ' ') })));
  return lines || [];
}

/** The text of one 1-based line as rendered (undefined when it is not in view). */
export async function lineText(page, line) {
  return (await visibleLines(page)).find((l) => l.line === line)?.text;
}

/** Waits until line `line` reads `expected` (string: equal; RegExp: matches). */
export async function waitForLineText(page, line, expected, { timeout = 10000 } = {}) {
  let last;
  try {
    return await waitUntil(
      `line ${line} of the editor to read ${expected instanceof RegExp ? expected : JSON.stringify(expected)}`,
      async () => {
        last = await lineText(page, line);
        if (last === undefined) return false;
        return (expected instanceof RegExp ? expected.test(last) : last === expected) ? last : false;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (it reads ${JSON.stringify(last)})`;
    throw e;
  }
}

/**
 * The tokens of a rendered line with their computed colours: [{ text, color, plain }],
 * where `plain` marks the editor's default foreground (Monaco's class mtk1).
 */
export async function lineTokens(page, line) {
  const tokens = await onEditorWithLines(
    page,
    (ed, line, linesOf) => {
      const l = linesOf(ed).find((x) => x.line === line);
      if (!l) return null;
      return [...l.el.querySelectorAll('span > span')].map((s) => ({
        text: s.textContent.replace(/\u00a0/g, ' '),
        color: getComputedStyle(s).color,
        plain: s.classList.contains('mtk1'),
      }));
    },
    line,
  );
  if (!tokens) throw new Error(`line ${line} is not rendered in the editor`);
  return tokens;
}

/**
 * Squiggles (`cls`, e.g. '.squiggly-error') in the editor: [{ line, text }], `text` being the
 * characters the squiggle underlines.
 */
export async function squiggles(page, cls = '.squiggly-error') {
  const found = await onEditorWithLines(
    page,
    (ed, cls, linesOf) => {
      const lines = linesOf(ed);
      const out = [];
      for (const s of ed.querySelectorAll(cls)) {
        const r = s.getBoundingClientRect();
        if (r.width === 0) continue;
        const l = lines.find((x) => r.top >= x.top - 2 && r.top < x.bottom - 1);
        if (!l) continue;
        let text = '';
        const walker = document.createTreeWalker(l.el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.textContent.length; i++) {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + 1);
            const c = range.getBoundingClientRect();
            const mid = c.left + c.width / 2;
            if (mid > r.left && mid < r.right) text += n.textContent[i];
          }
        }
        out.push({ line: l.line, text: text.replace(/\u00a0/g, ' ') });
      }
      return out.sort((a, b) => a.line - b.line);
    },
    cls,
  );
  return found || [];
}

/** Waits until a squiggle `cls` underlines `text` (if given) on `line`; returns all squiggles of that class. */
export async function waitForSquiggleAt(page, cls, line, { text, timeout = 20000 } = {}) {
  let last = [];
  try {
    return await waitUntil(
      `a ${cls} squiggle on line ${line}${text ? ` under "${text}"` : ''}`,
      async () => {
        last = await squiggles(page, cls);
        return last.some((s) => s.line === line && (!text || s.text === text)) ? last : false;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (squiggles seen: ${JSON.stringify(last)})`;
    throw e;
  }
}

/** Waits until no squiggle `cls` shows (on `line`, when given). */
export async function waitForNoSquiggle(page, cls, { line, timeout = 10000 } = {}) {
  let last = [];
  try {
    await waitUntil(
      `no ${cls} squiggle${line ? ` on line ${line}` : ''} in the editor`,
      async () => {
        last = await squiggles(page, cls);
        return !last.some((s) => line === undefined || s.line === line);
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (squiggles seen: ${JSON.stringify(last)})`;
    throw e;
  }
}

/**
 * The cursor position the status bar shows ("Ln 9, Col 1 (75 selected)") as { line, col, text }.
 * The status bar shows it while a text editor is the active editor; when a webview has the
 * focus it does not, and `line` comes from the text editor's highlighted current line number
 * (col NaN, text "editor: Ln N").
 */
export async function cursorPosition(page) {
  const item = page.locator('[id="status.editor.selection"]').first();
  if (await item.isVisible().catch(() => false)) {
    const text = (await item.innerText({ timeout: 2000 })).trim();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    if (m) return { line: Number(m[1]), col: Number(m[2]), text };
  }
  const line = await onEditorWithLines(page, (ed) => {
    const n = ed.querySelector('.margin-view-overlays .line-numbers.active-line-number');
    return n ? Number(n.textContent.trim()) : null;
  });
  return { line: line ?? NaN, col: NaN, text: line ? `editor: Ln ${line}` : '(no cursor shown)' };
}

/** Waits until the status bar's cursor position is on `line` (and `col`, when given). */
export async function waitForCursor(page, line, { col, timeout = 10000 } = {}) {
  let last;
  try {
    return await waitUntil(
      `the status bar to show the cursor at Ln ${line}${col ? `, Col ${col}` : ''}`,
      async () => {
        last = await cursorPosition(page);
        return last.line === line && (col === undefined || last.col === col) ? last : false;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (it shows ${JSON.stringify(last?.text)})`;
    throw e;
  }
}

/**
 * Hovers over `text` on `line` and waits until the hover shows every string of `expected`
 * (hovers fill in as their providers answer). Returns the hover's text.
 */
export async function hoverShowing(page, line, text, expected, { timeout = 15000 } = {}) {
  let shown = await hoverAt(page, line, text, { timeout });
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
  const missing = () => expected.filter((x) => !shown.includes(x));
  try {
    await waitUntil(
      `the hover over "${text}" on line ${line} to show ${JSON.stringify(expected)}`,
      async () => {
        const parts = await hover.evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => e.innerText.trim()));
        if (parts.length) shown = parts.join('\n');
        return missing().length === 0;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (missing ${JSON.stringify(missing())}; the hover shows ${JSON.stringify(shown)})`;
    throw e;
  }
  return shown;
}

/** Closes hovers, widgets and quick inputs (Escape until none shows). */
export async function dismissWidgets(page) {
  for (let i = 0; i < 3; i++) {
    const open = await page.locator('.quick-input-widget:visible, .action-widget .monaco-list-row:visible, .monaco-hover:not(.hidden):visible').count();
    if (!open) return;
    await page.keyboard.press('Escape');
    await sleep(50);
  }
}

/**
 * Puts the cursor at line:col, opens the quick fix menu (Ctrl+.) and returns its entries'
 * titles; with `apply`, picks that entry with the keyboard (the menu's pointer block takes
 * clicks) and waits for the menu to close.
 */
export async function quickFixes(page, line, col, { apply, timeout = 15000 } = {}) {
  await dismissWidgets(page);
  await goToLine(page, `${line}:${col}`);
  await waitForCursor(page, line, { col });
  const rows = page.locator('.action-widget .monaco-list-row.action');
  // Ctrl+. pressed while the code actions of a just-edited text are still being computed
  // shows nothing (or "No code actions available"): pressed again until the menu opens.
  await waitUntil(
    `the quick fix menu at line ${line}, col ${col}`,
    async () => {
      await page.keyboard.press('Control+.');
      if (
        await rows
          .first()
          .waitFor({ state: 'visible', timeout: 2500 })
          .then(
            () => true,
            () => false,
          )
      )
        return true;
      await page.keyboard.press('Escape');
      await waitForCursor(page, line, { col });
      return false;
    },
    { timeout, interval: 200 },
  );
  const titles = await waitUntil(
    'the quick fix menu to list its entries',
    async () => {
      const t = await rows.evaluateAll((els) => els.map((e) => (e.querySelector('.title') || e).textContent.trim()));
      return t.length ? t : false;
    },
    { timeout },
  );
  if (!apply) {
    await page.keyboard.press('Escape');
    return titles;
  }
  const at = titles.indexOf(apply);
  if (at < 0) {
    await page.keyboard.press('Escape');
    throw new Error(`the quick fix menu at line ${line}, col ${col} has no "${apply}" (it lists ${JSON.stringify(titles)})`);
  }
  const focused = rows.and(page.locator('.focused'));
  await waitUntil(
    `the quick fix "${apply}" to be focused`,
    async () => {
      const label = await focused
        .first()
        .evaluate((e) => (e.querySelector('.title') || e).textContent.trim(), null, { timeout: 500 })
        .catch(() => null);
      if (label === apply) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    },
    { timeout, interval: 50 },
  );
  await page.keyboard.press('Enter');
  await bounded('the quick fix menu to close', timeout, (t) => rows.first().waitFor({ state: 'hidden', timeout: t }));
  return titles;
}

/**
 * Selects `oldText` on `line` (its first occurrence) and types `newText` over it, as a user
 * would; waits until the line shows the result.
 */
export async function replaceInLine(page, line, oldText, newText, { timeout = 10000 } = {}) {
  await dismissWidgets(page);
  await goToLine(page, line);
  const before = await waitUntil(`line ${line} to be rendered`, () => lineText(page, line), { timeout });
  const at = before.indexOf(oldText);
  if (at < 0) throw new Error(`line ${line} does not contain "${oldText}" (it reads ${JSON.stringify(before)})`);
  await goToLine(page, `${line}:${at + 1}`);
  await waitForCursor(page, line, { col: at + 1 });
  for (let i = 0; i < oldText.length; i++) await page.keyboard.press('Shift+ArrowRight');
  // Delete the selection first (typing a quote over a selection would surround it), then
  // insertText: one input, like a paste (no auto-closing of brackets or quotes).
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(newText);
  const expected = before.slice(0, at) + newText + before.slice(at + oldText.length);
  await waitForLineText(page, line, expected, { timeout });
}

/**
 * Opens a workspace file from the Explorer: expands the folders on its path (one click each,
 * where collapsed), then double-clicks the file's row. Quicker than the first Quick Open of
 * a session, which waits for the file search to start.
 */
export async function openFromExplorer(page, rel, { timeout = 30000 } = {}) {
  const exact = (s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  for (const dir of rel.split('/').slice(0, -1)) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: exact(dir) }) }).first();
    await bounded(`the Explorer to show the folder "${dir}"`, timeout, (t) => row.waitFor({ state: 'visible', timeout: t }));
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.click();
      await waitUntil(`the folder "${dir}" to expand in the Explorer`, async () => (await row.getAttribute('aria-expanded')) === 'true', { timeout });
    }
  }
  await openFile(page, rel, { via: 'explorer', timeout });
}

// ---- symbols ----

/** Go to Symbol in Editor (Ctrl+Shift+O): the rows it lists, as shown ("label | detail"). */
export async function editorSymbols(page, { timeout = 15000 } = {}) {
  await dismissWidgets(page);
  await page.keyboard.press('Control+Shift+O');
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await bounded('Go to Symbol in Editor to list symbols', timeout, (t) => rows.first().waitFor({ state: 'visible', timeout: t }));
  // The list fills in once the symbol provider answered; wait until it stops changing.
  let previous = '';
  const texts = await waitUntil(
    'the symbol list to settle',
    async () => {
      const t = await rows.evaluateAll((els) =>
        els
          .map((e) => ({ top: e.getBoundingClientRect().top, text: e.innerText.replace(/\s*\n\s*/g, ' | ').trim() }))
          .sort((a, b) => a.top - b.top)
          .map((r) => r.text),
      );
      const key = JSON.stringify(t);
      const stable = key === previous && t.length > 0;
      previous = key;
      return stable ? t : false;
    },
    { timeout, interval: 250 },
  );
  await page.keyboard.press('Escape');
  return texts;
}

/** Expands the Explorer's Outline view and returns its rows: [{ level, text }]. */
export async function outlineRows(page, { minCount = 1, timeout = 15000 } = {}) {
  const header = page.locator('.pane-header', { hasText: /^\s*Outline\s*$/i }).first();
  await bounded('the Outline view header in the Explorer', timeout, (t) => header.waitFor({ state: 'visible', timeout: t }));
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const pane = header.locator('xpath=..');
  return waitUntil(
    `at least ${minCount} rows in the Outline view`,
    async () => {
      const rows = await pane.locator('.monaco-list-row').evaluateAll((els) =>
        els
          .map((e) => ({ top: e.getBoundingClientRect().top, level: Number(e.getAttribute('aria-level')), text: e.innerText.replace(/\s*\n\s*/g, ' ').trim() }))
          .sort((a, b) => a.top - b.top)
          .map(({ level, text }) => ({ level, text })),
      );
      return rows.length >= minCount ? rows : false;
    },
    { timeout },
  );
}

// ---- status bar, tabs, actions ----

/**
 * The language status items of the active editor as the user reads them after clicking
 * the status bar's "{}" item: the hover's text. Closes the hover again.
 */
export async function languageStatusText(page, { timeout = 10000 } = {}) {
  await dismissWidgets(page);
  const item = page.locator('[id="status.languageStatus"]');
  await bounded('the language status item "{}" in the status bar', timeout, (t) => item.first().waitFor({ state: 'visible', timeout: t }));
  await item.first().click();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').last();
  const text = await waitUntil('the language status hover', async () => (await hover.innerText({ timeout: 500 }).catch(() => '')).trim() || false, { timeout });
  await page.keyboard.press('Escape');
  return text;
}

/** Waits until the language status hover shows `expected` (string or RegExp); returns its text. */
export async function waitForLanguageStatus(page, expected, { timeout = 15000 } = {}) {
  let last = '';
  try {
    return await waitUntil(
      `the language status to show ${expected}`,
      async () => {
        // The item's accessible label carries the same text; read it first, cheaply.
        last = (await page.locator('[id="status.languageStatus"]').first().getAttribute('aria-label', { timeout: 1000 })) || '';
        return (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) ? last : false;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (it shows ${JSON.stringify(last)})`;
    throw e;
  }
}

/** The editor tabs' titles, left to right, across groups. */
export async function tabTitles(page) {
  return page.locator('.tabs-container .tab').evaluateAll((els) =>
    els
      .map((e) => ({ x: e.getBoundingClientRect().left, text: e.textContent.trim() }))
      .sort((a, b) => a.x - b.x)
      .map((t) => t.text),
  );
}

/** Waits for a tab whose title matches (string: contains; RegExp). */
export async function waitForTab(page, title, { timeout = 15000 } = {}) {
  let last = [];
  try {
    return await waitUntil(
      `an editor tab titled ${title instanceof RegExp ? title : JSON.stringify(title)}`,
      async () => {
        last = await tabTitles(page);
        return last.some((t) => (title instanceof RegExp ? title.test(t) : t.includes(title))) ? last : false;
      },
      { timeout },
    );
  } catch (e) {
    e.message += ` (tabs: ${JSON.stringify(last)})`;
    throw e;
  }
}

/** Closes the editor tab whose title starts with `title`, by its close button, as a user does. */
export async function closeTab(page, title, { timeout = 15000 } = {}) {
  // By the tab's accessible name ("name.ext, Editor Group 1"): newer versions show the
  // extension apart from the name. Only tabs on screen (a hidden editor part may hold one too).
  const tab = page
    .locator(`.tabs-container .tab[aria-label^=${JSON.stringify(title)}]`)
    .filter({ visible: true })
    .first();
  await bounded(`the editor tab "${title}"`, timeout, (t) => tab.waitFor({ state: 'visible', timeout: t }));
  await tab.hover();
  await bounded(`a click on the close button of the tab "${title}"`, 2 * timeout, (t) => tab.locator('.tab-actions .action-label').first().click({ timeout: t }));
  await waitUntil(`the tab "${title}" to close`, async () => (await tab.count()) === 0, { timeout });
}

/**
 * "Developer: Reload Window", waiting for the new workbench. (A browser reload does not
 * wait for the workbench to store its editors, so a preview opened seconds before may
 * not be among those it restores.)
 */
export async function reloadWindow(page, { timeout = 120000 } = {}) {
  await page.evaluate(() => {
    window.__oidtraceBeforeReload = true;
  });
  await runCommand(page, 'Developer: Reload Window').catch((err) => {
    if (!/closed|destroyed|navigat|Timed out/i.test(String(err.message))) throw err; // the page went away under it
  });
  await waitUntil(
    'the window to reload',
    () => page.evaluate(() => !window.__oidtraceBeforeReload && !!document.querySelector('.monaco-workbench .part.statusbar')).catch(() => false),
    { timeout, interval: 250 },
  );
}

/** Clicks the editor tab titled `title` (the whole title). */
export async function clickTab(page, title, { timeout = 10000 } = {}) {
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const tab = page.locator('.tabs-container .tab', { hasText: exact }).first();
  await bounded(`a click on the editor tab "${title}"`, timeout, (t) => tab.click({ timeout: t }));
}

/**
 * Clicks the editor tab titled `title` and waits until it is the active editor of the
 * active group (so that `when` clauses like activeWebviewPanelId see it).
 */
export async function focusTab(page, title, { timeout = 10000 } = {}) {
  const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await clickTab(page, title, { timeout });
  const active = page.locator('.editor-group-container.active .tab.active', { hasText: exact });
  await bounded(`the tab "${title}" to be the active editor`, timeout, (t) => active.first().waitFor({ state: 'visible', timeout: t }));
}

/**
 * runCommand(), retried while the Command Palette does not list the command yet: the
 * palette reads `when` clauses (e.g. the active webview) once, as it opens.
 */
export async function runCommandWhenListed(page, title, { attempts = 3, timeout = 10000 } = {}) {
  for (let i = 1; ; i++) {
    try {
      return await runCommand(page, title, { timeout });
    } catch (e) {
      if (i >= attempts || !/to list the command/.test(String(e.message))) throw e;
      console.log(`runCommandWhenListed: "${title}" not listed yet (attempt ${i}); retrying`);
      await page.keyboard.press('Escape');
      await sleep(300);
    }
  }
}

/**
 * Runs an item of the active editor's "More Actions..." menu (editor/title, outside the
 * navigation group) with the mouse: no keyboard focus is involved (a webview holding
 * the focus swallows key presses), and the menu lists exactly what the active editor offers.
 */
export async function clickEditorMenuItem(page, label, { timeout = 10000 } = {}) {
  const more = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="More Actions"]');
  await bounded('the editor title button "More Actions..."', timeout, (t) => more.first().waitFor({ state: 'visible', timeout: t }));
  await more.first().click();
  const item = page.locator('.monaco-menu .action-item:not(.disabled) .action-menu-item', { hasText: label });
  await bounded(`the menu item "${label}"`, timeout, (t) => item.first().waitFor({ state: 'visible', timeout: t }));
  await runMenuItem(page, label, { timeout });
}

/** Right-clicks a file in the Explorer; returns the context menu's item labels (the menu stays open). */
export async function openExplorerMenu(page, name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) }).first();
  await bounded(`the Explorer row of ${name}`, 30000, (t) => row.waitFor({ state: 'visible', timeout: t }));
  await row.click({ button: 'right' });
  const items = page.locator('.monaco-menu .action-item:not(.disabled) .action-menu-item');
  await bounded('the Explorer context menu', 10000, (t) => items.first().waitFor({ state: 'visible', timeout: t }));
  return (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
}

/**
 * The context menu of a file once it lists `label`: the workbench adds the menu items of
 * extensions once it has read them, a few seconds after it shows.
 */
export async function explorerMenu(page, name, label) {
  let items = [];
  try {
    return await waitUntil(
      `the Explorer's context menu of ${name} to list "${label}"`,
      async () => {
        items = await openExplorerMenu(page, name);
        if (items.includes(label)) return items;
        await page.keyboard.press('Escape');
        return false;
      },
      { timeout: 30000, interval: 500 },
    );
  } catch (e) {
    e.message += ` (it lists ${JSON.stringify(items)})`;
    throw e;
  }
}

/**
 * Runs an item of the open menu. The menu runs an item only once the pointer has entered it,
 * and a pointer left where the same item was the last time the menu opened enters nothing:
 * move away first, then onto the item, wait for the menu to focus it (the menu holds the
 * keyboard focus), and run it with Enter.
 */
export async function runMenuItem(page, label, { timeout = 10000 } = {}) {
  const item = page.locator('.monaco-menu .action-item:not(.disabled) .action-menu-item', { hasText: label });
  await page.mouse.move(0, 0);
  await item.first().hover();
  const focused = page.locator('.monaco-menu .action-item.focused .action-menu-item', { hasText: label });
  await bounded(`the menu item "${label}" to be focused`, timeout, (t) => focused.first().waitFor({ state: 'visible', timeout: t }));
  await page.keyboard.press('Enter');
  await bounded(`the menu to close after "${label}"`, timeout, (t) => page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: t }));
}

/** The labels of the active editor group's title actions (editor/title menu). */
export async function editorActions(page) {
  return page
    .locator('.editor-group-container.active .editor-actions .action-label')
    .evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') || e.title || '').split('\n')[0].trim()));
}

/** Clicks the active editor group's title action whose label starts with `label`. */
export async function clickEditorAction(page, label, { timeout = 10000 } = {}) {
  const loc = page.locator(`.editor-group-container.active .editor-actions .action-label[aria-label^=${JSON.stringify(label)}]`);
  await bounded(`the editor title button "${label}"`, timeout, (t) => loc.first().waitFor({ state: 'visible', timeout: t }));
  await loc.first().click();
}

// ---- layout and theme ----

async function togglePart(page, selector, key, visible, what, timeout) {
  const part = page.locator(selector).first();
  const isVisible = async () => part.isVisible().catch(() => false);
  if ((await isVisible()) === visible) return;
  await dismissWidgets(page);
  await page.keyboard.press(key);
  await waitUntil(`the ${what} to be ${visible ? 'shown' : 'hidden'}`, async () => (await isVisible()) === visible, { timeout });
}

/** Shows or hides the primary side bar (Ctrl+B). */
export function setSideBarVisible(page, visible, { timeout = 5000 } = {}) {
  return togglePart(page, '.part.sidebar', 'Control+B', visible, 'primary side bar', timeout);
}

/** Shows or hides the panel (Ctrl+J). */
export function setPanelVisible(page, visible, { timeout = 5000 } = {}) {
  return togglePart(page, '.part.panel', 'Control+J', visible, 'panel', timeout);
}

/**
 * Picks a colour theme with "Preferences: Color Theme" (typing its name, Enter) and waits
 * for the workbench to switch (`kind`: 'light' → .vs, 'dark' → .vs-dark).
 */
export async function setColorTheme(page, name, kind, { timeout = 15000 } = {}) {
  await dismissWidgets(page);
  // Not runCommand(): this command opens a second quick pick (the theme list) at once.
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input').first();
  await bounded('the Command Palette', timeout, (t) => input.waitFor({ state: 'visible', timeout: t }));
  await page.keyboard.type('Preferences: Color Theme');
  const command = page
    .locator('.quick-input-widget .monaco-list-row', {
      has: page.locator('.label-name', { hasText: /^\s*Preferences: Color Theme\s*$/ }),
    })
    .first();
  await bounded('the command "Preferences: Color Theme"', timeout, (t) => command.waitFor({ state: 'visible', timeout: t }));
  await command.click();
  await waitUntil('the colour theme picker', async () => /Color Theme/i.test((await input.getAttribute('placeholder', { timeout: 500 })) || ''), { timeout });
  await input.fill(name);
  await waitUntil(
    `"${name}" to be the first theme listed`,
    async () => {
      const first = await page.locator('.quick-input-widget .monaco-list-row .label-name').first().innerText({ timeout: 500 });
      return first.trim() === name;
    },
    { timeout },
  );
  await page.keyboard.press('Enter');
  const cls = kind === 'dark' ? 'vs-dark' : 'vs';
  await waitUntil(
    `the workbench to switch to the ${kind} theme "${name}"`,
    () => page.evaluate((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls), cls),
    { timeout },
  );
  await bounded('the theme picker to close', timeout, (t) => page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: t }));
}

// ---- the sequence diagram preview (webview) ----

/**
 * The preview's content frame, once its diagram (an SVG) is drawn. The webview is two
 * iframes deep; `text` narrows it to a preview whose page shows that text.
 */
export async function previewFrame(page, { text = 'Documented order', timeout = 30000 } = {}) {
  const frame = await webviewFrame(page, { text, timeout });
  await bounded('the sequence diagram (an SVG) in the preview', timeout, (t) => frame.locator('#diagram svg').first().waitFor({ state: 'attached', timeout: t }));
  return frame;
}

/** What the preview shows: message and note labels, checklist rows, status line, picker, badge. */
export async function previewContent(frame) {
  return frame.evaluate(() => {
    function framing(port) {
      const p = port.getBoundingClientRect();
      const pane = { left: p.left, top: p.top, right: p.left + port.clientWidth, bottom: p.top + port.clientHeight };
      const within = (b, o, axes = 'xy') => b.left >= o.left - 0.5 && b.right <= o.right + 0.5 && (axes === 'x' || (b.top >= o.top - 0.5 && b.bottom <= o.bottom + 0.5));
      const all = (sel) => [...document.querySelectorAll(sel)];
      const band = document.querySelector('#diagram rect.rect');
      return {
        overflow: port.scrollWidth - port.clientWidth,
        actorsInside: all('#diagram text.actor').every((a) => within(a.getBoundingClientRect(), pane, 'x')),
        notesInside: all('#diagram rect.note').every((n) => within(n.getBoundingClientRect(), pane, 'x')),
        noteTextInside: all('#diagram rect.note').every((n) =>
          [...n.parentElement.querySelectorAll('text.noteText')].every((t) => within(t.getBoundingClientRect(), n.getBoundingClientRect())),
        ),
        firstProblemInside: band ? within(band.getBoundingClientRect(), pane) : null,
        // A ghost: its text and its dashed arrow (the n-th ghost line goes with the n-th ghost text).
        ghostsInside: all('#diagram text.messageText.ghost').map((g, i) => {
          const arrow = all('#diagram line.ghost, #diagram path.ghost')[i];
          return within(g.getBoundingClientRect(), pane) && (!arrow || within(arrow.getBoundingClientRect(), pane));
        }),
      };
    }
    const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.trim());
    const rows = {};
    // A row: step, what, state (its words, without the icon and the finding links), took.
    for (const r of document.querySelectorAll('#checklist tr[data-step]')) {
      rows[r.getAttribute('data-step')] = [...r.querySelectorAll('td')].map((c) => {
        if (!c.classList.contains('state')) return c.textContent.trim();
        const words = c.cloneNode(true);
        words.querySelectorAll('.icon, a.finding').forEach((e) => e.remove());
        return words.textContent.trim();
      });
    }
    const picker = document.querySelector('#episode-picker');
    const badge = document.querySelector('#lock-badge');
    const svg = document.querySelector('#diagram svg');
    const port = document.querySelector('#viewport');
    return {
      messages: texts('#diagram text.messageText:not(.ghost)'),
      /** The documented order's steps drawn where they belong (missing or premature). */
      ghosts: texts('#diagram text.messageText.ghost'),
      // A note's wrapped lines, joined.
      notes: [...document.querySelectorAll('#diagram rect.note')].map((r) =>
        [...r.parentElement.querySelectorAll('text.noteText')].map((t) => t.textContent.trim()).join(' '),
      ),
      actors: [...new Set(texts('#diagram text.actor'))],
      checklist: rows,
      checklistTitle: document.querySelector('#checklist-title')?.textContent.trim(),
      status: document.querySelector('#status')?.textContent.trim(),
      episodes: picker ? [...picker.options].map((o) => o.textContent.trim()) : [],
      selectedEpisode: picker?.selectedOptions[0]?.textContent.trim(),
      current: [...document.querySelectorAll('#diagram text.current')].map((e) => e.textContent.trim()),
      zoom: document.querySelector('#zoom-reset')?.textContent.trim(),
      page: document.querySelector('.pager:not([hidden]) .page-label')?.textContent.trim(),
      /**
       * How the drawing sits in its pane, by bounding boxes: overflow to the right (px); whether
       * every participant and note is inside the pane's width, every note's text inside its
       * box; whether the first problem (its band) is wholly on screen (null: no problem); and
       * for each ghost of the documented order (its text and arrow), whether it is wholly on screen.
       */
      framing: svg && port ? framing(port) : undefined,
      locked: badge ? !badge.hidden : false,
      error: document.querySelector('#diagram .render-error')?.textContent.trim(),
    };
  });
}

/**
 * Waits until `check(content)` is true for the preview's content (re-finding the frame, which
 * a hidden or moved webview may have replaced); returns the content.
 */
export async function waitForPreview(page, what, check, { timeout = 15000 } = {}) {
  let last;
  try {
    return await waitUntil(
      `the preview to show ${what}`,
      async () => {
        const frame = await webviewFrame(page, { text: 'Documented order', timeout: 2000 });
        last = await previewContent(frame);
        return check(last) ? last : false;
      },
      { timeout, interval: 150 },
    );
  } catch (e) {
    e.message += ` (it shows ${JSON.stringify(last)})`;
    throw e;
  }
}
