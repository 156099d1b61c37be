// Temporary workspace folders for the tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onExit } from './cleanup.mjs';
import { REPO_ROOT } from './paths.mjs';

/**
 * Makes a fresh folder holding a copy of the repo's samples/ (as samples/, unless
 * `samples: false`) plus `files` ({ 'relative/path': 'content' }). Returns
 * { dir, cleanup() }. OIDTRACE_E2E_KEEP=1 keeps it.
 */
export function makeWorkspace({ samples = true, files = {}, prefix = 'oidtrace-e2e-ws-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const forget = onExit(() => {
    if (process.env.OIDTRACE_E2E_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
  });
  const src = path.join(REPO_ROOT, 'samples');
  if (samples && fs.existsSync(src)) fs.cpSync(src, path.join(dir, 'samples'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
  return {
    dir,
    cleanup() {
      forget();
      if (process.env.OIDTRACE_E2E_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Files in the workspace (relative paths) whose names end with `ext`. */
export function listFiles(dir, ext = '') {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(ext)) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
