// The extension's settings as a user sets them: `oidtrace.rules` in the user settings turns
// a rule off (and, changed in settings.json, back on at another severity, at once for open
// files); `oidtrace.lint.run: "onSave"` re-checks a trace only when it is saved.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'settings';
const sample = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', name), 'utf8');

const wb = e2e.useWorkbench({
  name: NAME,
  workspace: { files: { 'save/typo.oidtrace': sample('unknown-oid.oidtrace') } },
  settings: {
    'files.autoSave': 'off',
    'oidtrace.rules': { 'teardown-order': 'off' },
    'oidtrace.lint.run': 'onSave',
    // VS Code 1.139 opens settings.json in a modal editor by default; a tab (as in 1.100)
    // keeps the steps the same on both versions.
    'workbench.editor.useModal': 'off',
  },
});
const run = wb.run;

test(`code-server ${version}: "oidtrace.rules": {"teardown-order": "off"} in the user settings removes that problem`, { timeout: 90000 }, () =>
  run('rule-off', async () => {
    // The first Quick Open waits for the file search to start: the Explorer is quicker.
    await e2e.openFromExplorer(wb.page, 'samples/teardown-order.oidtrace');
    // The trace was analysed (10 events), with no problem left.
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 0 problems');
    assert.deepEqual(await e2e.squiggles(wb.page, '.squiggly-error'), []);
    await e2e.openProblems(wb.page);
    const rows = await e2e.problemsEntries(wb.page);
    assert.ok(!rows.some((r) => r.includes('teardown-order')), `no teardown-order entry in the Problems panel (rows: ${JSON.stringify(rows)})`);
    // The other rules still apply.
    await e2e.openFile(wb.page, 'samples/unknown-oid.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 4, { text: 'OID_NIC_SWITCH_FREE_VPORT' });
  }),
);

test(`code-server ${version}: changing the rule to "info" in settings.json applies at once to the open trace`, { timeout: 60000 }, () =>
  run('rule-info', async () => {
    await e2e.runCommand(wb.page, 'Preferences: Open User Settings (JSON)');
    await e2e.waitForEditor(wb.page, 'settings.json');
    const line = await e2e.waitUntil(
      'settings.json to show "teardown-order": "off"',
      async () => (await e2e.visibleLines(wb.page)).find((l) => /"teardown-order":\s*"off"/.test(l.text))?.line,
    );
    await e2e.replaceInLine(wb.page, line, 'off', 'info');
    await wb.page.keyboard.press('Control+S');
    // Saved and applied: the problem is back in the Problems panel, as information.
    await e2e.openProblems(wb.page);
    const marker = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2' }).first();
    await e2e.bounded('the teardown-order entry back in the Problems panel', 15000, (t) => marker.waitFor({ state: 'attached', timeout: t }));
    assert.match(await marker.locator('.marker-icon').first().getAttribute('class'), /\binfo\b/, 'shown as information');
    await e2e.runCommand(wb.page, 'View: Close Editor');
    await e2e.clickTab(wb.page, 'teardown-order.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-info', 7, { text: 'OID_SRIOV_RESET_VF' });
    await e2e.waitForLanguageStatus(wb.page, '10 OID events · 1 problem');
  }),
);

test(`code-server ${version}: with "oidtrace.lint.run": "onSave" an edit is checked when saved`, { timeout: 60000 }, () =>
  run('on-save', async () => {
    await e2e.openFile(wb.page, 'save/typo.oidtrace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 4, { text: 'OID_NIC_SWITCH_FREE_VPORT' });
    await e2e.replaceInLine(wb.page, 4, 'OID_NIC_SWITCH_FREE_VPORT', 'OID_NIC_SWITCH_DELETE_VPORT');
    await e2e.sleep(1000); // well past the 200 ms debounce of "onType"
    assert.ok(
      (await e2e.squiggles(wb.page, '.squiggly-warning')).some((s) => s.line === 4),
      'the warning on line 4 stays until the file is saved',
    );
    await wb.page.keyboard.press('Control+S');
    await e2e.waitForNoSquiggle(wb.page, '.squiggly-warning', { line: 4 });
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-warning', 5, { text: 'OID_NIC_SWITCH_FREE_VPORT' });
  }),
);
