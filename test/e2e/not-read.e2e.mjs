// A trace OID Trace could not read never looks clean in the editor: a *.fwlog opened as a
// trace (oidtrace.associations) without the dialect that reads it. The language status says
// how little was read, an Information squiggle sits on the first line it should have read,
// and the quick fix there leads to "Your own format".
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'not-read';

const wb = e2e.useWorkbench({
  name: NAME,
  workspace: { samples: false, files: { 'logs/teardown.fwlog': fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', 'custom', 'teardown.fwlog'), 'utf8') } },
  settings: { 'oidtrace.associations': ['**/*.fwlog'], 'workbench.editor.useModal': 'off' },
});
const run = wb.run;

test(`code-server ${version}: a format read only here and there says so in the status, a squiggle and a quick fix`, { timeout: 90000 }, () =>
  run('fwlog', async () => {
    await e2e.openFromExplorer(wb.page, 'logs/teardown.fwlog');
    await e2e.waitForLanguageStatus(wb.page, 'OID Trace: 2 events read · 7 lines not read');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-info', 1);
    const fixes = await e2e.quickFixes(wb.page, 1, 30);
    assert.ok(fixes.includes('Learn how to read your own format'), `the quick fixes are ${JSON.stringify(fixes)}`);
    assert.ok(!fixes.some((f) => f.startsWith('Disable not-read')), 'no disable fix for not-read');
    await e2e.screenshot(wb.page, `${NAME}-fwlog`);
  }),
);

test(`code-server ${version}: Teach a Line Format proposes a pattern and checks each one typed, saying what it reads`, { timeout: 90000 }, () =>
  run('teach', async () => {
    await e2e.openFromExplorer(wb.page, 'logs/teardown.fwlog');
    await e2e.runCommand(wb.page, 'OID Trace: Teach a Line Format…');
    const proposal = await e2e.typeInQuickPick(wb.page, '', (rows) => rows.some((r) => r.includes('Edit the pattern')));
    assert.match(proposal.placeholder ?? '', /^The proposed pattern matches \d+ lines of this file, giving \d+ events$/);
    await e2e.typeInQuickPick(wb.page, 'Edit the pattern', (rows) => rows.length === 1);
    await wb.page.keyboard.press('Enter');
    const widget = wb.page.locator('.quick-input-widget');
    const input = widget.locator('input.input').first();
    const message = widget.locator('.quick-input-message');
    // Each value typed is checked once typing pauses: a broken one says why, a good one what it reads.
    await input.fill('(?<oid>\\w+');
    await e2e.waitUntil('the pattern box to say the pattern does not compile', async () => /Unterminated group/.test(await message.innerText().catch(() => '')), {
      timeout: 15000,
    });
    await input.fill('(?<oid>SRIOV_RESET_VF) vf=(?<vf>\\d+)');
    await e2e.waitUntil(
      'the pattern box to say what the pattern reads',
      async () => (await message.innerText().catch(() => '')).startsWith('matches 2 lines of this file, giving 4 events'),
      { timeout: 15000 },
    );
    await e2e.screenshot(wb.page, `${NAME}-teach`);
    await wb.page.keyboard.press('Escape');
  }),
);
