// "OID Trace: Correlate Traces…" as a user runs it: the host trace and the guest's dmesg
// picked in the file dialogs, the clock left to estimate; R10 lands on the host's lines in
// the Problems panel, and the preview draws the host's and the guest's lanes in one diagram.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'correlate';
const sample = (name) => fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', 'correlate', name), 'utf8');

let ws;
let server;
let page;

before(async () => {
  ws = e2e.makeWorkspace({ samples: false, files: { 'host-servicing.log': sample('host-servicing.log'), 'guest-dmesg.txt': sample('guest-dmesg.txt') } });
  server = await e2e.startCodeServer({ version, workspace: ws.dir, name: NAME, settings: { 'workbench.editor.useModal': 'off' } });
  page = await e2e.openWorkbench(server.url, ws.dir);
}, { timeout: 120000 });

after(async () => {
  await page?.close();
  await e2e.closeBrowser();
  await server?.stop();
  ws?.cleanup();
});

const run = (name, fn) => e2e.captureOnFailure(page, `${NAME}-${name}`, fn);

/** Types a path into the simple file dialog (code-server's) once its title says `title`. */
async function answerDialog(title, file) {
  const widget = page.locator('.quick-input-widget');
  await e2e.bounded(`the dialog "${title}"`, 15000, (t) => widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: t }));
  const input = widget.locator('input.input').first();
  await input.fill(file);
  await page.waitForTimeout(300); // the dialog validates the typed path
  await input.press('Enter');
}

test(`code-server ${version}: Correlate Traces… puts R10 on the host's lines and draws host and guest in one teardown`, { timeout: 120000 }, () =>
  run('correlate', async () => {
    // The workbench ready and the extension's commands registered: the host trace open first.
    await e2e.openFromExplorer(page, 'host-servicing.log');
    // The palette reads its command list as it opens: retried while it does not list ours yet.
    await e2e.runCommandWhenListed(page, 'OID Trace: Correlate Traces…', { attempts: 5, timeout: 8000 });
    await answerDialog('1 of 2', path.join(ws.dir, 'host-servicing.log'));
    await answerDialog('2 of 2', path.join(ws.dir, 'guest-dmesg.txt'));
    // The clock: left empty, estimated from the VF's setup.
    const widget = page.locator('.quick-input-widget');
    await e2e.bounded('the clock offset input', 15000, (t) => widget.locator('.quick-input-title', { hasText: "the guest's clock" }).waitFor({ state: 'visible', timeout: t }));
    await widget.locator('input.input').first().press('Enter');

    await e2e.openProblems(page);
    const rows = await e2e.problemsEntries(page, { minCount: 2 });
    const r10 = rows.filter((r) => r.includes('while the guest is still on the VF data path'));
    assert.equal(r10.length, 2, `two vf-still-in-use entries (rows: ${JSON.stringify(rows)})`);
    assert.ok(r10.every((r) => r.includes("of the guest's log")), 'each names the guest log');

    const shown = await e2e.waitForPreview(page, 'the correlated teardown', (c) => c.actors.includes('NetVSC') && c.messages.some((m) => m.includes('Data path switched from VF')), { timeout: 30000 });
    assert.ok(shown.messages.indexOf('T4 FREE_VF VF 2') < shown.messages.findIndex((m) => m.includes('Data path switched from VF')), 'the guest leaves after the host freed the VF');
    assert.equal(shown.locked, true, 'the correlation preview stays on the pair');
    await e2e.screenshot(page, `${NAME}-preview`);
  }));
