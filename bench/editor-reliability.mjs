#!/usr/bin/env node
// Editing a 20 MB trace with the preview open, in a real VS Code (code-server).
//
//   npm run bench:editor            (node bench/editor-reliability.mjs)
//
// What it does, in one code-server (OIDTRACE_BENCH_VERSION, default 4.100.3) with the
// extension built from this repo and copied in (like OIDTRACE_E2E_COPY=1), and a small
// probe extension next to it in the same extension host (gc() and the live heap, the host's
// garbage collections; code-server runs with NODE_OPTIONS=--expose-gc for it):
//   1. writes (or reuses) bench/out/oidtrace-400000.oidtrace (20.5 MB, bench/generate.ts)
//      and copies it into a temp workspace — nothing outside that workspace is edited;
//   2. opens it, opens the sequence diagram beside it, waits for its diagnostics;
//   3. makes 1,000 edits by typing fast at nine places from the top to the bottom of the
//      file (characters typed and deleted, an OID name broken and mended, an event line
//      deleted and undone, whole new event lines typed, event lines deleted), pausing now
//      shorter and now longer than the 200 ms debounce so that analyses start and are
//      overtaken; it reads "OID Trace: Show Extension Host Stats" and the live heap after
//      edits 10, 250, 500, 750 and 1000 (each stats call resets the host's delay histogram),
//      and records the UI thread's long tasks (the workbench page's, and the preview frame's
//      own, to tell which are the diagram's), with Chromium's trace of the page's tasks
//      beside them for each long task's time on a CPU (wall time less waiting for a CPU);
//   4. waits for diagnostics of the final text, saves it, and checks that the saved text is
//      what was typed and that the CLI finds as many problems in it as the editor shows;
//   5. closes and reopens the preview five times (live heap), closes the file (its
//      Problems must go to 0), reopens both and reloads the window (the preview must come
//      back), then closes them again (the Problems again);
//   6. replays the same typing in a second code-server whose only extension is the probe,
//      declaring the language and nothing else, with a small file where the preview was:
//      VS Code alone on the same file, to tell what the extension adds (--no-baseline skips it).
// Prints a markdown table (what / figure / target / met?) and writes every figure to
// bench/out/editor-reliability.json. Exits non-zero only if the run itself failed.
//
// Environment: OIDTRACE_BENCH_VERSION (code-server, default 4.100.3), OIDTRACE_BENCH_EDITS
// (default 1000), OIDTRACE_BENCH_LINES (default 400000), and the e2e harness's variables
// (test/e2e/README.md). Flags: --no-build, --no-baseline, --no-preview (type without the
// preview open and stop after the CLI check: what the preview costs), --profile (a CPU
// profile of the extension host while typing, to bench/out/editor-reliability.cpuprofile,
// with where its CPU went; the profiler slows the host, so the other figures of a --profile
// run are not the ones to quote).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as e2e from '../test/e2e/lib/index.mjs';
import { prng } from './prng.mjs';

const argv = process.argv.slice(2);
const VERSION = process.env.OIDTRACE_BENCH_VERSION || '4.100.3';
const EDITS = Number(process.env.OIDTRACE_BENCH_EDITS || 1000);
const LINES = Number(process.env.OIDTRACE_BENCH_LINES || 400000);
const BASELINE = !argv.includes('--no-baseline');
/** --no-preview: type with no preview open, then stop after the CLI check (to tell what the preview costs). */
const PREVIEW = !argv.includes('--no-preview');
/** --profile: a CPU profile of the extension host while typing (main run), with its long stretches summarised. */
const PROFILE = argv.includes('--profile');
const ROOT = e2e.REPO_ROOT;
const OUT = path.join(ROOT, 'bench', 'out');
const NAME = 'edit-me.oidtrace';
const STATS_TITLE = 'OID Trace: Show Extension Host Stats';
const PROBE_STATS_TITLE = 'Bench Probe: Show Extension Host Stats';
const PROBE_HEAP_TITLE = 'Bench Probe: Heap After GC';
/** After which edits the host stats are read: 10, then each quarter of the way. */
const SAMPLE_AT = [...new Set([Math.min(10, EDITS), ...[0.25, 0.5, 0.75, 1].map((f) => Math.round(f * EDITS))])].filter((n) => n >= 1).sort((a, b) => a - b);
/** Settings of a user who edits big traces: no confirmation before opening a file over 10 MB
 * (code-server's default for remote files), and typing that nothing completes or closes. */
const SETTINGS = {
  'files.autoSave': 'off',
  'workbench.editorLargeFileConfirmation': 100,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.hover.enabled': false,
};

// Screenshots and failure reports go to test/output/e2e/bench-editor-<version>/, a folder the
// e2e runner (which clears its own version folders when it starts) leaves alone.
process.env.OIDTRACE_E2E_VERSION = `bench-editor-${VERSION}`;
if (!process.env.OIDTRACE_E2E_EXTENSION && !process.env.OIDTRACE_E2E_VSIX) process.env.OIDTRACE_E2E_COPY = '1';

const log = (...a) => console.error(`[bench:editor ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(d)) : x);

// ---------------------------------------------------------------- preparation

function build() {
  if (argv.includes('--no-build')) return;
  log('building the extension (node scripts/build.mjs)');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${r.status})`);
}

function traceFile() {
  const file = path.join(OUT, `oidtrace-${LINES}.oidtrace`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(OUT, { recursive: true });
  log(`writing ${file}`);
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const code = `import { writeTrace, DEFAULTS } from ${JSON.stringify(path.join(ROOT, 'bench', 'generate.ts'))};
writeTrace(${JSON.stringify(file)}, { ...DEFAULTS, lines: ${LINES}, format: 'oidtrace' }).catch((e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(tsx, ['-e', code], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(file)) throw new Error(`generating ${file} failed`);
  return file;
}

// ---------------------------------------------------------------- the typing plan

/**
 * The steps, as a list: { nav: [line, col] } (Go to Line, no edit), { key } (one key, one
 * edit), { pause: ms }. Built on the original text; the line numbers are of the text as it
 * is when the step runs (places are visited top-down, each one's inserted and deleted
 * lines shift the ones below).
 */
function makePlan(lines) {
  const pauses = [120, 260, 520, 950, 180, 380];
  let p = 0;
  const pause = () => ({ pause: pauses[p++ % pauses.length] });
  const keys = (text) => [...text].map((ch) => ({ key: ch }));
  const isRequest = (l) => / VSTACK -> PF SET OID_\w+ /.test(l);
  const places = [];
  const n = lines.length;
  for (let i = 0; i < 9; i++) {
    const from = Math.floor(((n - 50) * i) / 9);
    let at = from;
    while (at < n - 2 && !isRequest(lines[at])) at++;
    places.push(at); // 0-based
  }
  const plan = [];
  let shift = 0;
  places.forEach((at0, i) => {
    const line = at0 + 1 + shift;
    const text = lines[at0];
    const oidCol = text.indexOf('OID_') + 1;
    const stamp = text.split(' ')[0];
    // Type a note at the end of the event line, fast, then delete it again.
    plan.push({ nav: [line, text.length + 1] });
    plan.push(...keys(`  note ${String(i).padStart(2, '0')} typed quickly`), pause());
    for (let k = 0; k < 22; k++) plan.push({ key: 'Backspace' });
    plan.push(pause());
    // Break the OID's name (OID_X…: an unknown OID), then mend it.
    plan.push({ nav: [line, oidCol + 4] }, { key: 'X' }, pause(), { key: 'Backspace' }, pause());
    // Delete the whole event line, then undo.
    plan.push({ nav: [line, 1] }, { key: 'Control+Shift+K' }, pause(), { key: 'Control+Z' }, pause());
    // A new event line under it: a RESET_VF of a VF nobody allocated.
    plan.push({ nav: [line, text.length + 1] }, { key: 'Enter' }, ...keys(`${stamp} VSTACK -> PF SET OID_SRIOV_RESET_VF vf=${20 + i} adapter=pf9`), pause());
    shift += 1;
    // Every other place loses its original event line for good.
    if (i % 2 === 1) {
      plan.push({ nav: [line, 1] }, { key: 'Control+Shift+K' }, pause());
      shift -= 1;
    }
  });
  return plan;
}

/** The text as the plan leaves it, step by step (to check what the editor saved). */
class TextModel {
  constructor(lines) {
    this.lines = lines.slice();
    this.cursor = null; // { line, col } 1-based; null when only a Go to Line may follow
    this.deleted = null;
  }
  nav(line, col) {
    this.cursor = { line, col };
  }
  key(k) {
    const c = this.cursor;
    if (k === 'Control+Shift+K') {
      this.deleted = { at: c.line - 1, text: this.lines[c.line - 1] };
      this.lines.splice(c.line - 1, 1);
      this.cursor = null;
      return;
    }
    if (k === 'Control+Z') {
      if (!this.deleted) throw new Error('plan: undo without a deleted line');
      this.lines.splice(this.deleted.at, 0, this.deleted.text);
      this.deleted = null;
      this.cursor = null;
      return;
    }
    if (!c) throw new Error(`plan: "${k}" with no known cursor`);
    this.deleted = null;
    const l = this.lines[c.line - 1];
    if (k === 'Backspace') {
      if (c.col < 2) throw new Error('plan: Backspace at the start of a line');
      this.lines[c.line - 1] = l.slice(0, c.col - 2) + l.slice(c.col - 1);
      c.col--;
    } else if (k === 'Enter') {
      this.lines.splice(c.line - 1, 1, l.slice(0, c.col - 1), l.slice(c.col - 1));
      c.line++;
      c.col = 1;
    } else {
      this.lines[c.line - 1] = l.slice(0, c.col - 1) + k + l.slice(c.col - 1);
      c.col++;
    }
  }
}

// ---------------------------------------------------------------- probes

/** Records the page's long tasks (> 50 ms on its main thread) with their attribution. */
async function installLongTaskProbe(target) {
  await target.evaluate(() => {
    if (window.__oidtraceLongTasks) return true;
    window.__oidtraceLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = e.attribution && e.attribution[0];
        // start: ms since the epoch, comparable across frames.
        window.__oidtraceLongTasks.push({ start: performance.timeOrigin + e.startTime, ms: e.duration, name: e.name, src: (a && a.containerSrc) || '' });
      }
    }).observe({ type: 'longtask', buffered: true });
    // What the preview says it was doing (its `oidtrace: …` measures; none in the workbench).
    window.__oidtraceMeasures = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name.startsWith('oidtrace: ')) window.__oidtraceMeasures.push({ start: performance.timeOrigin + e.startTime, ms: e.duration, name: e.name.slice(10) });
      }
    }).observe({ type: 'measure' });
    return true;
  });
}

async function longTasks(target, from, to, skip = []) {
  const all = await target.evaluate(() => window.__oidtraceLongTasks || []);
  return all
    .filter((t) => t.start >= from && t.start <= to && !skip.some(([a, b]) => t.start >= a && t.start <= b))
    .map((t) => ({ ...t, who: t.name === 'self' ? 'workbench' : /webview|fake\.html/.test(t.src) ? 'webview' : `${t.name} ${t.src}`.trim() }));
}

/**
 * Chromium's own trace of the page's tasks ('toplevel'), which carries each task's thread
 * CPU time: a long task's wall time is what the user waited, its CPU time is what its code
 * cost, the rest it spent waiting for a CPU (both cores busy) or blocked. Only the tasks over
 * 40 ms are kept. stop() returns them as { start (ms since the epoch, as the long tasks
 * are recorded), ms, cpuMs, thread }.
 */
async function startTaskTrace(page) {
  const SYNC = 'oidtrace-bench-sync';
  const cdp = await page.context().newCDPSession(page);
  const threads = new Map();
  const tasks = [];
  let sync;
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const ev of value) {
      if (ev.ph === 'M' && ev.name === 'thread_name') threads.set(`${ev.pid}/${ev.tid}`, ev.args.name);
      else if (ev.name === SYNC) sync = ev;
      else if (ev.ph === 'X' && ev.name === 'ThreadControllerImpl::RunTask' && ev.dur > 40000) tasks.push(ev);
    }
  });
  // A buffer big enough for minutes of typing: a full one would drop the sync mark, recorded last.
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], recordMode: 'recordUntilFull', traceBufferSizeInKb: 512 * 1024 },
  });
  return {
    /** The traced long tasks, or [] (and a line in the log) when the trace cannot be read: the run goes on without CPU figures. */
    async stop() {
      try {
        const markedAt = await page.evaluate((name) => {
          performance.mark(name);
          return performance.timeOrigin + performance.getEntriesByName(name).at(-1).startTime;
        }, SYNC);
        const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
        await cdp.send('Tracing.end');
        await complete;
        if (!sync) throw new Error('the task trace has no sync mark (its buffer filled?)');
        const offset = markedAt - sync.ts / 1000;
        // The page's own renderer: the process that recorded the mark (the webview's frame runs in it too).
        return tasks
          .filter((ev) => ev.pid === sync.pid)
          .map((ev) => ({
            start: ev.ts / 1000 + offset,
            ms: ev.dur / 1000,
            cpuMs: ev.tdur === undefined ? undefined : ev.tdur / 1000,
            thread: threads.get(`${ev.pid}/${ev.tid}`) ?? '',
          }));
      } catch (error) {
        log(`no CPU times for the UI's long tasks: ${error instanceof Error ? error.message : error}`);
        return [];
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
  };
}

/** Each long task with the CPU time of the traced renderer task it was (same start and length, within a few ms). */
function withCpu(tasks, traced) {
  const main = traced.filter((t) => t.thread === 'CrRendererMain');
  return tasks.map((t) => {
    let best;
    for (const c of main) {
      const d = Math.abs(c.start - t.start) + Math.abs(c.ms - t.ms);
      if (Math.abs(c.start - t.start) < 8 && Math.abs(c.ms - t.ms) < 8 && (!best || d < best.d)) best = { d, c };
    }
    return best ? { ...t, cpuMs: best.c.cpuMs } : t;
  });
}

/**
 * Each of the preview's tasks with `what`: the names of its measures that overlap the task
 * (a message, a picker update, after render…). `draw` spans Mermaid's awaits, so a task
 * labelled only `draw` ran during a drawing: Mermaid's, or something between its steps.
 */
async function withWhat(tasks, frame) {
  const measures = frame ? await frame.evaluate(() => window.__oidtraceMeasures || []).catch(() => []) : [];
  return tasks.map((t) => {
    if (t.who !== 'webview') return t;
    const what = [...new Set(measures.filter((m) => m.start < t.start + t.ms && m.start + m.ms > t.start).map((m) => m.name))];
    return what.length ? { ...t, what: what.join(', ') } : t;
  });
}

/** Now, by the page's clock, as ms since the epoch (as the long tasks are recorded). */
const pageNow = (page) => page.evaluate(() => performance.timeOrigin + performance.now());

/**
 * Which of the workbench page's long tasks were the preview's: the webview shares the page's
 * thread, and Chromium does not always attribute its tasks to the iframe, so a task is the
 * preview's when its attribution says so or the preview's own frame saw the same task.
 */
function attribute(tasks, previewTasks) {
  return tasks.map((t) =>
    t.who !== 'webview' && previewTasks.some((p) => Math.abs(p.start - t.start) < 10 && Math.abs(p.ms - t.ms) < 10) ? { ...t, who: 'webview' } : t,
  );
}

function summarizeTasks(tasks) {
  const max = (list) => Math.max(0, ...list.map((t) => t.ms));
  const webview = tasks.filter((t) => t.who === 'webview');
  const timedOnCpu = (list) => list.filter((t) => t.cpuMs !== undefined);
  return {
    count: tasks.length,
    over100: tasks.filter((t) => t.ms > 100).length,
    maxMs: max(tasks),
    workbenchMaxMs: max(tasks.filter((t) => t.who === 'workbench')),
    webviewMaxMs: max(webview),
    notWebviewMaxMs: max(tasks.filter((t) => t.who !== 'webview')),
    webviewCount: webview.length,
    webviewOver100: webview.filter((t) => t.ms > 100).length,
    // The same by time on a CPU (where the task trace matched the task).
    webviewCpuMatched: timedOnCpu(webview).length,
    webviewMaxCpuMs: Math.max(0, ...timedOnCpu(webview).map((t) => t.cpuMs)),
    webviewCpuOver100: webview.filter((t) => t.cpuMs > 100).length,
    longest: tasks
      .slice()
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((t) => ({ ms: round(t.ms), cpuMs: t.cpuMs === undefined ? undefined : round(t.cpuMs), who: t.who, what: t.what })),
    // The preview's tasks over 50 ms, counted by what they were.
    webviewByWhat: Object.fromEntries(
      [...new Set(webview.map((t) => t.what ?? '?'))].map((w) => {
        const of = webview.filter((t) => (t.what ?? '?') === w);
        const cpu = timedOnCpu(of).map((t) => t.cpuMs);
        return [w, { count: of.length, maxMs: round(max(of)), maxCpuMs: cpu.length ? round(Math.max(...cpu)) : undefined }];
      }),
    ),
  };
}

/** The numbers the status bar's Problems item shows (errors, warnings[, infos]). */
async function problemsShown(page) {
  const item = page.locator('[id="status.problems"]').first();
  const text = ((await item.innerText({ timeout: 5000 }).catch(() => '')) || '').replace(/\s+/g, ' ').trim();
  const numbers = (text.match(/\d+/g) || []).map(Number);
  return { text, total: numbers.reduce((a, b) => a + b, 0) };
}

// ---------------------------------------------------------------- one workbench session

/**
 * e2e.runCommand, tried again when the Command Palette did not take the click (on this busy
 * 2-core machine its list can be slow to settle). Only for commands safe to run twice.
 */
async function command(page, title) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await e2e.runCommand(page, title, { timeout: 30000 });
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`"${title}" failed (${String(err.message).split('\n')[0]}); again`);
      await page.keyboard.press('Escape');
      await sleep(500);
    }
  }
}

/** Runs a stats command and reads the JSON it writes to `file` (the extension host's env names it). */
function statsReader(page, file, title) {
  return async () => {
    fs.rmSync(file, { force: true });
    await command(page, title);
    return e2e.waitUntil(
      `the host stats in ${file}`,
      () => {
        try {
          return JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch {
          return false;
        }
      },
      { timeout: 30000, interval: 50 },
    );
  };
}

/**
 * A probe extension, installed next to the one measured (same extension host): "Bench Probe:
 * Heap After GC" runs gc() (code-server is started with NODE_OPTIONS=--expose-gc) and reports
 * the live heap; "Bench Probe: Show Extension Host Stats" measures the host as host-stats.ts
 * does, for the run with VS Code alone, where it also declares the trace language.
 */
function writeProbe(dir, { declareLanguage }) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'oidtrace-bench-probe',
      publisher: 'bench',
      version: '0.0.0',
      engines: { vscode: '^1.100.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
      contributes: {
        ...(declareLanguage ? { languages: [{ id: 'oidtrace', aliases: ['OID Trace'], extensions: ['.oidtrace'] }] } : {}),
        commands: [
          { command: 'benchProbe.hostStats', title: PROBE_STATS_TITLE },
          { command: 'benchProbe.heapAfterGc', title: PROBE_HEAP_TITLE },
          { command: 'benchProbe.profileStart', title: 'Bench Probe: Start CPU Profile' },
          { command: 'benchProbe.profileStop', title: 'Bench Probe: Stop CPU Profile' },
        ],
      },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    `const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');
exports.activate = (context) => {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The host's garbage collections since the last heap read, without the ones gc() forces.
  let gcs = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
  const forced = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (forced.some(([a, b]) => e.startTime >= a - 1 && e.startTime <= b + 1)) continue;
      gcs.count++;
      gcs.totalMs += e.duration;
      gcs.maxMs = Math.max(gcs.maxMs, e.duration);
      if (e.detail && e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcs.majorMaxMs = Math.max(gcs.majorMaxMs, e.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  context.subscriptions.push({ dispose: () => observer.disconnect() });
  const output = vscode.window.createOutputChannel('Bench Probe', { log: true });
  const write = (stats) => {
    writeFileSync(process.env.OIDTRACE_BENCH_PROBE_FILE, JSON.stringify(stats));
    return stats;
  };
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('benchProbe.hostStats', () => {
      const stats = { eventLoopMaxMs: delay.max / 1e6, eventLoopP99Ms: delay.percentile(99) / 1e6, heapUsedMb: process.memoryUsage().heapUsed / 1e6 };
      delay.reset();
      output.info(JSON.stringify(stats));
      output.show(true); // as OID Trace's command does: the same panel, the focus stays
      return write(stats);
    }),
    vscode.commands.registerCommand('benchProbe.heapAfterGc', () => {
      const before = process.memoryUsage().heapUsed / 1e6;
      const gc = typeof globalThis.gc === 'function';
      const since = gcs;
      gcs = { count: 0, totalMs: 0, maxMs: 0, majorMaxMs: 0 };
      if (gc) {
        const t = performance.now();
        globalThis.gc();
        globalThis.gc();
        forced.push([t, performance.now()]);
        if (forced.length > 20) forced.shift();
      }
      return write({ gc, heapBeforeGcMb: before, heapUsedMb: process.memoryUsage().heapUsed / 1e6, gcsSinceLastRead: since });
    }),
    // The whole extension host, profiled from inside (node:inspector, no debug port).
    vscode.commands.registerCommand('benchProbe.profileStart', async () => {
      const inspector = require('node:inspector');
      session = new inspector.Session();
      session.connect();
      const post = (m, p) => new Promise((res, rej) => session.post(m, p || {}, (e, r) => (e ? rej(e) : res(r))));
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
      return write({ profiling: true });
    }),
    vscode.commands.registerCommand('benchProbe.profileStop', async () => {
      const { profile } = await new Promise((res, rej) => session.post('Profiler.stop', (e, r) => (e ? rej(e) : res(r))));
      session.disconnect();
      writeFileSync(process.env.OIDTRACE_BENCH_PROBE_FILE + '.cpuprofile', JSON.stringify(profile));
      return write({ profiled: true });
    }),
  );
  let session;
};
`,
  );
}

/**
 * The live heap of the extension host (after gc()), and the host's own garbage collections
 * since the previous read: { mb, gcs: { count, totalMs, maxMs, majorMaxMs } }.
 */
async function liveHeap(probe) {
  const s = await probe();
  if (!s.gc) throw new Error('gc() is not exposed in the extension host (NODE_OPTIONS=--expose-gc did not reach it)');
  const g = s.gcsSinceLastRead;
  return { mb: round(s.heapUsedMb), gcs: { count: g.count, totalMs: round(g.totalMs), maxMs: round(g.maxMs), majorMaxMs: round(g.majorMaxMs) } };
}

/**
 * Where the extension host's CPU went while typing: by the outermost frame of extension code
 * on the stack (else VS Code or Node), by function (self time), and its busy runs longer than
 * `minMs` (consecutive non-idle samples; one run may hold several event-loop tasks, e.g. the
 * slices of one analysis run back to back when nothing else waits).
 */
function profileStretches(profile, minMs = 100) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const file = (f.url || '').split('/').slice(-2).join('/');
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  };
  const idle = (n) => n.callFrame.functionName === '(idle)';
  // The extension a frame belongs to: OID Trace (dist/ of oidtrace.oidtrace-*), the probe,
  // or a built-in extension of VS Code (lib/vscode/extensions/<name>/).
  const extensionOf = (url = '') => {
    if (/oidtrace\.oidtrace-/.test(url)) return 'OID Trace';
    if (/oidtrace-bench-probe/.test(url)) return 'the probe';
    const m = /\/extensions\/([^/]+)\//.exec(url);
    return m ? `built-in extension ${m[1]}` : null;
  };
  // Who the sample works for: the outermost extension frame on its stack, with OID Trace's
  // outermost function named, else VS Code or Node.
  const ownerOf = (id) => {
    let owner = null;
    for (let n = nodes.get(id); n; n = nodes.get(parent.get(n.id))) {
      const ext = extensionOf(n.callFrame.url);
      if (ext) owner = ext === 'OID Trace' ? `OID Trace: ${name(n)}` : ext;
    }
    return owner;
  };
  const stretches = [];
  let cur = null;
  const total = new Map();
  const byEntry = new Map();
  let wall = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const n = nodes.get(id);
    wall += dt;
    if (idle(n)) {
      if (cur && cur.ms >= minMs) stretches.push(cur);
      cur = null;
      return;
    }
    cur ||= { ms: 0, self: new Map(), owners: new Map() };
    cur.ms += dt;
    cur.self.set(name(n), (cur.self.get(name(n)) || 0) + dt);
    const o = ownerOf(id) || (n.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : 'VS Code or Node (no extension on the stack)');
    cur.owners.set(o, (cur.owners.get(o) || 0) + dt);
    byEntry.set(o, (byEntry.get(o) || 0) + dt);
    total.set(name(n), (total.get(name(n)) || 0) + dt);
  });
  if (cur && cur.ms >= minMs) stretches.push(cur);
  const top = (m, k) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, ms]) => `${round(ms, 0)} ms ${f}`);
  const busy = [...byEntry.values()].reduce((a, b) => a + b, 0);
  return {
    seconds: round(wall / 1000),
    busySeconds: round(busy / 1000),
    byEntry: top(byEntry, 10),
    topSelf: top(total, 12),
    busyRunsOver: minMs,
    busyRuns: stretches
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((c) => ({ ms: round(c.ms, 0), self: top(c.self, 5), byEntry: top(c.owners, 3) })),
  };
}

/** CPU time of the whole machine (all cores) from /proc/stat: { busy, total } in ticks. */
function cpuTicks() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] || 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
const busyPercent = (a, b) => (a && b && b.total > a.total ? round((100 * (b.busy - a.busy)) / (b.total - a.total)) : undefined);

/** The host stats after edit n, for the per-phase table. */
function phase(n, s, analysesBefore, started, t) {
  return {
    afterEdit: n,
    heapUsedMb: round(s.heapUsedMb),
    eventLoopMaxMs: round(s.eventLoopMaxMs),
    eventLoopP99Ms: round(s.eventLoopP99Ms),
    longestAnalysisSliceMs: round(s.longestAnalysisSliceMs),
    longestAnalysisSliceWithoutGcMs: round(s.longestAnalysisSliceWithoutGcMs),
    gcInSlicesMaxMs: round(s.gcInSlicesMaxMs),
    longestAnalysisSliceCpuMs: round(s.longestAnalysisSliceCpuMs),
    longestAnalysisSliceWaitMs: round(s.longestAnalysisSliceWaitMs),
    analyses: s.analyses === undefined ? undefined : s.analyses - analysesBefore,
    version: t?.version,
    diagnosticsVersion: t?.diagnosticsVersion,
    seconds: round((Date.now() - started) / 1000),
  };
}

/** Copies code-server's log (with the extension host's) next to the screenshots. */
function keepLog(server, name) {
  if (!server) return;
  try {
    const dir = e2e.outputDir();
    fs.copyFileSync(server.logFile, path.join(dir, `${name}.code-server.log`));
    const logs = path.join(server.userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dir, `${name}.vscode-logs`), { recursive: true });
  } catch {
    /* best effort */
  }
}

async function typePlan(page, plan, model, { onEdit, limit }) {
  let edits = 0;
  let lastKeyAt = 0;
  const rnd = prng(11);
  for (const step of plan) {
    if (edits >= limit) break;
    if (step.pause) {
      await sleep(step.pause);
    } else if (step.nav) {
      await e2e.goToLine(page, `${step.nav[0]}:${step.nav[1]}`);
      model.nav(step.nav[0], step.nav[1]);
    } else {
      const k = step.key;
      if (k.length === 1) await page.keyboard.type(k);
      else await page.keyboard.press(k);
      lastKeyAt = Date.now();
      model.key(k);
      edits++;
      const again = await onEdit(edits);
      // After a sample the Command Palette had the focus: put the cursor back where it was.
      if (again && model.cursor) await e2e.goToLine(page, `${model.cursor.line}:${model.cursor.col}`);
      else await sleep(15 + Math.floor(rnd() * 30)); // fast typing: 15-45 ms between keys
    }
  }
  return { edits, lastKeyAt };
}

async function mainRun(trace, plan, originalLines) {
  const result = { phases: [] };
  const ws = e2e.makeWorkspace({ samples: false, prefix: 'oidtrace-bench-ws-' });
  const statsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidtrace-bench-stats-'));
  const statsFile = path.join(statsDir, 'host-stats.json');
  const probeFile = path.join(statsDir, 'probe.json');
  const file = path.join(ws.dir, NAME);
  fs.copyFileSync(trace, file);
  let server;
  let page;
  try {
    server = await e2e.startCodeServer({
      version: VERSION,
      workspace: ws.dir,
      name: 'editor-reliability',
      settings: SETTINGS,
      timeout: 60000,
      env: { OIDTRACE_HOST_STATS_FILE: statsFile, OIDTRACE_BENCH_PROBE_FILE: probeFile, NODE_OPTIONS: '--expose-gc' },
    });
    // Scanned when the extension host starts, i.e. when the workbench opens.
    writeProbe(path.join(server.extensionsDir, 'bench.oidtrace-bench-probe-0.0.0'), { declareLanguage: false });
    page = await e2e.openWorkbench(server.url, ws.dir, { timeout: 120000 });
    await e2e.captureOnFailure(page, 'editor-reliability', async () => {
      const hostStats = statsReader(page, statsFile, STATS_TITLE);
      const heap = () => liveHeap(statsReader(page, probeFile, PROBE_HEAP_TITLE));
      const traceOf = (s) => s.traces.find((t) => t.uri.endsWith(`/${NAME}`));
      const waitFresh = async (what, timeout = 120000) => {
        const started = Date.now();
        let last;
        await e2e.waitUntil(
          what,
          async () => {
            last = await hostStats();
            const t = traceOf(last);
            return t && t.diagnosticsVersion === t.version;
          },
          { timeout, interval: 500 },
        );
        return { stats: last, waitedMs: Date.now() - started };
      };

      await installLongTaskProbe(page);
      log(`opening ${NAME} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB, ${originalLines.length} lines)`);
      let t0 = Date.now();
      await e2e.openFile(page, NAME, { via: 'explorer', timeout: 120000 });
      await e2e.setSideBarVisible(page, false);
      result.openMs = Date.now() - t0;
      t0 = Date.now();
      await e2e.goToLine(page, 1);
      if (PREVIEW) {
        await e2e.clickEditorAction(page, 'Open Sequence Diagram to the Side', { timeout: 30000 });
        await e2e.waitForTab(page, `Diagram ${NAME}`, { timeout: 60000 });
        const frame = await e2e.previewFrame(page, { timeout: 180000 });
        result.previewFirstDrawMs = Date.now() - t0;
        await installLongTaskProbe(frame).catch(() => {});
      }
      const initial = await waitFresh('the first diagnostics of the trace');
      result.initial = { diagnostics: traceOf(initial.stats).diagnostics, version: traceOf(initial.stats).version, heapUsedMb: initial.stats.heapUsedMb };
      log(`preview drawn in ${result.previewFirstDrawMs} ms; ${result.initial.diagnostics} diagnostics on version ${result.initial.version}`);
      await e2e.screenshot(page, 'editor-reliability-before');

      // ---- 1,000 edits
      const model = new TextModel(originalLines);
      result.liveHeap = [{ afterEdit: 0, ...(await heap()) }];
      const start = await hostStats(); // resets the delay histogram
      const startVersion = traceOf(start).version;
      let analysesBefore = start.analyses;
      const skip = [];
      // The task trace first: a long task between the two would have no CPU time.
      const taskTrace = PREVIEW ? await startTaskTrace(page) : undefined;
      const uiFrom = await pageNow(page);
      if (PROFILE) {
        await statsReader(page, probeFile, 'Bench Probe: Start CPU Profile')();
        await hostStats(); // reset after the profiler's start
      }
      const cpu0 = cpuTicks();
      const typingStarted = Date.now();
      log(`typing ${EDITS} edits`);
      const typed = await typePlan(page, plan, model, {
        limit: EDITS,
        onEdit: async (n) => {
          if (!SAMPLE_AT.includes(n)) return false;
          const a = await pageNow(page);
          const s = await hostStats();
          result.liveHeap.push({ afterEdit: n, ...(await heap()) });
          await hostStats(); // the gc() pause is not the next phase's
          skip.push([a, await pageNow(page)]);
          result.phases.push(phase(n, s, analysesBefore, typingStarted, traceOf(s)));
          analysesBefore = s.analyses;
          log(`after edit ${n}: ${JSON.stringify(result.phases.at(-1))}`);
          return true;
        },
      });
      const uiTo = await pageNow(page);
      const traced = taskTrace ? await taskTrace.stop() : [];
      result.machineCpuBusyPercent = busyPercent(cpu0, cpuTicks());
      if (PROFILE) {
        await statsReader(page, probeFile, 'Bench Probe: Stop CPU Profile')();
        const profile = JSON.parse(fs.readFileSync(`${probeFile}.cpuprofile`, 'utf8'));
        fs.mkdirSync(OUT, { recursive: true });
        fs.copyFileSync(`${probeFile}.cpuprofile`, path.join(OUT, 'editor-reliability.cpuprofile'));
        result.profile = profileStretches(profile);
        log(`extension host profile: ${JSON.stringify(result.profile, null, 1)}`);
      }
      // The preview frame's own long tasks ('self'; it also sees the workbench's, as 'ancestor').
      const previewFrame = PREVIEW ? await e2e.previewFrame(page, { timeout: 5000 }).catch(() => null) : null;
      const previewTasks = previewFrame
        ? await longTasks(previewFrame, uiFrom, uiTo, skip)
            .then((t) => t.filter((x) => x.name === 'self'))
            .catch(() => null)
        : PREVIEW
          ? null
          : [];
      result.typingSeconds = round((typed.lastKeyAt - typingStarted) / 1000);
      result.edits = typed.edits;
      const lastPhase = result.phases.at(-1);
      result.versionsMade = lastPhase.version - startVersion;
      result.versionsBehindRightAfter = lastPhase.version - (lastPhase.diagnosticsVersion ?? 0);
      result.ui = summarizeTasks(await withWhat(withCpu(attribute(await longTasks(page, uiFrom, uiTo, skip), previewTasks || []), traced), previewFrame));
      result.tracedLongTasks = traced.filter((t) => t.ms > 50).length;
      // The preview's own frame, when it was still the same frame at the end (null if not).
      result.uiPreviewFrame = previewTasks && summarizeTasks(previewTasks.map((t) => ({ ...t, who: 'webview' })));

      // ---- diagnostics of the newest text
      const fresh = await waitFresh('diagnostics for the final version after the last edit');
      const ft = traceOf(fresh.stats);
      result.settledAfterLastKeyMs = Date.now() - typed.lastKeyAt;
      result.final = { version: ft.version, diagnosticsVersion: ft.diagnosticsVersion, diagnostics: ft.diagnostics, heapUsedMb: round(fresh.stats.heapUsedMb) };
      await sleep(2000);
      const later = traceOf(await hostStats());
      result.staysFresh = later.version === later.diagnosticsVersion && later.version === ft.version;
      result.versionsBehindSettled = later.version - later.diagnosticsVersion;
      result.liveHeap.push({ afterEdit: 'settled', ...(await heap()) });
      await e2e.screenshot(page, 'editor-reliability-after-typing');

      // ---- save, then the CLI on the saved text
      await e2e.goToLine(page, 1);
      await page.keyboard.press('Control+S');
      const expected = model.lines.join('\n');
      await e2e.waitUntil('the saved file to hold the typed text', () => fs.readFileSync(file, 'utf8').length === expected.length, { timeout: 60000, interval: 250 });
      await sleep(500);
      result.savedTextAsTyped = fs.readFileSync(file, 'utf8') === expected;
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (cli.status !== 0 && cli.status !== 1) throw new Error(`the CLI failed (exit ${cli.status}): ${cli.stderr}`);
      const cliDiags = JSON.parse(cli.stdout).files[0].diagnostics;
      const bySeverity = (list) => Object.fromEntries(['error', 'warning', 'info'].map((s) => [s, list.filter((d) => d.severity === s).length]));
      const afterSave = await waitFresh('diagnostics after the save');
      result.cli = { diagnostics: cliDiags.length, ...bySeverity(cliDiags) };
      result.editorDiagnostics = traceOf(afterSave.stats).diagnostics;
      result.problemsShown = await problemsShown(page);
      result.originalCli = result.initial.diagnostics;
      log(`final: editor ${result.editorDiagnostics} diagnostics, CLI ${JSON.stringify(result.cli)}, status bar "${result.problemsShown.text}"`);
      if (!PREVIEW) return;

      // ---- closing the preview frees it (heap, five open/close rounds)
      const openPreview = async () => {
        await e2e.focusTab(page, NAME);
        await command(page, 'OID Trace: Open Sequence Diagram to the Side');
        await e2e.previewFrame(page, { timeout: 180000 });
      };
      const closePreview = async () => {
        await e2e.closeTab(page, `Diagram ${NAME}`);
        await e2e.waitUntil('the preview tab to close', async () => !(await e2e.tabTitles(page)).some((t) => t.includes('Diagram')), { timeout: 15000 });
      };
      const heapNow = async () => (await heap()).mb;
      result.heapPreviewOpenMb = await heapNow();
      await closePreview();
      result.heapPreviewClosedMb = await heapNow();
      for (let i = 0; i < 4; i++) {
        await openPreview();
        await closePreview();
      }
      result.heapAfter5PreviewsMb = await heapNow();
      result.webviewsLeft = await page.locator('iframe.webview').count();
      log(`heap: preview open ${result.heapPreviewOpenMb} MB, closed ${result.heapPreviewClosedMb} MB, after 5 rounds ${result.heapAfter5PreviewsMb} MB`);

      // ---- closing the file clears its diagnostics
      const closeFile = async (label) => {
        const before = await problemsShown(page);
        const t = Date.now();
        await e2e.closeTab(page, NAME);
        let last = before;
        // VS Code keeps a document an extension opened for up to 3 minutes after its last
        // editor closed (and only then tells extensions it closed): wait that long.
        const cleared = await e2e
          .waitUntil(
            'the Problems count to go to 0 after closing the file',
            async () => {
              last = await problemsShown(page);
              return last.total === 0;
            },
            { timeout: 200000, interval: 250 },
          )
          .then(
            () => true,
            () => false,
          );
        const out = { cleared, ms: Date.now() - t, before: before.text, after: last.text };
        const stillOpen = traceOf(await hostStats());
        out.extensionHost = stillOpen ? `document still open, ${stillOpen.diagnostics} diagnostics` : 'document closed';
        log(`close the file (${label}): Problems "${out.before}" -> "${out.after}" after ${out.ms} ms; ${out.extensionHost}`);
        return out;
      };
      result.closeFile = await closeFile('opened by the user');

      // ---- window reload: the preview comes back
      await e2e.openFile(page, NAME, { timeout: 120000 });
      await openPreview();
      await waitFresh('diagnostics after reopening the file');
      t0 = Date.now();
      await e2e.reloadWindow(page);
      await e2e.previewFrame(page, { timeout: 180000 });
      result.reloadPreviewMs = Date.now() - t0;
      const shown = await e2e.waitForPreview(page, 'a diagram after the reload', (c) => c.messages.length > 0 && !c.error, { timeout: 60000 });
      result.reloadRestoresPreview = shown.messages.length > 0 && (await e2e.tabTitles(page)).some((t) => t.includes(`Diagram ${NAME}`));
      const reloaded = await waitFresh('diagnostics after the reload');
      result.afterReload = { diagnostics: traceOf(reloaded.stats).diagnostics, heapUsedMb: round(reloaded.stats.heapUsedMb) };
      await e2e.screenshot(page, 'editor-reliability-after-reload');
      log(`reload: preview back in ${result.reloadPreviewMs} ms`);

      // ---- after the reload: close the preview, then the file
      await closePreview();
      result.closeFileAfterReload = await closeFile('after a reload, the preview restored it');
    });
  } finally {
    await page?.close().catch(() => {});
    keepLog(server, 'editor-reliability');
    await server?.stop();
    ws.cleanup();
    fs.rmSync(statsDir, { recursive: true, force: true });
  }
  return result;
}

/**
 * The same typing in VS Code alone: the only extension is the probe, which declares the
 * language (and nothing else) and measures the host; a small file stands beside the trace
 * where the preview was, so that the editor has the same size.
 */
async function baselineRun(trace, plan, originalLines) {
  const ws = e2e.makeWorkspace({ samples: false, prefix: 'oidtrace-bench-ws-', files: { 'beside.txt': 'where the preview was\n' } });
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidtrace-bench-probe-'));
  writeProbe(probeDir, { declareLanguage: true });
  const probeFile = path.join(probeDir, 'probe.json');
  fs.copyFileSync(trace, path.join(ws.dir, NAME));
  let server;
  let page;
  try {
    server = await e2e.startCodeServer({
      version: VERSION,
      workspace: ws.dir,
      name: 'editor-reliability-baseline',
      settings: SETTINGS,
      extensionDir: probeDir,
      timeout: 60000,
      env: { OIDTRACE_BENCH_PROBE_FILE: probeFile, NODE_OPTIONS: '--expose-gc' },
    });
    page = await e2e.openWorkbench(server.url, ws.dir, { timeout: 120000 });
    return await e2e.captureOnFailure(page, 'editor-reliability-baseline', async () => {
      await installLongTaskProbe(page);
      await e2e.openFile(page, NAME, { via: 'explorer', timeout: 120000 });
      await e2e.setSideBarVisible(page, false);
      // Quick Open, Ctrl+Enter: beside.txt opens to the side.
      await page.keyboard.press('Control+P');
      const quick = page.locator('.quick-input-widget');
      await e2e.bounded('Quick Open', 15000, (t) => quick.locator('input.input').first().waitFor({ state: 'visible', timeout: t }));
      await page.keyboard.type('beside.txt');
      await e2e.waitUntil(
        'Quick Open to list beside.txt first',
        async () => (await quick.locator('.monaco-list-row').first().innerText({ timeout: 1000 })).includes('beside.txt'),
        { timeout: 60000 },
      );
      await page.keyboard.press('Control+Enter');
      await e2e.waitUntil(
        'the trace on the left and beside.txt on the right',
        async () => {
          const titles = await e2e.tabTitles(page);
          return titles.length === 2 && titles[0].includes(NAME) && titles[1].includes('beside.txt');
        },
        { timeout: 15000 },
      );
      await e2e.focusTab(page, NAME);
      const hostStats = statsReader(page, probeFile, PROBE_STATS_TITLE);
      const heap = () => liveHeap(statsReader(page, probeFile, PROBE_HEAP_TITLE));
      const model = new TextModel(originalLines);
      const phases = [];
      const liveHeapMb = [{ afterEdit: 0, ...(await heap()) }];
      const skip = [];
      await hostStats();
      // Traced as the main run is, so that both sides of the UI comparison carry the same overhead.
      const taskTrace = await startTaskTrace(page);
      const from = await pageNow(page);
      const cpu0 = cpuTicks();
      const started = Date.now();
      log(`baseline: typing ${EDITS} edits in VS Code alone`);
      const typed = await typePlan(page, plan, model, {
        limit: EDITS,
        onEdit: async (n) => {
          if (!SAMPLE_AT.includes(n)) return false;
          const a = await pageNow(page);
          phases.push(phase(n, await hostStats(), 0, started));
          liveHeapMb.push({ afterEdit: n, ...(await heap()) });
          await hostStats();
          skip.push([a, await pageNow(page)]);
          log(`baseline, after edit ${n}: ${JSON.stringify(phases.at(-1))}, live heap ${liveHeapMb.at(-1).mb} MB`);
          return true;
        },
      });
      const to = await pageNow(page);
      const traced = await taskTrace.stop();
      const machineCpuBusyPercent = busyPercent(cpu0, cpuTicks());
      await sleep(3000);
      liveHeapMb.push({ afterEdit: 'settled', ...(await heap()) });
      await e2e.goToLine(page, 1);
      await page.keyboard.press('Control+S');
      const expected = model.lines.join('\n');
      const saved = path.join(ws.dir, NAME);
      await e2e
        .waitUntil('the baseline file to be saved', () => fs.readFileSync(saved, 'utf8').length === expected.length, { timeout: 60000, interval: 250 })
        .catch(() => {});
      return {
        edits: typed.edits,
        phases,
        liveHeap: liveHeapMb,
        machineCpuBusyPercent,
        ui: summarizeTasks(withCpu(await longTasks(page, from, to, skip), traced)),
        savedTextAsTyped: fs.readFileSync(saved, 'utf8') === expected,
      };
    });
  } finally {
    await page?.close().catch(() => {});
    keepLog(server, 'editor-reliability-baseline');
    await server?.stop();
    ws.cleanup();
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

/** The commit the extension was built from (and whether src/ had uncommitted changes). */
function builtFrom() {
  const git = (...a) => spawnSync('git', ['-C', ROOT, ...a], { encoding: 'utf8' }).stdout?.trim() || '';
  const head = git('log', '-1', '--format=%h');
  if (!head) return 'unknown commit';
  const what = `${head}${git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src/' : ''}`;
  return argv.includes('--no-build') ? `dist/ as found (not rebuilt; HEAD ${what})` : what;
}

function cpuModel() {
  const m = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  return `${os.cpus().length} cores (${m}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join('/')}`;
}

function report(r, b, traceInfo) {
  const ph = r.phases;
  const at = (n) => ph.find((p) => p.afterEdit === n)?.heapUsedMb;
  const maxOf = (k) => (ph.some((p) => typeof p[k] === 'number') ? Math.max(...ph.map((p) => p[k]).filter((x) => typeof x === 'number')) : undefined);
  const baseMax = (k) => Math.max(...b.phases.map((p) => p[k]));
  const yes = (ok) => (ok ? 'yes' : '**no**');
  const live = (run) => run.liveHeap.map((h) => h.mb).join(' / ');
  const typingGcs = (run) => run.liveHeap.filter((h) => typeof h.afterEdit === 'number' && h.afterEdit > 0).map((h) => h.gcs);
  const gcFig = (run) =>
    `${round(Math.max(...typingGcs(run).map((g) => g.maxMs)))} / ${round(
      typingGcs(run).reduce((a, g) => a + g.totalMs, 0),
      0,
    )}`;
  // Live heap: the mean of the last two reads against the mean of the first two.
  const lh = r.liveHeap.map((h) => h.mb);
  const heapGrowth = (lh.at(-1) + lh.at(-2)) / 2 - (lh[0] + lh[1]) / 2;
  const slice = maxOf('longestAnalysisSliceMs');
  const hostMax = maxOf('eventLoopMaxMs');
  const ui = r.ui;
  // A UI task over 100 ms is the extension's if it is the preview's, or if VS Code alone had none as long.
  const uiOther = round(ui.notWebviewMaxMs);
  const uiOtherMet = uiOther < 100 ? 'yes' : b && uiOther <= b.ui.maxMs ? 'yes (VS Code alone as long)' : b ? '**no**' : '? (no baseline)';
  const rows = [
    ['edits typed (document versions made)', `${r.edits} (${r.versionsMade})`, `${EDITS}`, yes(r.edits === EDITS && r.versionsMade === EDITS)],
    ['typing time (s)', r.typingSeconds, 'a few minutes', ''],
    ['longest analysis slice, wall time (ms)', slice, '< 100', yes(slice < 100)],
    [
      'the longest slice (wall): its time on a CPU / waiting for a CPU while other processes ran (ms; Linux thread clock)',
      `${ph.find((p) => p.longestAnalysisSliceMs === slice)?.longestAnalysisSliceCpuMs ?? '–'} / ${ph.find((p) => p.longestAnalysisSliceMs === slice)?.longestAnalysisSliceWaitMs ?? '–'}`,
      '',
      '',
    ],
    [
      "longest slice of the extension's own code: time on a CPU less garbage collection (ms)",
      maxOf('longestAnalysisSliceWithoutGcMs') ?? '–',
      '< 100',
      yes(maxOf('longestAnalysisSliceWithoutGcMs') < 100),
    ],
    ["longest garbage collection inside an analysis slice (ms; the whole host's heap)", maxOf('gcInSlicesMaxMs') ?? '–', '', ''],
    ['extension host event-loop max delay during typing (ms; whole host, not only OID Trace)', hostMax, '< 100', yes(hostMax < 100)],
    ['the same with VS Code alone (a stand-in that only declares the language)', b ? baseMax('eventLoopMaxMs') : 'not run', '', ''],
    [
      'extension host event-loop p99 delay, worst phase, with OID Trace / VS Code alone (ms)',
      `${maxOf('eventLoopP99Ms')} / ${b ? baseMax('eventLoopP99Ms') : '–'}`,
      '',
      '',
    ],
    ['extension host garbage collection during typing: longest pause / total (ms), with OID Trace', gcFig(r), '', ''],
    ['the same with VS Code alone', b ? gcFig(b) : 'not run', '', ''],
    ['analyses finished during typing (the others were overtaken by edits)', ph.reduce((a, p) => a + p.analyses, 0), '', ''],
    ['machine CPU busy during typing, both cores (%), with OID Trace / VS Code alone', `${r.machineCpuBusyPercent} / ${b ? b.machineCpuBusyPercent : '–'}`, '', ''],
    ...(PREVIEW
      ? [
          [
            'UI thread: longest task of the preview webview during typing, wall time (ms; tasks over 100 ms)',
            `${round(ui.webviewMaxMs)} (${ui.webviewOver100})`,
            '< 100',
            yes(ui.webviewMaxMs < 100),
          ],
          [
            "the preview's tasks by their time on a CPU (Chromium's task trace): longest (ms; tasks over 100 ms; tasks the trace matched)",
            ui.webviewCpuMatched ? `${round(ui.webviewMaxCpuMs)} (${ui.webviewCpuOver100}; ${ui.webviewCpuMatched} of ${ui.webviewCount} matched)` : '–',
            '< 100',
            ui.webviewCpuMatched ? yes(ui.webviewMaxCpuMs < 100) : '',
          ],
        ]
      : []),
    [
      `UI thread: longest other task during typing, with OID Trace / VS Code alone (ms)`,
      `${uiOther} / ${b ? round(b.ui.maxMs) : 'not run'}`,
      '< 100 or as VS Code alone',
      uiOtherMet,
    ],
    ['UI thread: tasks over 100 ms during typing, with OID Trace / VS Code alone', `${ui.over100} / ${b ? b.ui.over100 : '–'}`, '', ''],
    [`extension host heap after ${SAMPLE_AT.join(' / ')} edits (MB, as read: garbage included)`, SAMPLE_AT.map(at).join(' / '), '', ''],
    [
      `extension host live heap (after gc) before / after ${SAMPLE_AT.join(' / ')} edits / settled, with OID Trace (MB)`,
      live(r),
      'no steady growth',
      yes(heapGrowth < 25),
    ],
    [`the same with VS Code alone (MB)`, b ? live(b) : 'not run', '', ''],
    ['diagnostics behind the text right after the last key (versions)', r.versionsBehindRightAfter, '(debounce + analysis)', ''],
    ['stale diagnostics once settled (versions behind)', r.versionsBehindSettled, '0', yes(r.versionsBehindSettled === 0 && r.staysFresh)],
    ['last key to diagnostics of the final text (s)', round(r.settledAfterLastKeyMs / 1000), '', ''],
    ['saved text is what was typed', yes(r.savedTextAsTyped), 'yes', yes(r.savedTextAsTyped)],
    [
      'diagnostics match the CLI (editor / CLI, on the final text)',
      `${r.editorDiagnostics} / ${r.cli.diagnostics} (start: ${r.initial.diagnostics})`,
      'equal',
      yes(r.editorDiagnostics === r.cli.diagnostics),
    ],
  ];
  if (r.closeFileAfterReload) {
    rows.push(
      [
        'closing the preview: heap open / closed / after 5 open-close rounds (MB)',
        `${r.heapPreviewOpenMb} / ${r.heapPreviewClosedMb} / ${r.heapAfter5PreviewsMb}`,
        'no growth',
        yes(r.heapAfter5PreviewsMb - r.heapPreviewClosedMb < 20 && r.webviewsLeft === 0),
      ],
      ...[
        ['', r.closeFile],
        [' after a window reload', r.closeFileAfterReload],
      ].map(([when, c]) => [
        `closing the file${when} clears its diagnostics (Problems: before → after; s until 0)`,
        `${c.before} → ${c.after} (${c.cleared ? round(c.ms / 1000) : `not within ${round(c.ms / 1000)}`})`,
        '0, at once (< 5 s)',
        yes(c.cleared && c.ms < 5000),
      ]),
    );
    rows.splice(rows.length - 2, 0, [
      'window reload restores the preview (s until the diagram shows)',
      `${yes(r.reloadRestoresPreview)} (${round(r.reloadPreviewMs / 1000)})`,
      'yes',
      yes(r.reloadRestoresPreview),
    ]);
  }
  const lines = [
    `Editing a ${traceInfo.mb} MB trace (${traceInfo.lines.toLocaleString('en-US')} lines, .oidtrace) ${PREVIEW ? 'with the preview open' : 'WITHOUT the preview'}; code-server ${VERSION}; extension built from ${BUILT_FROM}; ${cpuModel()}; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| what | figure | target | met? |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    '| after edit | s | heap MB | live heap MB | host max delay ms | host p99 ms | longest slice ms (less GC) | analyses | version | diagnostics version |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...ph.map(
      (p) =>
        `| ${p.afterEdit} | ${p.seconds} | ${p.heapUsedMb} | ${r.liveHeap.find((h) => h.afterEdit === p.afterEdit)?.mb ?? '–'} | ${p.eventLoopMaxMs} | ${p.eventLoopP99Ms} | ${p.longestAnalysisSliceMs} (${p.longestAnalysisSliceWithoutGcMs ?? '–'}) | ${p.analyses} | ${p.version} | ${p.diagnosticsVersion ?? '–'} |`,
    ),
  ];
  return lines.join('\n');
}

let BUILT_FROM = '';

async function main() {
  const started = Date.now();
  build();
  BUILT_FROM = builtFrom();
  const trace = traceFile();
  const text = fs.readFileSync(trace, 'utf8');
  const originalLines = text.split('\n');
  const traceInfo = { mb: round(fs.statSync(trace).size / 1e6), lines: originalLines.length - (text.endsWith('\n') ? 1 : 0) };
  const plan = makePlan(originalLines);
  const planEdits = plan.filter((s) => s.key).length;
  if (planEdits < EDITS) throw new Error(`the typing plan has only ${planEdits} edits (< ${EDITS})`);
  let main;
  let base = null;
  let failed = null;
  try {
    main = await mainRun(trace, plan, originalLines);
    if (BASELINE) {
      try {
        base = await baselineRun(trace, plan, originalLines);
      } catch (e) {
        failed = e; // the main run's figures are still printed
      }
    }
  } finally {
    await e2e.closeBrowser();
  }
  const out = {
    version: VERSION,
    builtFrom: BUILT_FROM,
    edits: EDITS,
    preview: PREVIEW,
    trace: traceInfo,
    machine: cpuModel(),
    date: new Date().toISOString(),
    main,
    baseline: base,
    seconds: round((Date.now() - started) / 1000),
  };
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'editor-reliability.json'), JSON.stringify(out, null, 2));
  const table = report(main, base, traceInfo);
  console.log(table);
  console.log(`\nUI long tasks (with OID Trace): ${JSON.stringify(main.ui.longest)}${base ? `; VS Code alone: ${JSON.stringify(base.ui.longest)}` : ''}`);
  if (main.ui.webviewByWhat) console.log(`the preview's long tasks by what they were: ${JSON.stringify(main.ui.webviewByWhat)}`);
  if (main.uiPreviewFrame) console.log(`long tasks in the preview's own frame: ${JSON.stringify(main.uiPreviewFrame)}`);
  console.log(`(all figures: bench/out/editor-reliability.json; whole run ${out.seconds} s)`);
  if (failed) throw new Error(`the baseline run (VS Code alone) failed: ${failed.stack || failed}`);
}

if (argv[0] === '--summarize-profile') {
  // Where a saved profile's CPU went: node bench/editor-reliability.mjs --summarize-profile FILE
  console.log(JSON.stringify(profileStretches(JSON.parse(fs.readFileSync(argv[1], 'utf8'))), null, 1));
  process.exit(0);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bench:editor failed: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
