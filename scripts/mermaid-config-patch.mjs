// The one change the build makes to a dependency: Mermaid's getConfig() copies its whole
// configuration on every call (a third of a sequence diagram's drawing time in the
// preview's profile); the bundle's getConfig calls src/webview/mermaid-config-copy.ts
// instead, which makes the same copy faster. The text replaced is matched exactly: when a
// Mermaid upgrade changes it, the build fails and says so, rather than silently dropping
// the change or patching something else.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** getConfig as Mermaid 11 writes it in its ESM build. */
export const ORIGINAL = 'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';

const COPY = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'webview', 'mermaid-config-copy.ts');

let found;

/** The file of Mermaid's ESM build (the one the preview bundles) that defines getConfig (looked up once: it reads every chunk). */
export function configChunk() {
  if (found) return found;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mermaid/package.json')), 'dist', 'chunks', 'mermaid.core');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => join(dir, f))
    .filter((f) => readFileSync(f, 'utf8').includes(ORIGINAL));
  if (files.length !== 1) throw new Error(`mermaid's getConfig was found in ${files.length} files of ${dir}, not 1: scripts/mermaid-config-patch.mjs needs a look`);
  found = files[0];
  return found;
}

/** The esbuild plugin: replaces getConfig in that one file, and fails the build if it did not. */
export function mermaidConfigPatch() {
  return {
    name: 'mermaid-config-patch',
    setup(build) {
      const target = configChunk();
      let patched = false;
      build.onLoad({ filter: /mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/][^\\/]+\.mjs$/ }, (args) => {
        if (args.path !== target) return undefined;
        const text = readFileSync(args.path, 'utf8');
        patched = true;
        const replaced = text.replace(
          ORIGINAL,
          'var getConfig = /* @__PURE__ */ __name(() => __oidtraceCopyConfig(currentConfig, assignWithDepth_default), "getConfig");',
        );
        // The import goes last (imports are hoisted): the chunk's lines keep their numbers for source maps.
        return { contents: `${replaced}\nimport { copyConfig as __oidtraceCopyConfig } from ${JSON.stringify(COPY)};\n`, loader: 'js', resolveDir: dirname(args.path) };
      });
      build.onEnd((result) => {
        if (!patched && result.errors.length === 0) throw new Error(`mermaid-config-patch: ${target} was not bundled; the preview would run Mermaid's slow getConfig`);
      });
    },
  };
}
