import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The extension's document-level modules (analysis cache, host stats) are tested outside
  // VS Code against a stand-in for the few `vscode` APIs they use.
  resolve: { alias: { vscode: fileURLToPath(new URL('./test/extension/vscode-stub.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30000,
    // Hooks start Chromium, import Mermaid's chunks or stop worker threads: on a loaded
    // two-core machine that takes longer than vitest's 10 s default, and a hook that times
    // out fails its file though every test in it passed.
    hookTimeout: 60000,
  },
});
