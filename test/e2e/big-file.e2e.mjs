// A trace over VS Code's 50 MB limit, which VS Code hands to no extension: the Explorer's
// menu reads it from disk, its diagram draws, and a click on a message shows the lines
// around it in a read-only window titled with the file's real line numbers.
// The file is made here (about 68 MB), never committed. Run through `node test/e2e/run.mjs`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as e2e from './lib/index.mjs';

const version = e2e.currentVersion();
const NAME = 'big-file';

/** 600,000 lines of a driver's chatter, the 14 lines of host-servicing.log, 20,000 more. */
const BEFORE = 600_000;
const events = fs
  .readFileSync(path.join(e2e.REPO_ROOT, 'samples', 'host-servicing.log'), 'utf8')
  .trimEnd()
  .split('\n');
function bigLog() {
  const chatter = (i) => `[0]0004.0050::11/21/2026-10:41:06.998120 [mlx5]MlxRxPoll: queue ${i % 8} processed ${i % 97} packets, ring state nominal ${'.'.repeat(24)}`;
  const lines = [];
  for (let i = 0; i < BEFORE; i++) lines.push(chatter(i));
  lines.push(...events);
  for (let i = 0; i < 20_000; i++) lines.push(chatter(i));
  return lines.join('\n') + '\n';
}
const text = bigLog();
assert.ok(text.length > 60e6, `the big file is over 50 MB (${text.length} bytes)`);
// host-servicing.log line 7: RESET_VF (00010255) before DELETE_VPORT (line 10).
const RESET_LINE = BEFORE + 7;

const wb = e2e.useWorkbench({ name: NAME, workspace: { samples: false, files: { 'big.log': text } }, settings: { 'files.autoSave': 'off' } });
const run = wb.run;

test(`code-server ${version}: the Explorer offers Lint File and Open Sequence Diagram on a .log over 50 MB; Lint File reads it from disk`, { timeout: 120000 }, () =>
  run('lint', async () => {
    const items = await e2e.explorerMenu(wb.page, 'big.log', 'Open Sequence Diagram');
    assert.ok(items.includes('Open Sequence Diagram'), `the menu has Open Sequence Diagram (${JSON.stringify(items)})`);
    assert.ok(items.includes('Lint File'), `the menu has Lint File (${JSON.stringify(items)})`);
    await e2e.runMenuItem(wb.page, 'Lint File');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'in big.log' });
    await e2e.bounded('the message of Lint File', 60000, (t) => toast.first().waitFor({ state: 'visible', timeout: t }));
    assert.match((await toast.first().innerText()).replace(/\s+/g, ' '), /OID Trace: 8 OID events, 1 problem in big\.log\./);
    await e2e.openProblems(wb.page);
    const rows = await e2e.problemsEntries(wb.page, { minCount: 2 });
    assert.ok(
      rows.some((r) => r.includes('teardown-order') && r.includes(`[Ln ${RESET_LINE.toLocaleString('en-US').replace(/,/g, '')}`)),
      `the Problems panel lists big.log's teardown-order problem on line ${RESET_LINE} (${JSON.stringify(rows)})`,
    );
  }),
);

test(
  `code-server ${version}: Open Sequence Diagram draws a .log over 50 MB; a click on a message shows its lines in a window titled with the range`,
  { timeout: 120000 },
  () =>
    run('diagram', async () => {
      await e2e.runCommand(wb.page, 'Notifications: Clear All Notifications');
      await e2e.explorerMenu(wb.page, 'big.log', 'Open Sequence Diagram');
      await e2e.runMenuItem(wb.page, 'Open Sequence Diagram');
      const frame = await e2e.previewFrame(wb.page, { timeout: 60000 });
      const content = await e2e.waitForPreview(wb.page, 'the RESET_VF message', (c) => c.messages.some((m) => m.includes('RESET_VF')), { timeout: 30000 });
      console.log(`messages: ${JSON.stringify(content.messages)}`);
      const reset = content.messages.find((m) => m.includes('RESET_VF'));
      await frame.locator('#diagram text.messageText', { hasText: reset }).first().click();
      const title = `big.log: lines ${(RESET_LINE - 200).toLocaleString('en-US')}–${(RESET_LINE + 200).toLocaleString('en-US')}`;
      await e2e.waitForTab(wb.page, title, { timeout: 30000 });
      await e2e.waitForCursor(wb.page, 201);
      await e2e.waitForLineText(wb.page, 201, events[6]);
      assert.equal(await e2e.languageMode(wb.page), 'OID Trace');
      // The file's problem on that line, in the window.
      await e2e.waitForSquiggleAt(wb.page, '.squiggly-error', 201, { text: '00010255' });
      await e2e.waitForLanguageStatus(wb.page, `${title} · 1 problem`);
      console.log(`screenshot: ${await e2e.screenshot(wb.page, `${NAME}-window`)}`);
    }),
);

test(`code-server ${version}: Treat This File as a Trace on a .log over 50 MB reads it from disk and says so`, { timeout: 120000 }, () =>
  run('treat', async () => {
    await e2e.runCommand(wb.page, 'View: Close All Editors');
    await e2e.runCommand(wb.page, 'Notifications: Clear All Notifications');
    await e2e.openFile(wb.page, 'big.log', { via: 'explorer' });
    await e2e.runCommand(wb.page, 'OID Trace: Treat This File as a Trace');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'read from disk' });
    await e2e.bounded('the message of Treat This File as a Trace', 60000, (t) => toast.first().waitFor({ state: 'visible', timeout: t }));
    assert.match(
      (await toast.first().innerText()).replace(/\s+/g, ' '),
      /OID Trace: \d+ MB, more than the editor hands to extensions, read from disk: 8 OID events, 1 problem in big\.log\./,
    );
  }),
);
