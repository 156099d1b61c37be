// Smoke test: the extension loads in code-server and a .oidtrace file opens in the
// "OID Trace" language mode. Run through `node test/e2e/run.mjs` (sets OIDTRACE_E2E_VERSION).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  captureOnFailure,
  closeBrowser,
  currentVersion,
  languageMode,
  listFiles,
  makeWorkspace,
  openFile,
  openWorkbench,
  screenshot,
  startCodeServer,
  waitForStatusBar,
} from './lib/index.mjs';

const version = currentVersion();

// The workspace holds a copy of the repo's samples/; the test opens the first .oidtrace
// sample, or this small trace of our own when samples/ has none.
const SMOKE_TRACE = `# OID Trace e2e smoke file
00000001 0.000100 OID_NIC_SWITCH_CREATE_SWITCH
00000002 0.000200 OID_NIC_SWITCH_ALLOCATE_VF VF=1
`;

let ws;
let server;
let page;
let target;

before(
  async () => {
    ws = makeWorkspace();
    target = listFiles(ws.dir, '.oidtrace')[0];
    if (!target) {
      ws.cleanup();
      ws = makeWorkspace({ files: { 'smoke.oidtrace': SMOKE_TRACE } });
      target = 'smoke.oidtrace';
    }
    server = await startCodeServer({ version, workspace: ws.dir, name: 'smoke' });
    page = await openWorkbench(server.url, ws.dir);
  },
  { timeout: 120000 },
);

after(async () => {
  await page?.close();
  await closeBrowser();
  await server?.stop();
  ws?.cleanup();
});

test(`code-server ${version}: a .oidtrace file opens in the "OID Trace" language mode`, { timeout: 90000 }, async () => {
  await captureOnFailure(page, 'smoke', async () => {
    console.log(`opening ${target}`);
    await openFile(page, target);
    const status = await waitForStatusBar(page, 'OID Trace');
    assert.match(status, /OID Trace/);
    assert.equal(await languageMode(page), 'OID Trace');
    const png = await screenshot(page, 'smoke-workbench');
    console.log(`screenshot: ${png}`);
  });
});
