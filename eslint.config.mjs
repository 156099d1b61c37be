// @ts-check
// ESLint: the boundaries between the layers, checked (the engine and the webview
// import neither VS Code nor Node), and the type-aware rules that find real bugs
// (a promise nobody waits for, a promise where a boolean or a void callback goes).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, bare (`fs`) and prefixed (`node:fs`, `node:test`). */
const nodeBuiltins = {
  paths: builtinModules.filter((name) => !name.startsWith('node:')).map((name) => ({ name, message: 'Node built-ins are not available here.' })),
  patterns: [{ group: ['node:*'], message: 'Node built-ins are not available here.' }],
};
const vscode = { name: 'vscode', message: 'Only src/extension and src/preview speak to VS Code.' };

/**
 * The engine is pure: no VS Code, no Node, nothing outside src/engine. A file
 * `depth` folders below src/engine reaches outside with depth + 1 `../`.
 */
const engineImports = (depth) => ({
  paths: [vscode, ...nodeBuiltins.paths],
  patterns: [
    ...nodeBuiltins.patterns,
    { regex: `^(\\.\\./){${depth + 1},}`, message: 'src/engine imports nothing outside src/engine (it is used by the CLI, the extension and the webview alike).' },
  ],
});

/** No way in around the import rules: `import()`, `require()`, `typeof import()`. */
const noHiddenImports = [
  { selector: 'ImportExpression', message: 'No dynamic import here: the layer boundaries are checked on static imports.' },
  { selector: "CallExpression[callee.name='require']", message: 'No require() here: the layer boundaries are checked on static imports.' },
  { selector: 'TSImportType', message: 'No import() type here: the layer boundaries are checked on static imports.' },
];

export default defineConfig([
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'media/**',
      'bench/out/**',
      'test/output/**',
      'test/e2e/node_modules/**',
      'test/e2e/.cache/**',
      'test/e2e/servers/**',
      '**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Type-aware: the checks that need the types (floating promises and the like).
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // TypeScript checks names and the compiler's noUnused* options check unused ones.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // The core rule misses `import x = require()`; this one covers it and `import type`.
      'no-restricted-imports': 'off',
    },
  },
  {
    // The extension host, the CLI: `void promise` is no answer to a rejection there (the
    // host logs it against the extension and whatever the promise was doing is left
    // half done). A promise nobody awaits says what happens when it fails.
    files: ['src/extension/**/*.ts', 'src/preview/**/*.ts', 'src/cli/**/*.ts', 'src/node/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }] },
  },
  {
    // Tests read JSON output (any by nature) and feed the engine from async generators
    // that need no await: the unsafe-any and require-await rules would only be noise there.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Functions handed to the browser (page.evaluate) run there.
    files: ['test/e2e/**/*.mjs', 'bench/editor-reliability.mjs', 'bench/preview-vscode.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.d.{ts,mts}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/engine/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', engineImports(0)] },
  },
  {
    files: ['src/engine/*/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', engineImports(1)] },
  },
  {
    files: ['src/engine/*/*/**/*.ts'],
    // Deeper folders: any `../../` would need the exact depth; two levels is the deepest today.
    rules: { '@typescript-eslint/no-restricted-imports': ['error', engineImports(2)] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noHiddenImports] },
  },
  {
    // The webview runs in a browser frame: no VS Code module, no Node.
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscode, ...nodeBuiltins.paths], patterns: nodeBuiltins.patterns }],
      'no-restricted-syntax': ['error', ...noHiddenImports],
    },
  },
]);
