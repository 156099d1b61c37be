// Diagnostics as a user sees them: squiggles on the offending tokens, the Problems panel's
// entries (message, source, rule id linking to its documentation, related location), the
// language status item, re-linting after an edit, and linting the whole workspace.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'diagnostics';
const sample = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', name), 'utf8');

const TEARDOWN_ORDER_MESSAGE = 'T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 9)';
const TEARDOWN_DOCS = 'https://learn.microsoft.com/windows-hardware/drivers/network/virtual-function-teardown-sequence';

// Copies of teardown-order.oidtrace under their own names, for the editing tests; the big one
// has 6,000 more lines of driver chatter after it (analysed in the worker, off the host's thread).
const CHATTER = Array.from({ length: 6000 }, (_, i) => `# MlxMiniportCheckForHang: link up, 100000 Mbps, queue ${i}`).join('\n') + '\n';
const wb = e2e.useWorkbench({
  name: NAME,
  workspace: {
    files: {
      'edit/reorder-me.oidtrace': sample('teardown-order.oidtrace'),
      'long/teardown-6000.oidtrace': sample('teardown-order.oidtrace') + CHATTER,
    },
  },
  settings: { 'files.autoSave': 'off' },
});
const run = wb.run;

/** The Problems panel's rows that belong to the file group `file` (up to the next file row). */
async function problemsOf(file, { minCount = 1, timeout = 15000 } = {}) {
  return e2e.waitUntil(
    `the Problems panel to list ${minCount}+ entries under ${file}`,
    async () => {
      const rows = await e2e.problemsEntries(wb.page);
      const start = rows.findIndex((r) => r.startsWith(file));
      if (start < 0) return false;
      const own = [];
      for (const r of rows.slice(start + 1)) {
        if (/\.oidtrace\S* \d+$/.test(r) && !r.includes('[Ln')) break; // the next file's row
        own.push(r);
      }
      return own.length >= minCount ? own : false;
    },
    { timeout },
  );
}

test(`code-server ${version}: squiggles underline the offending tokens on the right lines`, { timeout: 90000 }, () =>
  run('squiggles', async () => {
    // The first Quick Open waits for the file search to start: the Explorer is quicker.
    await e2e.openFromExplorer(wb.page, 'samples/teardown-order.oidtrace');
    const errors = await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
    assert.deepEqual(errors, [{ line: 7, text: 'OID_SRIOV_RESET_VF' }], 'exactly one error squiggle, on line 7');
    assert.deepEqual(await e2e.squiggles(wb.page, '.squiggly-warning'), [], 'no warning squiggles in teardown-order.oidtrace');

    await e2e.openFile(wb.page, 'samples/oid-failed-and-pending.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 9, { text: 'OID_NIC_SWITCH_FREE_VF' });
    // oid-failed is reported on the failed completion's OID.
    const warnings = await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 8, { text: 'OID_SRIOV_RESET_VF' });
    assert.deepEqual(warnings, [
      { line: 8, text: 'OID_SRIOV_RESET_VF' },
      { line: 9, text: 'OID_NIC_SWITCH_FREE_VF' },
    ]);
    assert.deepEqual(await e2e.squiggles(wb.page, '.squiggly-error'), []);
  }),
);

test(`code-server ${version}: the Problems panel lists the rule id (a link to its documentation), the message and the related step`, { timeout: 60000 }, () =>
  run('problems', async () => {
    await e2e.openFile(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.openProblems(wb.page);
    const rows = await problemsOf('teardown-order.oidtrace', { minCount: 2 });
    const marker = rows.find((r) => r.includes(TEARDOWN_ORDER_MESSAGE));
    assert.ok(marker, `an entry "${TEARDOWN_ORDER_MESSAGE} …" (rows: ${JSON.stringify(rows)})`);
    assert.match(marker, /the documented VF teardown is T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF/);
    assert.match(marker, /oidtrace\s*\(?teardown-order\)?\s*\[Ln 7, Col 36\]/, 'source "oidtrace", code "teardown-order", at Ln 7, Col 36');
    // relatedInformation: the step RESET_VF should have followed.
    assert.ok(
      rows.some((r) => /\[Ln 9, Col 36\]\s*:\s*T2 OID_NIC_SWITCH_DELETE_VPORT should come first/.test(r)),
      `a related entry pointing at line 9 (rows: ${JSON.stringify(rows)})`,
    );
    // The rule id is a link (the diagnostic's code target).
    const link = wb.page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: 'teardown-order' }).first();
    await e2e.bounded('the rule id "teardown-order" shown as a link', 10000, (t) => link.waitFor({ state: 'visible', timeout: t }));
    assert.equal(await link.getAttribute('href'), TEARDOWN_DOCS);
    assert.equal((await link.innerText()).trim(), 'teardown-order');
    // The marker is an error.
    const icon = wb.page.locator('.markers-panel .monaco-list-row', { hasText: TEARDOWN_ORDER_MESSAGE }).locator('.marker-icon').first();
    assert.match(await icon.getAttribute('class'), /\berror\b/);
    // Clicking the entry selects the token (OID_SRIOV_RESET_VF, columns 36-53).
    await e2e.goToLine(wb.page, 1);
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: TEARDOWN_ORDER_MESSAGE }).first().click();
    const at = await e2e.waitForCursor(wb.page, 7);
    assert.match(at.text, /^Ln 7, Col (36|54) \(18 selected\)$/);
    const shot = await e2e.screenshot(wb.page, `${NAME}-problems`);
    console.log(`screenshot: ${shot}`);
  }),
);

test(`code-server ${version}: the language status item shows "N OID events · M problems"`, { timeout: 60000 }, () =>
  run('status', async () => {
    await e2e.openFile(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 1 problem');
    const text = await e2e.languageStatusText(wb.page);
    assert.match(text, /10 OID events · 1 problem\b/);
    assert.match(text, /\b1 episode, analysed in \d+(\.\d+)? ms/);
    // oid-failed, oid-pending, and teardown-missing-step (the FREE_VF after a reset that failed).
    await e2e.openFile(wb.page, 'samples/oid-failed-and-pending.oidtrace');
    await e2e.waitForLanguageStatus(wb.page, /\d+ OID events · 3 problems/);
  }),
);

test(`code-server ${version}: a trace of 6,000 lines is checked in the background, and an edit that fixes it clears its problem`, { timeout: 60000 }, () =>
  run('big-edit', async () => {
    await e2e.openFile(wb.page, 'long/teardown-6000.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 1 problem');
    assert.match(await e2e.languageStatusText(wb.page), /analysed in \d+(\.\d+)? ms in the background/);
    await e2e.replaceInLine(wb.page, 7, '07.112000', '07.153500');
    await e2e.replaceInLine(wb.page, 8, '07.152000', '07.153800');
    await e2e.waitForNoSquiggle(wb.page, '.squiggly-error');
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 0 problems');
    // Reverted to the file on disk (the next tests close all editors): the problem is back.
    await e2e.runCommand(wb.page, 'File: Revert File');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
  }),
);

test(`code-server ${version}: fixing the trace by editing clears the problem, undoing brings it back`, { timeout: 60000 }, () =>
  run('edit', async () => {
    await e2e.openFile(wb.page, 'edit/reorder-me.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
    await e2e.openProblems(wb.page);
    await problemsOf('reorder-me.oidtrace', { minCount: 1 });
    // Move RESET_VF (T3) after DELETE_VPORT (T2), as the documented order wants it.
    await e2e.replaceInLine(wb.page, 7, '07.112000', '07.153500');
    await e2e.replaceInLine(wb.page, 8, '07.152000', '07.153800');
    await e2e.waitForNoSquiggle(wb.page, '.squiggly-error');
    await e2e.waitUntil(
      'the Problems panel to drop reorder-me.oidtrace',
      async () => !(await e2e.problemsEntries(wb.page)).some((r) => r.startsWith('reorder-me.oidtrace')),
    );
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 0 problems');
    // Undo the edits (Ctrl+Z until the old stamps are back): the problem comes back.
    await e2e.waitUntil(
      'Ctrl+Z to restore lines 7 and 8',
      async () => {
        const [l7, l8] = [await e2e.lineText(wb.page, 7), await e2e.lineText(wb.page, 8)];
        if (l7?.startsWith('10:41:07.112000 ') && l8?.startsWith('10:41:07.152000 ')) return true;
        await wb.page.keyboard.press('Control+Z');
        return false;
      },
      { timeout: 10000, interval: 200 },
    );
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
    await problemsOf('reorder-me.oidtrace', { minCount: 1 });
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 1 problem');
  }),
);

test(`code-server ${version}: "Lint All Trace Files in the Workspace" puts closed files' problems in the Problems panel`, { timeout: 60000 }, () =>
  run('lint-workspace', async () => {
    await e2e.openFile(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.runCommand(wb.page, 'OID Trace: Lint All Trace Files in the Workspace');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /OID Trace: \d+ trace files, \d+ problems\./ });
    await e2e.bounded('the "OID Trace: N trace files, M problems." notification', 20000, (t) => toast.first().waitFor({ state: 'visible', timeout: t }));
    // The Problems panel, filtered to a file no editor opened, lists its problems.
    await e2e.openProblems(wb.page);
    const filter = wb.page.locator('.markers-panel-container input, .viewpane-filter input, input[placeholder^="Filter (e.g."]').first();
    await filter.fill('vf-still-in-use');
    try {
      const rows = await problemsOf('vf-still-in-use.oidtrace', { minCount: 2 });
      assert.ok(
        rows.some((r) => /vf-still-in-use\)?\s*\[Ln 6, Col 36\]/.test(r)),
        `vf-still-in-use at line 6 (rows: ${JSON.stringify(rows)})`,
      );
    } finally {
      await filter.fill('');
    }
  }),
);

test(
  `code-server ${version}: after a window reload, closing a trace's last tab clears its problems (though the restored preview keeps the document); reopening brings them back`,
  { timeout: 180000 },
  () =>
    run('close', async () => {
      await e2e.runCommand(wb.page, 'View: Close All Editors');
      await e2e.openFile(wb.page, 'samples/vf-not-allocated.oidtrace');
      await e2e.openProblems(wb.page);
      const before = await problemsOf('vf-not-allocated.oidtrace', { minCount: 1 });
      await e2e.runCommandWhenListed(wb.page, 'OID Trace: Open Sequence Diagram to the Side');
      await e2e.previewFrame(wb.page);
      // The restored preview opens the trace through the extension API; VS Code then keeps
      // the document for minutes after its last tab closes, and says nothing until then.
      await e2e.reloadWindow(wb.page);
      await e2e.previewFrame(wb.page, { timeout: 60000 });
      await e2e.openProblems(wb.page);
      await problemsOf('vf-not-allocated.oidtrace', { minCount: before.length, timeout: 30000 });
      await e2e.closeTab(wb.page, 'Diagram vf-not-allocated.oidtrace');
      await e2e.closeTab(wb.page, 'vf-not-allocated.oidtrace');
      await e2e.waitUntil(
        'the Problems panel to drop vf-not-allocated.oidtrace',
        async () => !(await e2e.problemsEntries(wb.page)).some((r) => r.startsWith('vf-not-allocated.oidtrace')),
        { timeout: 10000 },
      );
      await e2e.openFile(wb.page, 'samples/vf-not-allocated.oidtrace');
      const again = await problemsOf('vf-not-allocated.oidtrace', { minCount: before.length });
      assert.deepEqual(again, before);
    }),
);
