// The `oidtrace` language as a user meets it: the language mode in the status bar, the
// coloured tokens, WPP driver logs recognised by their first line, the offer to check a
// `.log` file that holds OID requests, and `oidtrace.associations`.
// Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'language';
const wppLog = fs.readFileSync(path.join(e2e.REPO_ROOT, 'samples', 'host-servicing.log'), 'utf8');

const wb = e2e.useWorkbench({
  name: NAME,
  workspace: {
    files: {
      // A WPP log under a name no language claims: VS Code goes by its first line.
      'wpp/host-servicing.wpp': wppLog,
      // A .log file matching the oidtrace.associations glob below.
      'wpp/mlx5-host.log': wppLog,
    },
  },
  settings: { 'files.autoSave': 'off', 'oidtrace.associations': ['**/mlx5-*.log'] },
});
const run = wb.run;

/** The colours of the tokens of a line, by their text, once `token` is one of them (tokenising is asynchronous). */
async function colours(line, token) {
  const tokens = await e2e.waitUntil(
    `line ${line} to be tokenised (a token "${token}")`,
    async () => {
      const t = await e2e.lineTokens(wb.page, line);
      return t.some((x) => x.text === token) ? t : false;
    },
    { timeout: 10000 },
  );
  // Plain text: the colour of the default-foreground (mtk1) whitespace between tokens.
  const plain = [...new Set(tokens.filter((t) => t.plain && !t.text.trim()).map((t) => t.color))];
  const of = (text) => {
    const t = tokens.find((x) => x.text === text);
    assert.ok(t, `line ${line} has a token "${text}" (tokens: ${JSON.stringify(tokens.map((x) => x.text))})`);
    return t.color;
  };
  return { tokens, plain, of };
}

test(`code-server ${version}: a .oidtrace file opens in the "OID Trace" language mode`, { timeout: 90000 }, () =>
  run('mode', async () => {
    // The first Quick Open waits for the file search to start: the Explorer is quicker.
    await e2e.openFromExplorer(wb.page, 'samples/teardown-order.oidtrace');
    await e2e.waitForStatusBar(wb.page, 'OID Trace');
    assert.equal(await e2e.languageMode(wb.page), 'OID Trace');
    // The extension is active: its analysis reached the editor.
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: 'OID_SRIOV_RESET_VF' });
  }),
);

test(`code-server ${version}: OIDs, timestamps, actors, verbs, ids and statuses are coloured`, { timeout: 60000 }, () =>
  run('colours', async () => {
    await e2e.openFile(wb.page, 'samples/teardown-order.oidtrace');
    // Line 7: `10:41:07.112000 VSTACK -> PF   SET OID_SRIOV_RESET_VF vf=2`
    const l7 = await colours(7, 'OID_SRIOV_RESET_VF');
    assert.equal(l7.plain.length, 1, `one plain-text colour on line 7 (${JSON.stringify(l7.tokens)})`);
    const plain = l7.plain[0];
    const oid = l7.of('OID_SRIOV_RESET_VF');
    const time = l7.of('10:41:07.112000');
    const actor = l7.of('VSTACK');
    const verb = l7.of('SET');
    const key = l7.of('vf');
    for (const [what, c] of Object.entries({ oid, time, actor, verb, key })) {
      assert.notEqual(c, plain, `the ${what} token is coloured (${c}), not plain text (${plain})`);
    }
    assert.notEqual(oid, time, 'the OID and the timestamp have different colours');
    assert.notEqual(verb, oid, 'the verb SET and the OID have different colours');
    // The comment on line 1 is coloured as a comment (one colour, not plain).
    const l1 = await e2e.lineTokens(wb.page, 1); // tokenised before line 7
    assert.ok(
      l1.every((t) => !t.plain && t.color === l1[0].color),
      `line 1 is one comment colour (${JSON.stringify(l1)})`,
    );

    // A success and a failure status differ.
    await e2e.openFile(wb.page, 'samples/oid-failed-and-pending.oidtrace');
    const ok = (await colours(6, 'NDIS_STATUS_SUCCESS')).of('NDIS_STATUS_SUCCESS');
    const failed = (await colours(8, '0xC0000001')).of('0xC0000001');
    assert.notEqual(ok, failed, `success (${ok}) and failure (${failed}) statuses have different colours`);
    const shot = await e2e.screenshot(wb.page, `${NAME}-colours`);
    console.log(`screenshot: ${shot}`);
  }),
);

test(`code-server ${version}: a WPP log (a [0]0004.0050:: first line) is detected as OID Trace by its first line`, { timeout: 60000 }, () =>
  run('firstline', async () => {
    await e2e.openFile(wb.page, 'wpp/host-servicing.wpp');
    await e2e.waitForStatusBar(wb.page, 'OID Trace');
    assert.equal(await e2e.languageMode(wb.page), 'OID Trace');
    // The WPP prefix is coloured, and the trace is checked: RESET_VF (00010255) came before DELETE_VPORT.
    const l1 = await colours(1, 'mlx5');
    // `[0]0004.0050::11/21/2026-10:41:06.998120 [mlx5]MlxMiniportCheckForHang: ...`: CPU, PID,
    // TID, timestamp and component are coloured (the punctuation between them need not be).
    for (const part of ['0', '0004', '0050', '11/21/2026-10:41:06.998120', 'mlx5']) {
      const c = l1.of(part);
      assert.ok(!l1.plain.includes(c), `the WPP prefix's "${part}" is coloured (${c}), not plain ${JSON.stringify(l1.plain)}`);
    }
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: '00010255' });
    // A hover on the bare OID code names the OID.
    const hover = await e2e.hoverShowing(wb.page, 7, '00010255', ['OID_SRIOV_RESET_VF', '0x00010255', 'T3 of the VF teardown']);
    assert.match(hover, /OID_SRIOV_RESET_VF/);
    await e2e.dismissWidgets(wb.page);
  }),
);

/** The offer to open a file as an OID trace, once it shows; its text, whitespace collapsed. */
async function offerFor(file) {
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: `${file} holds` });
  await e2e.bounded(`the notification offering to open ${file} as an OID trace`, 20000, (t) => toast.first().waitFor({ state: 'visible', timeout: t }));
  return { toast: toast.first(), text: (await toast.first().innerText()).replace(/\s+/g, ' ') };
}

async function waitForNoOffer(file) {
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: `${file} holds` });
  await e2e.bounded(`the offer for ${file} to go away`, 10000, (t) => toast.first().waitFor({ state: 'hidden', timeout: t }));
}

/** "Change Language Mode" (the status bar's language picker) to `name`. */
async function pickLanguage(name) {
  await e2e.runCommand(wb.page, 'Change Language Mode');
  await wb.page.keyboard.type(name);
  const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: name });
  await e2e.bounded(`the language picker to list ${name}`, 10000, (t) => row.first().waitFor({ state: 'visible', timeout: t }));
  await row.first().click();
  await e2e.waitForStatusBar(wb.page, name);
}

test(`code-server ${version}: a WPP .log opens as Log; the offer says what it holds and one click makes it OID Trace`, { timeout: 60000 }, () =>
  run('offer', async () => {
    // VS Code applies `firstLine` only to files that no extension claims by name: `.log`
    // belongs to the built-in Log language. The extension offers to switch instead.
    await e2e.openFile(wb.page, 'samples/host-servicing.log');
    await e2e.waitForStatusBar(wb.page, /\bLog\b/);
    assert.equal(await e2e.languageMode(wb.page), 'Log');
    const { toast, text } = await offerFor('samples/host-servicing.log');
    assert.match(text, /samples\/host-servicing\.log holds SR-IOV OID requests in a WPP trace \(4 requests, 4 completions\)\./);
    assert.match(text, /Open as OID Trace · Always for \*\.log in this workspace · Don't ask again/);
    console.log(`screenshot: ${await e2e.screenshot(wb.page, `${NAME}-offer`)}`);
    await toast.locator('a', { hasText: 'Open as OID Trace' }).click();
    await e2e.waitForStatusBar(wb.page, 'OID Trace');
    assert.equal(await e2e.languageMode(wb.page), 'OID Trace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: '00010255' });
    await waitForNoOffer('samples/host-servicing.log');
  }),
);

test(
  `code-server ${version}: a guest's .log is offered in its own words; the offer goes when the language picker makes it OID Trace, and the choice outlives its tab`,
  { timeout: 90000 },
  () =>
    run('guest-offer', async () => {
      await e2e.openFile(wb.page, 'samples/guest-vf-lost.log');
      await e2e.waitForStatusBar(wb.page, /\bLog\b/);
      const { text } = await offerFor('samples/guest-vf-lost.log');
      assert.match(text, /samples\/guest-vf-lost\.log holds a Linux guest's VF events \(hv_netvsc, hv_pci, mlx5_core\): 8 events\./);
      await pickLanguage('OID Trace');
      await waitForNoOffer('samples/guest-vf-lost.log');
      await e2e.waitForLanguageStatus(wb.page, '8 OID events · 2 problems');
      // VS Code opens the file as Log again once its tab is closed; the extension remembers the choice.
      await e2e.closeTab(wb.page, 'guest-vf-lost.log');
      await e2e.openFile(wb.page, 'samples/guest-vf-lost.log');
      await e2e.waitForStatusBar(wb.page, 'OID Trace');
      assert.equal(await e2e.languageMode(wb.page), 'OID Trace');
    }),
);

test(`code-server ${version}: a .log file matching oidtrace.associations opens as OID Trace without asking`, { timeout: 60000 }, () =>
  run('associations', async () => {
    await e2e.openFile(wb.page, 'wpp/mlx5-host.log');
    await e2e.waitForStatusBar(wb.page, 'OID Trace');
    assert.equal(await e2e.languageMode(wb.page), 'OID Trace');
    await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 7, { text: '00010255' });
    const offers = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'mlx5-host.log holds SR-IOV OID requests' });
    assert.equal(await offers.count(), 0, 'no offer for a file the associations already claim');
  }),
);

test(
  `code-server ${version}: "Always for *.log in this workspace" writes files.associations; after a window reload the .log is still a trace with its problems`,
  { timeout: 180000 },
  () =>
    run('always', async () => {
      await e2e.runCommand(wb.page, 'View: Close All Editors');
      await e2e.openFile(wb.page, 'samples/multi-vf-interleaved.log');
      await e2e.waitForStatusBar(wb.page, /\bLog\b/);
      const { toast } = await offerFor('samples/multi-vf-interleaved.log');
      await toast.locator('a', { hasText: 'Always for *.log in this workspace' }).click();
      await e2e.waitForStatusBar(wb.page, 'OID Trace');
      const settingsFile = path.join(wb.ws.dir, '.vscode', 'settings.json');
      const settings = await e2e.waitUntil(
        'the workspace settings to be written',
        () => fs.existsSync(settingsFile) && JSON.parse(fs.readFileSync(settingsFile, 'utf8')),
        { timeout: 10000 },
      );
      assert.deepEqual(settings['files.associations'], { '*.log': 'oidtrace' });
      await e2e.waitForLanguageStatus(wb.page, '20 OID events · 3 problems');
      await e2e.waitForSquiggles(wb.page, '.squiggly-error, .squiggly-warning');
      await e2e.reloadWindow(wb.page);
      await e2e.waitForTab(wb.page, 'multi-vf-interleaved.log');
      await e2e.waitForStatusBar(wb.page, 'OID Trace', { timeout: 60000 });
      await e2e.waitForLanguageStatus(wb.page, '20 OID events · 3 problems', { timeout: 30000 });
      await e2e.waitForSquiggles(wb.page, '.squiggly-error, .squiggly-warning');
      // Another .log of the workspace, never opened before, is a trace at once.
      await e2e.openFile(wb.page, 'samples/guest-order.log');
      await e2e.waitForStatusBar(wb.page, 'OID Trace');
    }),
);
