#!/usr/bin/env node
// `npm test`: every test of the project, in one command.
//   system packages for the browser tests (Chromium, ripgrep) and the local VS Code
//   (code-server) the end-to-end tests drive — installed offline, skipped when present;
//   the build; strict type checking; ESLint (the layers' import boundaries, promises nobody
//   waits for); Prettier's check of the formatting; vitest (engine, CLI, preview in headless Chromium,
//   README); the TextMate grammar tests; the end-to-end tests in a real VS Code.
// Prints a closing line `N passed, N failed` and exits non-zero when anything failed.
// OIDTRACE_SKIP_E2E=1 leaves out the end-to-end tests (for a quick local run).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'output');
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const failures = [];

function run(title, cmd, args, { env = {}, count } = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: count ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (count) process.stdout.write(r.stdout ?? '');
  const ok = r.status === 0;
  const counted = count ? count(r.stdout ?? '') : undefined;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  } else if (ok) passed++;
  else failed++;
  if (!ok) failures.push(title);
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const withE2e = process.env.OIDTRACE_SKIP_E2E !== '1';
run('system packages and code-server', 'bash', [join(root, 'scripts', 'e2e-install.sh')], {
  env: withE2e ? {} : { OIDTRACE_E2E_VERSIONS: '' },
});
run('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);
run('typecheck', bin('tsc'), ['-p', '.', '--noEmit']);
run('lint', bin('eslint'), ['.']);
run('format', bin('prettier'), ['--check', '.']);
/** What failed in vitest's JSON report, a line each (a file whose hook or import failed counts too). */
const vitestFailures = [];
run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${join(out, 'vitest.json')}`], {
  count: () => {
    try {
      const r = JSON.parse(readFileSync(join(out, 'vitest.json'), 'utf8'));
      for (const file of r.testResults ?? []) {
        if (file.status !== 'failed') continue;
        const name = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
        const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
        for (const t of tests) vitestFailures.push(`${name}: ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
        if (!tests.length) vitestFailures.push(`${name}: ${firstLine(file.message) || 'the file failed outside its tests (a hook or its import)'}`);
      }
      return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numTotalTestSuites && !r.success && r.numFailedTests === 0 ? 1 : 0) };
    } catch {
      return { passed: 0, failed: 1 };
    }
  },
});
run('grammar', bin('vscode-tmgrammar-test'), ['test/grammar/**/*.test.*'], {
  count: (stdout) => {
    const files = (stdout.match(/^✓/gm) ?? []).length;
    const bad = (stdout.match(/^✖|^✗/gm) ?? []).length;
    return files + bad > 0 ? { passed: files, failed: bad } : undefined;
  },
});
if (withE2e) {
  run('end-to-end (code-server)', process.execPath, [join(root, 'test', 'e2e', 'run.mjs')], {
    count: (stdout) => {
      const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(stdout);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
    },
  });
}

console.log(`\n${failures.length ? `failed: ${failures.join(', ')}` : 'all test groups passed'}`);
for (const line of vitestFailures) console.log(`  vitest: ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .find((l) => l.trim()) ?? ''
  );
}
