// The sequence diagram preview as a user meets it: the editor title button opens it beside
// the trace; inside the webview (two iframes deep) the SVG shows the messages, the note on
// the out-of-order step and the documented-order checklist; clicks in the diagram move the
// editor's cursor and the editor's cursor highlights the message; edits redraw it; the lock
// keeps it on one trace; it is readable in a light and a dark theme (screenshots).
// Layout is measured by bounding boxes: what the user needs is inside the pane, not only in
// the DOM. "Go to Episode…" (the Quick Pick) finds an episode by any part of its label.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'preview';
const sample = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', name), 'utf8');

const MESSAGES = [
  'G3 UNBIND VF 2',
  'G4 DATAPATH path=synthetic VF 2',
  'T1 MOVE_FILTER VF 2, filter 7, VPort 3→0',
  '✓ MOVE_FILTER SUCCESS (0.4 ms)',
  'T3 RESET_VF VF 2',
  '✓ RESET_VF SUCCESS (40 ms)',
  'T2 DELETE_VPORT VF 2, VPort 3',
  '✓ DELETE_VPORT (0.3 ms)',
  'T4 FREE_VF VF 2',
  '✓ FREE_VF SUCCESS (0.2 ms)',
];
const NOTE = '⚠ teardown-order: should follow T2 DELETE_VPORT (line 9)';

const wb = e2e.useWorkbench({
  name: NAME,
  workspace: { files: { 'diagram/edit-me.oidtrace': sample('teardown-order.oidtrace') } },
  settings: { 'files.autoSave': 'off' },
});
const run = wb.run;

/** WCAG contrast ratio of two CSS rgb()/rgba() colours (alpha ignored). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The colours a reader sees in the preview: wb.page background, message, actor and note text on their boxes. */
async function diagramColours() {
  const frame = await e2e.previewFrame(wb.page);
  return frame.evaluate(() => {
    // The colour a text is painted in: its first tspan's, where Mermaid puts one.
    const fill = (sel) => {
      const el = document.querySelector(sel);
      return el ? getComputedStyle(el.querySelector('tspan') || el).fill : null;
    };
    return {
      theme: document.body.className,
      background: getComputedStyle(document.body).backgroundColor,
      message: fill('#diagram text.messageText:not(.current)'),
      actorText: fill('#diagram text.actor'),
      actorBox: fill('#diagram rect.actor'),
      noteText: fill('#diagram text.noteText'),
      noteBox: fill('#diagram rect.note'),
    };
  });
}

test(`code-server ${version}: the editor title button opens the sequence diagram beside the trace`, { timeout: 120000 }, () =>
  run('open', async () => {
    await e2e.openFromExplorer(wb.page, 'samples/teardown-order.oidtrace');
    // Room for the diagram, as a user would make it.
    await e2e.setSideBarVisible(wb.page, false);
    await e2e.setPanelVisible(wb.page, false);
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7);
    await e2e.goToLine(wb.page, 1);
    assert.ok(
      (await e2e.editorActions(wb.page)).some((a) => a.startsWith('Open Sequence Diagram to the Side')),
      'the editor title bar has the "Open Sequence Diagram to the Side" button',
    );
    await e2e.clickEditorAction(wb.page, 'Open Sequence Diagram to the Side');
    await e2e.waitForTab(wb.page, 'Diagram teardown-order.oidtrace');
    const shown = await e2e.waitForPreview(wb.page, 'the teardown-order episode', (c) => c.messages.length === MESSAGES.length && c.notes.length > 0, { timeout: 30000 });
    assert.equal(shown.error, undefined, 'no rendering error');
    assert.deepEqual(shown.messages, MESSAGES, 'the messages, in trace order');
    assert.ok(shown.notes.includes(NOTE), `the note "${NOTE}" (notes: ${JSON.stringify(shown.notes)})`);
    assert.deepEqual(shown.actors.sort(), ['NetVSC', 'PF miniport', 'Virtualization stack']);
    assert.deepEqual(shown.checklist.T3, ['T3', 'RESET_VF', 'out of order (teardown-order)', '40.0 ms']);
    assert.deepEqual(shown.checklist.T2.slice(0, 3), ['T2', 'DELETE_VPORT', 'done']);
    // The documented order is drawn over the trace: RESET_VF's place after DELETE_VPORT.
    assert.deepEqual(shown.ghosts, ['… T3 RESET_VF: documented place (came at line 7)']);
    // Opened framed: fitted to the pane's width (never above 100 %), every participant and
    // note whole, each note's text inside its box, the first problem and the documented
    // place of RESET_VF on screen (bounding boxes inside the pane).
    assert.ok(Number.parseInt(shown.zoom, 10) <= 100, `zoom ${shown.zoom}`);
    const framing = JSON.stringify(shown.framing);
    assert.ok(shown.framing.overflow <= 0, `no horizontal overflow (${framing})`);
    assert.ok(shown.framing.actorsInside, `every participant inside the pane (${framing})`);
    assert.ok(shown.framing.notesInside, `every note inside the pane (${framing})`);
    assert.ok(shown.framing.noteTextInside, `every note's text inside its box (${framing})`);
    assert.equal(shown.framing.firstProblemInside, true, `the first problem on screen (${framing})`);
    assert.deepEqual(shown.framing.ghostsInside, [true], `the documented place on screen (${framing})`);
    assert.equal(shown.checklistTitle, 'Documented order (VF teardown)');
    assert.equal(shown.status, 'pf0 · VF 2 teardown: lines 3–12, 1 problem');
    assert.equal(shown.selectedEpisode, 'pf0 · VF 2 teardown · 10:41:07.101–10:41:07.154 · line 3 · 1 problem');
    // The editor stays beside it, and keeps the focus.
    assert.deepEqual((await e2e.tabTitles(wb.page)).slice(-1), ['Diagram teardown-order.oidtrace']);
    const colours = await diagramColours();
    assert.match(colours.theme, /vscode-light/);
    assert.ok(contrast(colours.message, colours.background) >= 4.5, `message text is readable in the light theme (${JSON.stringify(colours)})`);
    const shot = await e2e.screenshot(wb.page, `${NAME}-light`);
    console.log(`screenshot: ${shot}`);
  }),
);

test(`code-server ${version}: clicking a message, a note or a checklist row selects its line in the editor`, { timeout: 60000 }, () =>
  run('click', async () => {
    let frame = await e2e.previewFrame(wb.page);
    await frame.locator('#diagram text.messageText', { hasText: 'T2 DELETE_VPORT VF 2, VPort 3' }).first().click();
    // The status bar shows "Ln 9, Col 76 (75 selected)": the whole line is selected. (If the
    // click's focus lands in the webview after the reveal, the status bar shows no cursor;
    // waitForCursor then reads the editor's current line.)
    const at = await e2e.waitForCursor(wb.page, 9);
    if (!at.text.startsWith('editor:')) assert.match(at.text, /^Ln 9, Col \d+ \(\d+ selected\)$/, 'the whole line 9 is selected');
    else console.log('the status bar showed no cursor after the click (the webview kept the focus)');
    await e2e.waitForPreview(wb.page, 'the clicked message highlighted', (c) => c.current.includes('T2 DELETE_VPORT VF 2, VPort 3'));
    // The note on the out-of-order step reveals that step (line 7).
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#diagram text.noteText', { hasText: 'teardown-order: should follow' }).first().click();
    await e2e.waitForCursor(wb.page, 7);
    // A checklist row: T4 FREE_VF is line 11.
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#checklist tr[data-step="T4"]').click();
    await e2e.waitForCursor(wb.page, 11);
  }),
);

test(`code-server ${version}: moving the cursor in the editor highlights its message in the diagram`, { timeout: 60000 }, () =>
  run('cursor', async () => {
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.goToLine(wb.page, 5);
    await e2e.waitForPreview(wb.page, 'T1 MOVE_FILTER highlighted', (c) => c.current.length === 1 && c.current[0] === 'T1 MOVE_FILTER VF 2, filter 7, VPort 3→0');
    await e2e.goToLine(wb.page, 8);
    await e2e.waitForPreview(wb.page, 'the RESET_VF completion highlighted', (c) => c.current.length === 1 && c.current[0] === '✓ RESET_VF SUCCESS (40 ms)');
    // A line outside any message (the comment) highlights nothing.
    await e2e.goToLine(wb.page, 1);
    await e2e.waitForPreview(wb.page, 'no highlighted message', (c) => c.current.length === 0);
  }),
);

test(`code-server ${version}: the toolbar turns the documented order off and on, and zooms`, { timeout: 60000 }, () =>
  run('toolbar', async () => {
    let frame = await e2e.previewFrame(wb.page);
    await frame.locator('#show-reference').click();
    await e2e.waitForPreview(wb.page, 'no ghost arrows', (c) => c.ghosts.length === 0 && c.messages.length === MESSAGES.length);
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#show-reference').click();
    const on = await e2e.waitForPreview(wb.page, 'the documented place of RESET_VF again', (c) => c.ghosts.length === 1);
    // Drawn in the diagram, at Fit, where the user looks: its box inside the pane.
    assert.ok(Number.parseInt(on.zoom, 10) <= 100, `zoom ${on.zoom}`);
    assert.deepEqual(on.framing.ghostsInside, [true], `the documented place inside the pane (${JSON.stringify(on.framing)})`);
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#zoom-reset').click();
    await e2e.waitUntil('the zoom to read 100%', async () => (await frame.locator('#zoom-reset').innerText()).trim() === '100%');
    await frame.locator('#zoom-in').click();
    await e2e.waitUntil('the zoom to read 120%', async () => (await frame.locator('#zoom-reset').innerText()).trim() === '120%');
    await frame.locator('#zoom-fit').click();
    const fitted = await e2e.waitForPreview(wb.page, 'fitted again', (c) => c.framing && c.framing.overflow <= 0 && Number.parseInt(c.zoom, 10) <= 100);
    assert.ok(fitted.framing.actorsInside, 'every participant inside the pane after Fit');
    assert.ok(fitted.framing.notesInside && fitted.framing.noteTextInside, `every note whole after Fit (${JSON.stringify(fitted.framing)})`);
    // The ghost is in the picture: scrolled to, it is wholly on screen at Fit.
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#diagram text.messageText.ghost').first().scrollIntoViewIfNeeded();
    const ghost = await e2e.waitForPreview(wb.page, 'the documented place on screen at Fit', (c) => c.framing?.ghostsInside.length === 1);
    assert.deepEqual(ghost.framing.ghostsInside, [true], `the documented place inside the pane at Fit (${JSON.stringify(ghost.framing)})`);
  }),
);

test(`code-server ${version}: the filter box and next problem move through the episodes, each problem framed`, { timeout: 90000 }, () =>
  run('filter', async () => {
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.openFile(wb.page, 'samples/setup-order.oidtrace');
    await e2e.waitForTab(wb.page, 'Diagram setup-order.oidtrace');
    let shown = await e2e.waitForPreview(wb.page, 'the episodes of setup-order.oidtrace', (c) => c.episodes.length === 3 && c.messages.length > 0, { timeout: 30000 });
    assert.match(shown.selectedEpisode, /^pf2 · VF 0 setup · .* · 1 problem$/);
    // Type to filter, Enter opens the first match.
    let frame = await e2e.previewFrame(wb.page);
    await frame.locator('#episode-filter').fill('VF 1');
    await frame.locator('#episode-filter').press('Enter');
    shown = await e2e.waitForPreview(wb.page, 'VF 1 setup', (c) => /^pf2 · VF 1 setup/.test(c.selectedEpisode ?? '') && c.status.startsWith('pf2 · VF 1 setup'));
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#episode-filter').fill('');
    await frame.locator('#episode-filter').press('Escape');
    // Previous problem: back over the NIC switch (no problem) to VF 0's setup, its problem on screen.
    await frame.locator('#prev-problem').click();
    shown = await e2e.waitForPreview(wb.page, 'VF 0 setup again', (c) => c.status.startsWith('pf2 · VF 0 setup') && c.framing !== undefined);
    assert.equal(shown.framing.firstProblemInside, true, `VF 0's problem on screen (${JSON.stringify(shown.framing)})`);
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#next-problem').click();
    shown = await e2e.waitForPreview(wb.page, 'VF 1 setup by next problem', (c) => c.status.startsWith('pf2 · VF 1 setup') && c.framing !== undefined);
    assert.equal(shown.framing.firstProblemInside, true, `VF 1's problem on screen (${JSON.stringify(shown.framing)})`);
    assert.ok(shown.framing.notesInside && shown.framing.noteTextInside, `its note whole (${JSON.stringify(shown.framing)})`);
    // F8 in the preview: no problem after the last one, said in the status line.
    frame = await e2e.previewFrame(wb.page);
    await frame.locator('#viewport').focus();
    await frame.locator('#viewport').press('F8');
    await e2e.waitForPreview(wb.page, 'no problem after the last one', (c) => c.status === 'No problem after this one.');
  }),
);

test(`code-server ${version}: "Go to Episode…" searches every episode's label and shows the chosen one`, { timeout: 90000 }, () =>
  run('search', async () => {
    await e2e.waitForTab(wb.page, 'Diagram setup-order.oidtrace');
    // From the preview's Search… button.
    const frame = await e2e.previewFrame(wb.page);
    await frame.locator('#search-episodes').click();
    const all = await e2e.typeInQuickPick(wb.page, '', (rows) => rows.length === 3);
    assert.deepEqual(all.rows, [
      'pf2 · VF 0 setup · 07:00:00.000 · line 4 · 1 problem',
      'pf2 · NIC switch · 07:00:00.010–07:00:00.014 · line 6 · no problems',
      'pf2 · VF 1 setup · 07:00:01.000–07:00:01.001 · line 8 · 1 problem',
    ]);
    assert.match(all.placeholder ?? '', /^Type to search 3 episodes/);
    const found = await e2e.typeInQuickPick(wb.page, 'switch', (rows) => rows.length === 1);
    assert.deepEqual(found.rows, ['pf2 · NIC switch · 07:00:00.010–07:00:00.014 · line 6 · no problems']);
    await e2e.acceptQuickPick(wb.page);
    await e2e.waitForPreview(wb.page, 'the NIC switch episode', (c) => c.status.startsWith('pf2 · NIC switch') && c.selectedEpisode?.startsWith('pf2 · NIC switch'));
    // From the Command Palette in the trace's editor: by time.
    await e2e.clickTab(wb.page, 'setup-order.oidtrace');
    await e2e.runCommand(wb.page, 'OID Trace: Go to Episode…');
    const byTime = await e2e.typeInQuickPick(wb.page, '07:00:01', (rows) => rows.length === 1);
    assert.deepEqual(byTime.rows, ['pf2 · VF 1 setup · 07:00:01.000–07:00:01.001 · line 8 · 1 problem']);
    await e2e.acceptQuickPick(wb.page);
    const shown = await e2e.waitForPreview(wb.page, 'VF 1 setup', (c) => c.status.startsWith('pf2 · VF 1 setup') && c.framing !== undefined);
    assert.equal(shown.framing.firstProblemInside, true, `its problem on screen (${JSON.stringify(shown.framing)})`);
  }),
);

test(`code-server ${version}: editing the trace redraws the diagram`, { timeout: 60000 }, () =>
  run('edit', async () => {
    // The (unlocked) preview follows the active trace editor. Open the file in the editor's
    // group (the last click was in the preview's).
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.openFile(wb.page, 'diagram/edit-me.oidtrace');
    await e2e.waitForTab(wb.page, 'Diagram edit-me.oidtrace');
    await e2e.waitForPreview(wb.page, 'edit-me.oidtrace with its out-of-order note', (c) => c.notes.includes(NOTE));
    // Move RESET_VF (T3) after DELETE_VPORT (T2).
    await e2e.replaceInLine(wb.page, 7, '07.112000', '07.153500');
    await e2e.replaceInLine(wb.page, 8, '07.152000', '07.153800');
    const fixed = await e2e.waitForPreview(
      wb.page,
      'the redrawn, in-order teardown',
      (c) => c.notes.length === 0 && c.checklist.T3?.[2] === 'done' && c.messages.indexOf('T2 DELETE_VPORT VF 2, VPort 3') < c.messages.indexOf('T3 RESET_VF VF 2'),
    );
    assert.deepEqual(fixed.messages.slice(4, 8), ['T2 DELETE_VPORT VF 2, VPort 3', '✓ DELETE_VPORT (0.3 ms)', 'T3 RESET_VF VF 2', '✓ RESET_VF SUCCESS (0.3 ms)']);
    assert.equal(fixed.status, 'pf0 · VF 2 teardown: lines 3–12, 0 problems');
    assert.deepEqual(fixed.checklist.T3, ['T3', 'RESET_VF', 'done', '0.3 ms']);
    const shot = await e2e.screenshot(wb.page, `${NAME}-edited`);
    console.log(`screenshot: ${shot}`);
  }),
);

test(`code-server ${version}: "OID Trace: Toggle Preview Lock" shows [Locked] and keeps the preview on its trace`, { timeout: 60000 }, () =>
  run('lock', async () => {
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.waitForTab(wb.page, 'Diagram teardown-order.oidtrace');
    await e2e.focusTab(wb.page, 'Diagram teardown-order.oidtrace');
    await e2e.clickEditorMenuItem(wb.page, 'Toggle Preview Lock');
    await e2e.waitForTab(wb.page, '[Locked] Diagram teardown-order.oidtrace');
    await e2e.waitForPreview(wb.page, 'the "locked" badge', (c) => c.locked && c.notes.includes(NOTE));
    // The preview followed the editor back to teardown-order.oidtrace, whose cursor is on
    // line 1 (the comment): no message is highlighted (not the line of edit-me.oidtrace's cursor).
    const back = await e2e.waitForPreview(wb.page, 'teardown-order.oidtrace', (c) => c.notes.includes(NOTE));
    assert.deepEqual(back.current, [], 'no message highlighted for the cursor on line 1');
    // Another trace in the editor: the locked preview stays on teardown-order.oidtrace.
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.openFile(wb.page, 'samples/oid-failed-and-pending.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 9);
    await e2e.sleep(1000); // an unlocked preview follows at once; give a locked one the chance to go wrong
    assert.ok((await e2e.tabTitles(wb.page)).includes('[Locked] Diagram teardown-order.oidtrace'), `tabs: ${JSON.stringify(await e2e.tabTitles(wb.page))}`);
    const still = await e2e.waitForPreview(wb.page, 'teardown-order.oidtrace still', (c) => c.messages.length > 0);
    assert.deepEqual(still.messages, MESSAGES);
    // Unlocked again, it follows the active trace.
    await e2e.focusTab(wb.page, '[Locked] Diagram teardown-order.oidtrace');
    await e2e.clickEditorMenuItem(wb.page, 'Toggle Preview Lock');
    await e2e.waitForTab(wb.page, /^Diagram teardown-order\.oidtrace$/);
    await e2e.clickTab(wb.page, 'oid-failed-and-pending.oidtrace');
    await e2e.waitForTab(wb.page, 'Diagram oid-failed-and-pending.oidtrace');
    const followed = await e2e.waitForPreview(wb.page, 'oid-failed-and-pending.oidtrace', (c) => c.messages.includes('✗ RESET_VF FAILURE (40 ms)'));
    assert.equal(followed.locked, false);
  }),
);

test(`code-server ${version}: in a dark theme the diagram follows the theme and stays readable`, { timeout: 60000 }, () =>
  run('dark', async () => {
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.goToLine(wb.page, 1);
    await e2e.waitForTab(wb.page, 'Diagram teardown-order.oidtrace');
    await e2e.setColorTheme(wb.page, 'Dark Modern', 'dark');
    await e2e.waitForPreview(wb.page, 'the teardown-order diagram in the dark theme', (c) => c.messages.length === MESSAGES.length && c.notes.includes(NOTE));
    const colours = await e2e.waitUntil('the webview to take the dark theme', async () => {
      const c = await diagramColours();
      return /vscode-dark/.test(c.theme) && c ? c : false;
    });
    assert.ok(contrast(colours.message, colours.background) >= 4.5, `message text is readable in the dark theme (${JSON.stringify(colours)})`);
    assert.ok(contrast(colours.actorText, colours.actorBox) >= 4.5, `participant names are readable in the dark theme (${JSON.stringify(colours)})`);
    assert.ok(contrast(colours.noteText, colours.noteBox) >= 3, `note text is readable in the dark theme (${JSON.stringify(colours)})`);
    const shot = await e2e.screenshot(wb.page, `${NAME}-dark`);
    console.log(`screenshot: ${shot}`);
  }),
);

test(`code-server ${version}: "Export Diagram as SVG…" starts in the workspace folder and says where it wrote`, { timeout: 60000 }, () =>
  run('export', async () => {
    // The preview of teardown-order.oidtrace, locked or not (the export does not depend on it).
    const tabs = await e2e.waitForTab(wb.page, /^(\[Locked\] )?Diagram teardown-order\.oidtrace$/);
    await e2e.focusTab(
      wb.page,
      tabs.find((t) => /Diagram teardown-order\.oidtrace$/.test(t)),
    );
    await e2e.clickEditorMenuItem(wb.page, 'Export Diagram as SVG…');
    // The save dialog (VS Code's own, in a browser) proposes the workspace folder, not samples/ where the trace is.
    const input = wb.page.locator('.quick-input-widget input.input').first();
    await e2e.bounded('the save dialog', 15000, (t) => input.waitFor({ state: 'visible', timeout: t }));
    const proposed = await e2e.waitUntil('the save dialog to propose a file', async () => (await input.inputValue()).endsWith('.svg') && (await input.inputValue()));
    assert.equal(proposed, path.join(wb.ws.dir, 'teardown-order.svg'));
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'OID Trace: exported to teardown-order.svg' });
    await e2e.bounded('the notification naming the exported file', 20000, (t) => toast.first().waitFor({ state: 'visible', timeout: t }));
    const buttons = await toast.first().locator('.monaco-button').allInnerTexts();
    assert.deepEqual(
      buttons.map((b) => b.trim()),
      ['Open', 'Reveal'],
    );
    const written = fs.readFileSync(path.join(wb.ws.dir, 'teardown-order.svg'), 'utf8');
    assert.match(written, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(written.includes('T3 RESET_VF VF 2') && !written.includes('var(--vscode'), 'the diagram, with concrete colours');
    await toast.first().locator('.monaco-button', { hasText: 'Open' }).click();
    await e2e.waitForTab(wb.page, 'teardown-order.svg');
  }),
);
