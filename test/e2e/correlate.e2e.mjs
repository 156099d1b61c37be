// "OID Trace: Correlate Traces…" as a user runs it: the host trace and the guest's dmesg
// picked in the file dialogs, the clock left to estimate; R10 lands on the host's lines in
// the Problems panel, and the preview draws the host's and the guest's lanes in one diagram.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'correlate';
const sample = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', 'correlate', name), 'utf8');

const wb = e2e.useWorkbench({
  name: NAME,
  workspace: { samples: false, files: { 'host-servicing.log': sample('host-servicing.log'), 'guest-dmesg.txt': sample('guest-dmesg.txt') } },
  settings: { 'workbench.editor.useModal': 'off' },
});
const run = wb.run;

/** Types a path into the simple file dialog (code-server's) once its title says `title`. */
async function answerDialog(title, file) {
  const widget = wb.page.locator('.quick-input-widget');
  await e2e.bounded(`the dialog "${title}"`, 15000, (t) => widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: t }));
  const input = widget.locator('input.input').first();
  // The simple file dialog fills in its folder as it opens, possibly after our typing:
  // typed again until the path stays.
  await e2e.waitUntil(
    `the dialog "${title}" to hold ${file}`,
    async () => {
      if ((await input.inputValue()) !== file) await input.fill(file);
      await wb.page.waitForTimeout(300); // the dialog validates the typed path
      return (await input.inputValue()) === file;
    },
    { timeout: 15000, interval: 100 },
  );
  await input.press('Enter');
}

test(`code-server ${version}: Correlate Traces… puts R10 on the host's lines and draws host and guest in one teardown`, { timeout: 120000 }, () =>
  run('correlate', async () => {
    // The workbench ready and the extension's commands registered: the host trace open first.
    await e2e.openFromExplorer(wb.page, 'host-servicing.log');
    // The palette reads its command list as it opens: retried while it does not list ours yet.
    await e2e.runCommandWhenListed(wb.page, 'OID Trace: Correlate Traces…', { attempts: 5, timeout: 8000 });
    await answerDialog('1 of 2', path.join(wb.ws.dir, 'host-servicing.log'));
    await answerDialog('2 of 2', path.join(wb.ws.dir, 'guest-dmesg.txt'));
    // The clock: left empty, estimated from the VF's setup.
    const widget = wb.page.locator('.quick-input-widget');
    await e2e.bounded('the clock offset input', 15000, (t) =>
      widget.locator('.quick-input-title', { hasText: "the guest's clock" }).waitFor({ state: 'visible', timeout: t }),
    );
    await widget.locator('input.input').first().press('Enter');

    await e2e.openProblems(wb.page);
    const rows = await e2e.problemsEntries(wb.page, { minCount: 2 });
    const r10 = rows.filter((r) => r.includes('while the guest is still on the VF data path'));
    assert.equal(r10.length, 2, `two vf-still-in-use entries (rows: ${JSON.stringify(rows)})`);
    assert.ok(
      r10.every((r) => r.includes("of the guest's log")),
      'each names the guest log',
    );

    const shown = await e2e.waitForPreview(
      wb.page,
      'the correlated teardown',
      (c) => c.actors.includes('NetVSC') && c.messages.some((m) => m.includes('Data path switched from VF')),
      { timeout: 30000 },
    );
    assert.ok(
      shown.messages.indexOf('T4 FREE_VF VF 2') < shown.messages.findIndex((m) => m.includes('Data path switched from VF')),
      'the guest leaves after the host freed the VF',
    );
    assert.equal(shown.locked, true, 'the correlation preview stays on the pair');
    await e2e.screenshot(wb.page, `${NAME}-preview`);
  }),
);
