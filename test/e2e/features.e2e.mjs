// Language features as a user meets them: the hover on an OID, the quick fixes (disable a
// rule for a line, the engine's own "Replace with …"), the episodes in Go to Symbol, the
// Outline view, the breadcrumbs and folding, and Go to Definition between a completion and
// its request. Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'features';
const sample = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', name), 'utf8');
const EPISODE = 'pf0 · VF 2 teardown (1 problem)';

// Copies for the tests that change the text (the samples stay as they are).
const wb = e2e.useWorkbench({
  name: NAME,
  workspace: {
    files: {
      'fix/disable-me.oidtrace': sample('teardown-order.oidtrace'),
      'fix/typo.oidtrace': sample('unknown-oid.oidtrace'),
    },
  },
  settings: { 'files.autoSave': 'off' },
});
const run = wb.run;

test(`code-server ${version}: a hover over OID_SRIOV_RESET_VF shows its code, its documented step and this request's outcome`, { timeout: 90000 }, () =>
  run('hover', async () => {
    // The first Quick Open waits for the file search to start: the Explorer is quicker.
    await e2e.openFromExplorer(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
    const hover = await e2e.hoverShowing(wb.page, 7, 'OID_SRIOV_RESET_VF', [
      'OID_SRIOV_RESET_VF 0x00010255',
      'Set request',
      'Issued by Virtualization stack → handled by PF miniport',
      'T3 of the VF teardown',
      'This event: step T3 of VF 2.',
      '2.00 ms since the previous step (T1 at line 5).',
      'Completed with NDIS_STATUS_SUCCESS after 40 ms (line 8).',
    ]);
    // The diagnostic on the token shows in the same hover.
    assert.match(hover, /T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT/);
    const shot = await e2e.screenshot(wb.page, `${NAME}-hover`);
    console.log(`screenshot: ${shot}`);
    await e2e.dismissWidgets(wb.page);

    // On the completion: the request it answers and how long it took.
    await e2e.hoverShowing(wb.page, 8, 'OID_SRIOV_RESET_VF', ['OID_SRIOV_RESET_VF 0x00010255', 'Completes the request at line 7, 40 ms after it.']);
    await e2e.dismissWidgets(wb.page);
  }),
);

test(`code-server ${version}: the quick fix "Disable teardown-order for this line" inserts the directive and the squiggle goes`, { timeout: 60000 }, () =>
  run('disable-line', async () => {
    await e2e.openFile(wb.page, 'fix/disable-me.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
    const offered = await e2e.quickFixes(wb.page, 7, 40, { apply: 'Disable teardown-order for this line' });
    assert.deepEqual(offered, [
      'Disable teardown-order for this line',
      'Disable teardown-order for this file',
      'Show documentation for teardown-order',
      'Show in Sequence Diagram',
    ]);
    await e2e.waitForLineText(wb.page, 7, '# oidtrace-disable-next-line teardown-order');
    await e2e.waitForLineText(wb.page, 8, '10:41:07.112000 VSTACK -> PF   SET OID_SRIOV_RESET_VF vf=2');
    await e2e.waitForNoSquiggle(wb.page, '.squiggly-error');
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 0 problems');
  }),
);

test(`code-server ${version}: the unknown-oid quick fix "Replace with OID_NIC_SWITCH_DELETE_VPORT" renames the OID`, { timeout: 60000 }, () =>
  run('replace-oid', async () => {
    await e2e.openFile(wb.page, 'fix/typo.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 4, { text: 'OID_NIC_SWITCH_FREE_VPORT' });
    const offered = await e2e.quickFixes(wb.page, 4, 40, { apply: 'Replace with OID_NIC_SWITCH_DELETE_VPORT' });
    assert.equal(offered[0], 'Replace with OID_NIC_SWITCH_DELETE_VPORT', "the engine's fix comes first (preferred)");
    await e2e.waitForLineText(wb.page, 4, '10:41:07.111000 VSTACK -> PF   SET OID_NIC_SWITCH_DELETE_VPORT vport=3 vf=2');
    await e2e.waitForNoSquiggle(wb.page, '.squiggly-warning', { line: 4 });
    // Line 5 still has the old name, line 6 a typo with its own suggestion.
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 5, { text: 'OID_NIC_SWITCH_FREE_VPORT' });
    const typo = await e2e.quickFixes(wb.page, 6, 40);
    assert.ok(typo.includes('Replace with OID_SRIOV_RESET_VF'), `line 6 offers "Replace with OID_SRIOV_RESET_VF" (offered: ${JSON.stringify(typo)})`);
  }),
);

test(`code-server ${version}: Go to Symbol, the Outline view, the breadcrumbs and folding show the episode "${EPISODE}"`, { timeout: 60000 }, () =>
  run('symbols', async () => {
    await e2e.openFile(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7);
    // Go to Symbol in Editor (Ctrl+Shift+O, "@").
    const symbols = await e2e.editorSymbols(wb.page);
    assert.match(symbols[0], new RegExp(`^${EPISODE.replace(/[()]/g, '\\$&')}`), `the episode first (${JSON.stringify(symbols)})`);
    for (const step of ['G3 UNBIND', 'G4 DATAPATH', 'T1 MOVE_FILTER', 'T3 RESET_VF', 'T2 DELETE_VPORT', 'T4 FREE_VF']) {
      assert.ok(
        symbols.some((s) => s.startsWith(step)),
        `a symbol "${step}" (${JSON.stringify(symbols)})`,
      );
    }
    // The Outline view: the episode with its steps as children, in trace order.
    const outline = await e2e.outlineRows(wb.page, { minCount: 5 });
    assert.equal(outline[0].level, 1);
    assert.match(outline[0].text, new RegExp(`^${EPISODE.replace(/[()]/g, '\\$&')}\\s*lines 3–12`));
    const children = outline.filter((r) => r.level === 2).map((r) => r.text);
    assert.match(children[0], /^G3 UNBIND\s*line 3/);
    assert.ok(
      children.some((c) => /^T3 RESET_VF\s*line 7/.test(c)),
      `T3 RESET_VF at line 7 in the Outline (${JSON.stringify(children)})`,
    );
    // The breadcrumbs at line 7: file › episode › step.
    await e2e.goToLine(wb.page, 7);
    const crumbs = wb.page.locator('.breadcrumbs-control .monaco-breadcrumb-item');
    await e2e.waitUntil('the breadcrumbs to show the episode and step T3 RESET_VF', async () => {
      const items = (await crumbs.allInnerTexts()).map((t) => t.trim());
      return items.includes(EPISODE) && items.includes('T3 RESET_VF');
    });
    // Folding: the episode (lines 3–12) folds to its first line.
    await e2e.runCommand(wb.page, 'Fold All');
    await e2e.waitUntil('lines 4–12 folded away', async () => {
      const shown = (await e2e.visibleLines(wb.page)).map((l) => l.line);
      return shown.includes(3) && !shown.includes(4) && !shown.includes(12);
    });
    await e2e.runCommand(wb.page, 'Unfold All');
    await e2e.waitUntil('lines 4–12 shown again', async () => (await e2e.visibleLines(wb.page)).some((l) => l.line === 12));
  }),
);

test(`code-server ${version}: Go to Definition (F12) on a COMPLETE line's OID jumps to its request, and back`, { timeout: 60000 }, () =>
  run('definition', async () => {
    await e2e.openFile(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7);
    await e2e.dismissWidgets(wb.page);
    // Line 8: `… COMPLETE OID_SRIOV_RESET_VF NDIS_STATUS_SUCCESS vf=2` (the OID at column 41).
    await e2e.goToLine(wb.page, '8:45');
    await e2e.waitForCursor(wb.page, 8, { col: 45 });
    await wb.page.keyboard.press('F12');
    // The request's OID token on line 7 (column 36).
    await e2e.waitForCursor(wb.page, 7, { col: 36 });
    await wb.page.keyboard.press('F12');
    await e2e.waitForCursor(wb.page, 8, { col: 41 });
  }),
);
