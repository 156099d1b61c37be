// One workbench per e2e file: a temporary workspace, code-server with the extension and the
// given settings, and the browser page on it; torn down after the file's tests. Each file
// declares what differs (its files and settings) and nothing else.
import { after, before } from 'node:test';
import { captureOnFailure, closeBrowser, openWorkbench } from './browser.mjs';
import { currentVersion } from './paths.mjs';
import { startCodeServer } from './server.mjs';
import { makeWorkspace } from './workspace.mjs';

/**
 * Registers the file's before/after hooks and returns { ws, server, page, run }, filled in
 * once `before` has run. `run(label, fn)` runs a test's steps and keeps a screenshot and the
 * browser console if they fail.
 */
export function useWorkbench({ name, workspace = {}, settings, timeout = 120000 }) {
  const wb = {
    ws: undefined,
    server: undefined,
    page: undefined,
    run: (label, fn) => captureOnFailure(wb.page, `${name}-${label}`, fn),
  };
  before(
    async () => {
      wb.ws = makeWorkspace(workspace);
      wb.server = await startCodeServer({ version: currentVersion(), workspace: wb.ws.dir, name, ...(settings ? { settings } : {}) });
      wb.page = await openWorkbench(wb.server.url, wb.ws.dir);
    },
    { timeout },
  );
  after(async () => {
    await wb.page?.close();
    await closeBrowser();
    await wb.server?.stop();
    wb.ws?.cleanup();
  });
  return wb;
}
