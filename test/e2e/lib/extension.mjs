// Gets the extension under test into an extensions folder as
// `<publisher>.<name>-<version>/`, the way code-server finds it at start.
//
// Where it comes from (first match wins):
//   OIDTRACE_E2E_EXTENSION=/dir   copy that folder (a stand-in or an unpacked build)
//   OIDTRACE_E2E_COPY=1           copy the repo's packaged files (no vsce)
//   OIDTRACE_E2E_VSIX=/x.vsix     unpack that VSIX (run.mjs builds one per run and sets this)
//   (default)                     build a VSIX from the repo with vsce, then unpack it
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { E2E_DIR, REPO_ROOT } from './paths.mjs';

/** What a VS Code extension ships, copied in OIDTRACE_E2E_COPY mode (missing ones are skipped). */
export const COPY_ENTRIES = [
  'package.json',
  'package.nls.json',
  'dist',
  'media',
  'syntaxes',
  'language-configuration.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'images',
];

/** Describes where the extension will come from, per the environment. */
export function extensionSource() {
  if (process.env.OIDTRACE_E2E_EXTENSION) {
    return { kind: 'copy', dir: path.resolve(process.env.OIDTRACE_E2E_EXTENSION), all: true };
  }
  if (process.env.OIDTRACE_E2E_COPY === '1') return { kind: 'copy', dir: REPO_ROOT, all: false };
  if (process.env.OIDTRACE_E2E_VSIX) return { kind: 'vsix', vsix: path.resolve(process.env.OIDTRACE_E2E_VSIX) };
  return { kind: 'build' };
}

function run(cmd, args, opts, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error || r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${what} failed (${r.error ? r.error.message : `exit ${r.status}`}): ${cmd} ${args.join(' ')}\n${out}`);
  }
  return r;
}

function vsceBin() {
  for (const root of [REPO_ROOT, path.resolve(E2E_DIR, '..', '..')]) {
    const bin = path.join(root, 'node_modules', '.bin', 'vsce');
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error(`vsce not found in ${REPO_ROOT}/node_modules/.bin: run \`npm ci\` in the repo (or set OIDTRACE_E2E_COPY=1)`);
}

/**
 * Builds the extension's VSIX into outDir (a fresh temp dir by default) and returns its path.
 * Runs `npm run build` first when the package has a build script but no vscode:prepublish
 * (vsce runs vscode:prepublish itself); OIDTRACE_E2E_NO_BUILD=1 skips that.
 */
export function buildVsix({ root = REPO_ROOT, outDir } = {}) {
  const started = Date.now();
  outDir = outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'oidtrace-e2e-vsix-'));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const scripts = manifest.scripts || {};
  if (!scripts['vscode:prepublish'] && scripts.build && process.env.OIDTRACE_E2E_NO_BUILD !== '1') {
    run('npm', ['run', 'build'], { cwd: root }, `Building the extension (npm run build in ${root})`);
  }
  const vsix = path.join(outDir, 'oidtrace.vsix');
  const args = ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix];
  // vsce globs the whole folder (it skips only the top node_modules): keep the e2e caches
  // (code-server installs, ~1 GB) and test output out even if .vscodeignore forgets them.
  // With a "files" list in package.json vsce already ships only those, and refuses an ignore file.
  if (!manifest.files) {
    const own = path.join(root, '.vscodeignore');
    const lines = [
      fs.existsSync(own) ? fs.readFileSync(own, 'utf8') : '',
      '# added by test/e2e/lib/extension.mjs',
      'test/e2e/.cache/**',
      'test/e2e/node_modules/**',
      'test/output/**',
      '**/node_modules/**',
    ];
    const ignoreFile = path.join(outDir, 'vscodeignore');
    fs.writeFileSync(ignoreFile, lines.join('\n') + '\n');
    args.push('--ignoreFile', ignoreFile);
  }
  run(vsceBin(), args, { cwd: root, env: { ...process.env, npm_config_update_notifier: 'false' } }, 'vsce package');
  if (!fs.existsSync(vsix)) throw new Error(`vsce package reported success but ${vsix} is missing`);
  const mb = fs.statSync(vsix).size / 1e6;
  if (process.env.OIDTRACE_E2E_QUIET !== '1') {
    console.error(`[e2e] built ${vsix} (${mb.toFixed(2)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return vsix;
}

let builtVsix;
/** The VSIX for this process: $OIDTRACE_E2E_VSIX or one built once on first use. */
function vsixForThisProcess() {
  if (!builtVsix) builtVsix = buildVsix();
  return builtVsix;
}

function hasUnzip() {
  return spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** Extracts the entries of a zip whose names start with `prefix` into destDir, in pure JS. */
export function unzipPrefix(zipFile, prefix, destDir) {
  const buf = fs.readFileSync(zipFile);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipFile} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipFile}: bad central directory entry`);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!name.startsWith(prefix) || name.endsWith('/')) continue;
    const rel = name.slice(prefix.length);
    const out = path.resolve(destDir, rel);
    if (!out.startsWith(path.resolve(destDir) + path.sep)) throw new Error(`${zipFile}: unsafe path ${name}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + csize);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (method === 0) fs.writeFileSync(out, data);
    else if (method === 8) fs.writeFileSync(out, zlib.inflateRawSync(data));
    else throw new Error(`${zipFile}: ${name} uses unsupported zip method ${method}`);
  }
}

/** Unpacks a VSIX's extension/ folder into destDir (Debian unzip if present, else pure JS). */
export function unpackVsix(vsix, destDir) {
  const tmp = fs.mkdtempSync(path.join(path.dirname(destDir), '.unpack-'));
  try {
    if (hasUnzip()) {
      run('unzip', ['-q', '-o', vsix, 'extension/*', '-d', tmp], {}, `Unpacking ${vsix}`);
      fs.renameSync(path.join(tmp, 'extension'), destDir);
    } else {
      unzipPrefix(vsix, 'extension/', destDir);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Puts the extension into extensionsDir as <publisher>.<name>-<version>/ and returns
 * { dir, id, version, source }. `from` overrides the environment: a folder to copy
 * whole, or a .vsix file.
 */
export function installExtension(extensionsDir, { from } = {}) {
  fs.mkdirSync(extensionsDir, { recursive: true });
  let source = extensionSource();
  if (from) {
    source = from.endsWith('.vsix') ? { kind: 'vsix', vsix: path.resolve(from) } : { kind: 'copy', dir: path.resolve(from), all: true };
  }
  const staging = path.join(extensionsDir, '.staging');
  fs.rmSync(staging, { recursive: true, force: true });
  if (source.kind === 'copy') {
    if (!fs.existsSync(path.join(source.dir, 'package.json'))) {
      throw new Error(`No package.json in the extension folder ${source.dir}`);
    }
    const entries = source.all ? fs.readdirSync(source.dir).filter((e) => !['node_modules', '.git', 'test', '.cache'].includes(e) && !e.endsWith('.vsix')) : COPY_ENTRIES;
    fs.mkdirSync(staging);
    for (const e of entries) {
      const src = path.join(source.dir, e);
      if (fs.existsSync(src)) fs.cpSync(src, path.join(staging, e), { recursive: true });
    }
  } else {
    const vsix = source.kind === 'vsix' ? source.vsix : vsixForThisProcess();
    if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
    unpackVsix(vsix, staging);
    source = { kind: 'vsix', vsix };
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  const dir = path.join(extensionsDir, `${id}-${manifest.version}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  return { dir, id, version: manifest.version, source };
}
