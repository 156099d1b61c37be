// Starts code-server (one of the versions installed by scripts/e2e-install.sh) on a
// workspace folder, with the extension under test in a fresh extensions folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { onExit } from './cleanup.mjs';
import { installExtension } from './extension.mjs';
import { codeServerInstall, outputDir } from './paths.mjs';
import { sleep } from './wait.mjs';

/** Settings that keep the workbench quiet and deterministic; `settings` given to startCodeServer win. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.hover.delay': 300,
  'files.simpleDialog.enable': true,
};

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server and resolves once /healthz answers.
 *
 * @param {object} o
 * @param {string} o.version       code-server version ('4.100.3' | '4.139.1')
 * @param {string} o.workspace     folder to open
 * @param {string} [o.extensionDir] extension folder or .vsix to install (default: per environment,
 *                                 see lib/extension.mjs)
 * @param {object} [o.settings]    user settings merged over DEFAULT_SETTINGS
 * @param {string} [o.name]        label for the log copied to test/output/e2e/<version>/
 * @param {number} [o.timeout]     ms to wait for /healthz (default 30000)
 * @param {object} [o.env]         extra environment for code-server and the extension host it
 *                                 starts (e.g. OIDTRACE_HOST_STATS_FILE for the benchmark)
 * @returns {Promise<{url, folderUrl, port, version, workspace, tmpDir, userDataDir,
 *   extensionsDir, extension, logFile, stop: () => Promise<void>}>}
 */
export async function startCodeServer({ version, workspace, extensionDir, settings = {}, name = 'code-server', timeout = 30000, env: extraEnv = {} } = {}) {
  if (!version) throw new Error('startCodeServer: version is required');
  if (!workspace || !fs.existsSync(workspace)) throw new Error(`startCodeServer: workspace folder ${workspace} does not exist`);
  workspace = path.resolve(workspace);
  const install = codeServerInstall(version);

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `oidtrace-e2e-cs-${version}-`));
  const userDataDir = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'exts');
  const logFile = path.join(tmpDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(path.join(tmpDir, 'config'), { recursive: true });
  fs.mkdirSync(path.join(tmpDir, 'data'), { recursive: true });
  fs.mkdirSync(path.join(tmpDir, 't'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  let extension;
  try {
    extension = installExtension(extensionsDir, { from: extensionDir });
  } catch (e) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw e;
  }

  const port = await freePort();
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  Object.assign(env, {
    XDG_CONFIG_HOME: path.join(tmpDir, 'config'),
    XDG_DATA_HOME: path.join(tmpDir, 'data'),
    XDG_CACHE_HOME: path.join(tmpDir, 'cache'),
  });
  // code-server puts its vscode-ipc-<uuid>.sock files in TMPDIR: keep them in here too,
  // unless that makes a socket path longer than the 107 bytes Linux allows.
  if (path.join(tmpDir, 't').length + 53 <= 107) env.TMPDIR = path.join(tmpDir, 't');
  if (install.pathPrefix) env.PATH = `${install.pathPrefix}:${env.PATH || ''}`;
  Object.assign(env, extraEnv);
  const args = [
    install.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspace,
  ];
  const logFd = fs.openSync(logFile, 'a');
  // detached: the child calls setsid(), so it leads a new process group that stop() kills whole.
  const child = spawn(install.nodeBin, args, { cwd: tmpDir, env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const pgid = child.pid;
  // run.mjs ends groups listed here if this process dies without stopping them.
  const pidFile = process.env.OIDTRACE_E2E_PIDDIR ? path.join(process.env.OIDTRACE_E2E_PIDDIR, String(pgid)) : null;
  if (pidFile) fs.writeFileSync(pidFile, `${version} ${tmpDir}\n`);
  // If this process ends without stop() (a crash, a signal), end the group anyway.
  const forget = onExit(() => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    if (process.env.OIDTRACE_E2E_KEEP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true, maxRetries: 5 });
    if (pidFile) fs.rmSync(pidFile, { force: true });
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (groupAlive(pgid)) {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const deadline = Date.now() + 5000;
      while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pgid)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          /* gone */
        }
        const d2 = Date.now() + 3000;
        while (groupAlive(pgid) && Date.now() < d2) await sleep(50);
      }
    }
    forget();
    if (pidFile) fs.rmSync(pidFile, { force: true });
    try {
      fs.copyFileSync(logFile, path.join(outputDir(version), `${name}.log`));
    } catch {
      /* best effort */
    }
    if (process.env.OIDTRACE_E2E_KEEP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
  };

  const started = Date.now();
  for (;;) {
    if (exited) {
      const log = tail(logFile);
      await stop();
      throw new Error(`code-server ${version} exited (${JSON.stringify(exited)}) before /healthz answered. Log tail:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - started > timeout) {
      const log = tail(logFile);
      await stop();
      throw new Error(`Timed out after ${timeout} ms waiting for code-server ${version} to answer ${url}/healthz. Log tail:\n${log}`);
    }
    await sleep(100);
  }

  return {
    url,
    folderUrl: `${url}/?folder=${encodeURIComponent(workspace)}`,
    port,
    version,
    workspace,
    tmpDir,
    userDataDir,
    extensionsDir,
    extension,
    logFile,
    stop,
  };
}
