#!/usr/bin/env node
// Runs the e2e test files (test/e2e/*.e2e.mjs) with node's test runner once per
// code-server version, then prints a summary. Exits non-zero if anything failed.
//
//   node test/e2e/run.mjs                 all files, versions from OIDTRACE_E2E_VERSIONS
//   node test/e2e/run.mjs smoke           only files whose name contains "smoke"
//
// Environment: see test/e2e/README.md (OIDTRACE_E2E_VERSIONS, OIDTRACE_E2E_EXTENSION,
// OIDTRACE_E2E_COPY, OIDTRACE_E2E_VSIX, OIDTRACE_ROOT, OIDTRACE_E2E_KEEP,
// OIDTRACE_E2E_TIMEOUT).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildVsix, extensionSource } from './lib/extension.mjs';
import { E2E_DIR, KNOWN_VERSIONS, OUTPUT_DIR, REPO_ROOT, codeServerInstall } from './lib/paths.mjs';

const versions = (process.env.OIDTRACE_E2E_VERSIONS || KNOWN_VERSIONS.join(' ')).split(/[\s,]+/).filter(Boolean);
const filters = process.argv.slice(2);
const perVersionTimeout = Number(process.env.OIDTRACE_E2E_TIMEOUT || 1200) * 1000; // a bound on a hang: a run takes 4–8 min

const files = fs
  .readdirSync(E2E_DIR)
  .filter((f) => f.endsWith('.e2e.mjs'))
  .filter((f) => !filters.length || filters.some((p) => f.includes(p)))
  .sort()
  .map((f) => path.join(E2E_DIR, f));

const log = (s) => console.log(`[e2e] ${s}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

if (!files.length) {
  console.error(`[e2e] no test files match ${filters.length ? filters.join(', ') : '*.e2e.mjs'} in ${E2E_DIR}`);
  process.exit(2);
}
for (const v of versions) {
  try {
    codeServerInstall(v);
  } catch (e) {
    console.error(`[e2e] ${e.message}`);
    process.exit(2);
  }
}

const started = Date.now();
// Everything temporary of this run (the VSIX, workspaces, code-servers' folders, the
// browser's profile, Playwright's artifacts) goes under one folder, the test processes'
// TMPDIR, removed at the end even if a test process died without cleaning up.
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oidtrace-e2e-'));
// A browser orphaned by a test process that died hard may still write its profile for a
// moment (it exits when its pipe closes), so removal is retried for a few seconds.
const removeRunTmp = async () => {
  if (process.env.OIDTRACE_E2E_KEEP === '1') return;
  for (let i = 0; ; i++) {
    try {
      fs.rmSync(runTmp, { recursive: true, force: true });
      return;
    } catch (e) {
      if (i >= 20) {
        console.error(`[e2e] could not remove ${runTmp}: ${e.message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
};
const env = { ...process.env, OIDTRACE_ROOT: REPO_ROOT, TMPDIR: runTmp };
const source = extensionSource();
if (source.kind === 'build') {
  // One VSIX for the whole run, shared by every test file and version.
  try {
    env.OIDTRACE_E2E_VSIX = buildVsix({ outDir: runTmp });
  } catch (e) {
    console.error(`[e2e] could not build the VSIX from ${REPO_ROOT}:\n${e.message}`);
    console.error('[e2e] (OIDTRACE_E2E_COPY=1 copies the built files instead; OIDTRACE_E2E_EXTENSION=/dir copies a folder)');
    await removeRunTmp();
    process.exit(1);
  }
  log(`extension: ${env.OIDTRACE_E2E_VSIX} (built from ${REPO_ROOT})`);
} else if (source.kind === 'vsix') {
  log(`extension: ${source.vsix}`);
} else {
  log(`extension: copied from ${source.dir}`);
}
// Test processes record their code-server process groups here, so that the groups of a
// test process that died hard can still be ended.
const pidDir = path.join(runTmp, 'pids');
fs.mkdirSync(pidDir);
env.OIDTRACE_E2E_PIDDIR = pidDir;
log(`files: ${files.map((f) => path.basename(f)).join(', ')}`);
log(`versions: ${versions.join(', ')}`);

function runVersion(version) {
  return new Promise((resolve) => {
    // Fresh output per run: test/output/e2e/<version>/ holds only this run's files.
    const outDir = path.join(OUTPUT_DIR, version);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    const tapFile = path.join(outDir, 'results.tap');
    const args = [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ];
    const t0 = Date.now();
    log(`--- code-server ${version} ---`);
    // detached: the test processes (and the code-servers and browsers they start) form
    // a process group that a timeout or Ctrl+C here can end whole.
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...env, OIDTRACE_E2E_VERSION: version },
      stdio: 'inherit',
      detached: true,
    });
    current = child;
    const timer = setTimeout(() => {
      console.error(`[e2e] code-server ${version}: timed out after ${secs(perVersionTimeout)}; stopping the test run`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000).unref();
    }, perVersionTimeout);
    child.on('exit', async (code, signal) => {
      clearTimeout(timer);
      current = null;
      // Whatever a crashed test process left behind in its group (given a moment to
      // clean up after itself), and its code-servers.
      for (let i = 0; i < 30 && killGroup(child.pid, 0); i++) await new Promise((r) => setTimeout(r, 100));
      killGroup(child.pid, 'SIGKILL');
      for (const f of fs.readdirSync(pidDir)) {
        const what = f.startsWith('browser-') ? 'a browser' : 'a code-server';
        if (killGroup(Number(f.replace(/^browser-/, '')), 'SIGKILL')) {
          console.error(`[e2e] stopped ${what} left running (process group ${f.replace(/^browser-/, '')})`);
        }
        fs.rmSync(path.join(pidDir, f), { force: true });
      }
      let pass = 0;
      let fail = 0;
      let tap = '';
      try {
        tap = fs.readFileSync(tapFile, 'utf8');
      } catch {
        /* no report */
      }
      const m = (k) => Number((tap.match(new RegExp(`^# ${k} (\\d+)`, 'm')) || [])[1] || 0);
      pass = m('pass');
      fail = m('fail') + m('cancelled');
      resolve({ version, code: code ?? 1, signal, pass, fail, ms: Date.now() - t0 });
    });
  });
}

/** Sends sig to process group pgid; false if there is no such group. */
function killGroup(pgid, sig) {
  try {
    process.kill(-pgid, sig);
    return true;
  } catch {
    return false;
  }
}

let current = null;
let aborted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    aborted = true;
    if (current) killGroup(current.pid, 'SIGTERM');
    if (current) setTimeout(() => killGroup(current?.pid, 'SIGKILL'), 3000).unref();
  });
}

const results = [];
for (const v of versions) {
  if (aborted) break;
  results.push(await runVersion(v));
}
await removeRunTmp();
if (aborted) {
  console.error('[e2e] interrupted');
  process.exit(130);
}

console.log('');
log('summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  const ok = r.code === 0 && r.fail === 0 && r.pass > 0;
  passed += r.pass;
  failed += r.fail;
  if (r.code !== 0 && r.fail === 0) failed += 1; // crashed or timed out without a report
  const why = r.signal ? `, killed by ${r.signal}` : r.code !== 0 ? `, exit ${r.code}` : r.pass === 0 ? ', no test ran' : '';
  log(`  code-server ${r.version}: ${ok ? 'PASS' : 'FAIL'} (${r.pass} passed, ${r.fail} failed${why}) in ${secs(r.ms)}`);
}
log(`screenshots and logs: ${OUTPUT_DIR}/<version>/`);
log(`total ${secs(Date.now() - started)}`);
const allOk = results.every((r) => r.code === 0 && r.fail === 0 && r.pass > 0);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
