#!/usr/bin/env node
// The preview as the user feels it, in a real VS Code (code-server): from the command to the
// diagram on screen.
//
//   node bench/preview-vscode.mjs            (also: npx tsx bench/run.ts --only preview-vscode)
//
// In one code-server (OIDTRACE_BENCH_VERSION, default 4.100.3) with the extension built from
// this repository, in a temporary workspace holding copies of the bench's generated traces:
//   open      the 100,000-line (10.5 MB) WPP trace open in the editor, its problems shown:
//             "Open Sequence Diagram to the Side" clicked -> the preview's first diagram in place
//             (the page's own "oidtrace: first diagram" mark, on this machine's clock); the
//             preview closed and opened again, ROUNDS times (median), with where the time went
//   disk      the 1,000,000-line (105 MB) trace, over VS Code's 50 MB limit, so read from disk:
//             the Explorer's "Open Sequence Diagram" run -> the first diagram in place; 3 times
//   switch    the next episode (the preview's ▼ button), timed inside the preview from the
//             click to the new diagram painted (two animation frames after it is in the page);
//             ROUNDS times on the 100,000-line trace
// Prints a table (what, median ms, each run, target, met) and writes bench/out/preview-vscode.json.
// Exits non-zero only if the run itself failed. OIDTRACE_BENCH_ROUNDS sets ROUNDS (default 5).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as e2e from '../test/e2e/lib/index.mjs';

const VERSION = process.env.OIDTRACE_BENCH_VERSION || '4.100.3';
const ROUNDS = Number(process.env.OIDTRACE_BENCH_ROUNDS || 5);
const ROOT = e2e.REPO_ROOT;
const OUT = path.join(ROOT, 'bench', 'out');
const OPEN = 'trace-100k.log';
const BIG = 'trace-1m.log';
const TARGETS = { open: 1000, disk: 1500, switch: 150 };

const log = (s) => console.log(`[preview-vscode] ${s}`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The bench's generated trace of `lines` lines (written by bench/generate.ts when missing). */
function generated(lines) {
  const file = path.join(OUT, `wpp-${lines}.log`);
  if (!fs.existsSync(file)) {
    const script = `import('./bench/generate.ts').then((m) => m.writeTrace(${JSON.stringify(file)}, { ...m.DEFAULTS, lines: ${lines}, format: 'wpp' }))`;
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`could not write ${file}`);
  }
  return file;
}

/** Inside the preview: clicks `selector`, resolves with the ms until a new diagram is painted. */
function clickToNewDiagram(frame, selector) {
  return frame.evaluate(
    (sel) =>
      new Promise((resolve, reject) => {
        const canvas = document.querySelector('#diagram');
        const before = canvas.querySelector('svg');
        const started = performance.now();
        const timer = setTimeout(() => reject(new Error(`no new diagram 20 s after clicking ${sel}`)), 20000);
        const observer = new MutationObserver(() => {
          const svg = canvas.querySelector('svg');
          if (!svg || svg === before) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              clearTimeout(timer);
              resolve(performance.now() - started);
            }),
          );
        });
        observer.observe(canvas, { childList: true, subtree: true });
        document.querySelector(sel).click();
      }),
    selector,
  );
}

/**
 * When the page's first diagram was in place (the preview's `oidtrace: first diagram` mark),
 * when the page started, and how long its scripts took to arrive: epoch ms, this machine's clock.
 */
function firstDiagram(frame) {
  return frame.evaluate(() => {
    const mark = performance.getEntriesByName('oidtrace: first diagram')[0];
    const scripts = performance.getEntriesByType('resource').filter((e) => /\/media\/preview(\/[^/]+)?\.js/.test(e.name));
    if (!mark) throw new Error('the preview set no "oidtrace: first diagram" mark');
    return {
      origin: performance.timeOrigin,
      diagram: performance.timeOrigin + mark.startTime,
      script: scripts.length ? Math.max(...scripts.map((e) => e.responseEnd)) : NaN,
      resources: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.responseEnd)]),
    };
  });
}

async function main() {
  // bench/run.ts has built already (OIDTRACE_BENCH_BUILT=1).
  if (process.env.OIDTRACE_BENCH_BUILT !== '1') {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  }
  const ws = e2e.makeWorkspace({ samples: false, prefix: 'oidtrace-bench-preview-' });
  fs.copyFileSync(generated(100_000), path.join(ws.dir, OPEN));
  fs.copyFileSync(generated(1_000_000), path.join(ws.dir, BIG));
  const runs = { open: [], disk: [], switch: [] };
  /** Where an open's time went: VS Code making the webview, the page's script arriving, the page to its diagram. */
  const parts = [];
  const load = [os.loadavg()[0]];
  let server;
  let page;
  try {
    server = await e2e.startCodeServer({
      version: VERSION,
      workspace: ws.dir,
      name: 'preview-vscode',
      // A 10 MB file would ask before it opens (VS Code's large-file confirmation): a user who opens it has said yes.
      settings: { 'files.associations': { '*.log': 'oidtrace' }, 'files.autoSave': 'off', 'workbench.editorLargeFileConfirmation': 100 },
      timeout: 60000,
    });
    page = await e2e.openWorkbench(server.url, ws.dir, { timeout: 120000 });
    await e2e.captureOnFailure(page, 'preview-vscode', async () => {
      log(`opening ${OPEN}`);
      await e2e.openFile(page, OPEN, { via: 'explorer', timeout: 120000 });
      await e2e.waitForLanguageStatus(page, /OID events/, { timeout: 120000 });
      for (let i = 0; i < ROUNDS; i++) {
        await e2e.clickTab(page, OPEN);
        const t0 = Date.now();
        await e2e.clickEditorAction(page, 'Open Sequence Diagram to the Side', { timeout: 30000 });
        const frame = await e2e.previewFrame(page, { timeout: 60000 });
        const at = await firstDiagram(frame);
        runs.open.push(at.diagram - t0);
        parts.push({ webview: at.origin - t0, script: at.script, page: at.diagram - at.origin - at.script, resources: at.resources });
        for (let k = 0; k < 2; k++) runs.switch.push(await clickToNewDiagram(frame, '#next-episode'));
        await e2e.closeTab(page, `Diagram ${OPEN}`);
      }
      await e2e.runCommand(page, 'View: Close All Editors');
      for (let i = 0; i < 3; i++) {
        await e2e.explorerMenu(page, BIG, 'Open Sequence Diagram');
        const t0 = Date.now();
        await e2e.runMenuItem(page, 'Open Sequence Diagram');
        const frame = await e2e.previewFrame(page, { timeout: 120000 });
        runs.disk.push((await firstDiagram(frame)).diagram - t0);
        await e2e.runCommand(page, 'View: Close All Editors');
      }
    });
  } finally {
    await page?.close();
    await e2e.closeBrowser();
    await server?.stop();
    ws.cleanup();
  }
  load.push(os.loadavg()[0]);
  const rows = [
    ['first diagram of an open 100,000-line (10.5 MB) trace, click to SVG', runs.open, TARGETS.open],
    ['first diagram of a 1,000,000-line (105 MB) trace read from disk, menu to SVG', runs.disk, TARGETS.disk],
    ['switching episodes (▼), click to the new diagram painted', runs.switch, TARGETS.switch],
  ];
  console.log(`\ncode-server ${VERSION}, load average ${load.map((l) => l.toFixed(1)).join(' → ')}\n`);
  console.log('| what | median ms | runs (ms) | target | met |\n|---|---|---|---|---|');
  for (const [what, xs, target] of rows) {
    const m = median(xs);
    console.log(`| ${what} | ${Math.round(m)} | ${xs.map((x) => Math.round(x)).join(', ')} | < ${target} ms | ${m < target ? 'yes' : 'no'} |`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const part = (k) => Math.round(median(parts.map((p) => p[k])));
  console.log(
    `\nan open, medians: ${part('webview')} ms until the webview's page starts, ${part('script')} ms for its script to arrive, ${part('page')} ms from there to the diagram`,
  );
  const medians = Object.fromEntries(Object.entries(runs).map(([k, xs]) => [k, median(xs)]));
  fs.writeFileSync(path.join(OUT, 'preview-vscode.json'), JSON.stringify({ version: VERSION, load, runs, medians, parts, targets: TARGETS }, null, 2));
}

main().catch((e) => {
  console.error(`[preview-vscode] ${e.message}`);
  process.exit(1);
});
