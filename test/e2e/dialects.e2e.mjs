// A user's own trace format, as a user sets it up: `oidtrace.dialects` in the user settings
// names *.fwlog files and a line pattern. Such a file opens as a trace and is checked like
// any other; a pattern that does not compile is one clear notification, not a crash.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'dialects';
const custom = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', 'custom', name), 'utf8');

const wb = e2e.useWorkbench({
  name: NAME,
  workspace: { samples: false, files: { 'logs/teardown.fwlog': custom('teardown.fwlog') } },
  settings: {
    'oidtrace.dialects': [JSON.parse(custom('fwlog.dialect.json')), { name: 'broken', pattern: '(?<oid>OID_\\w+' }],
    'workbench.editor.useModal': 'off',
  },
});
const run = wb.run;

test(`code-server ${version}: a *.fwlog named by oidtrace.dialects opens as a trace and its RESET_VF before DELETE_VPORT is underlined`, { timeout: 90000 }, () =>
  run('fwlog', async () => {
    await e2e.openFromExplorer(wb.page, 'logs/teardown.fwlog');
    await e2e.waitForLanguageStatus(wb.page, '8 OID events · 1 problem');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 4, { text: 'SRIOV_RESET_VF' });
    await e2e.screenshot(wb.page, `${NAME}-fwlog`);
  }),
);

test(`code-server ${version}: a pattern that does not compile is one notification naming it`, { timeout: 60000 }, () =>
  run('broken', async () => {
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'OID Trace: oidtrace.dialects[1].pattern: Invalid regular expression' });
    await e2e.bounded('the notification about oidtrace.dialects[1]', 20000, (t) => toast.first().waitFor({ state: 'visible', timeout: t }));
    assert.equal(await toast.count(), 1, 'one notification, not one per file');
    assert.match(await toast.first().innerText(), /Unterminated group/);
  }),
);
