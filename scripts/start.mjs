#!/usr/bin/env node
// `npm start`: the way to try OID Trace without installing anything.
//  1. lints the bundled samples with the oidtrace CLI (the main job, in the terminal);
//  2. starts a local VS Code (code-server, installed offline from the npm registry on first
//     use) with the extension installed and the samples folder open, and prints its URL.
// Ctrl+C stops it. `--no-editor` does only step 1.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');
const files = readdirSync(samples)
  .filter((f) => /\.(oidtrace|log|txt)$/.test(f))
  .sort()
  .map((f) => join('samples', f));

console.log(`OID Trace: linting ${files.length} bundled sample traces\n`);
const lint = spawnSync(process.execPath, [join(root, 'bin', 'oidtrace.js'), 'lint', ...files], { cwd: root, stdio: 'inherit' });
if (lint.status === 2) process.exit(2);
console.log('\n(each sample but the clean ones breaks one rule on purpose; `oidtrace diagram FILE` draws them)\n');
if (process.argv.includes('--no-editor')) process.exit(0);

const version = process.env.OIDTRACE_VSCODE_VERSION ?? '4.100.3';
console.log(`OID Trace: preparing a local VS Code (code-server ${version}) …`);
const install = spawnSync('bash', [join(root, 'scripts', 'e2e-install.sh')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, OIDTRACE_E2E_VERSIONS: version },
});
if (install.status !== 0) {
  console.error('OID Trace: could not install code-server; see the lines above.');
  process.exit(2);
}

process.env.OIDTRACE_E2E_COPY = '1';
const { startCodeServer } = await import('../test/e2e/lib/server.mjs');
const server = await startCodeServer({ version, workspace: samples, name: 'npm-start', timeout: 60000 });
const url = `${server.url}/?folder=${encodeURIComponent(samples)}`;
console.log(
  `\nOID Trace is running in VS Code ${version.replace(/^4\./, '1.')} at:\n\n    ${url}\n\nOpen it in a browser, pick a sample, and press the diagram button in the editor title.`,
);
console.log('Press Ctrl+C to stop.');
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
