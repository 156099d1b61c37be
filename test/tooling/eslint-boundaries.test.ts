/**
 * The layer boundaries are checked by ESLint (eslint.config.mjs), not only
 * written down: a snippet that breaks one, linted as if it were the source of a
 * file in that layer, is an error of the rule that guards it. So the check
 * cannot quietly stop working (a glob that no longer matches, a rule turned off).
 *
 * The snippets take the place of real files' text (the type-aware rules need a
 * file of the TypeScript project); nothing is written.
 */
import { ESLint } from 'eslint';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../engine/helpers';

const ENGINE = 'src/engine/index.ts';
const ENGINE_SUBFOLDER = 'src/engine/rules/index.ts';
const WEBVIEW = 'src/webview/main.ts';
const EXTENSION = 'src/extension/extension.ts';

let eslint: ESLint;
beforeAll(() => {
  for (const f of [ENGINE, ENGINE_SUBFOLDER, WEBVIEW, EXTENSION]) expect(existsSync(join(ROOT, f)), `${f} exists`).toBe(true);
  eslint = new ESLint({ cwd: ROOT });
});

/** `rule-id: message` of each problem ESLint finds in `code` as the text of `file`. */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const ENGINE_OUTSIDE = 'src/engine imports nothing outside src/engine (it is used by the CLI, the extension and the webview alike).';
const NOT_VSCODE = 'Only src/extension and src/preview speak to VS Code.';
const NO_NODE = 'Node built-ins are not available here.';

describe('src/engine is pure', () => {
  it.each([
    [
      'vscode',
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      `@typescript-eslint/no-restricted-imports: 'vscode' import is restricted from being used. ${NOT_VSCODE}`,
    ],
    [
      'a type from vscode',
      "import type { Range } from 'vscode';\nexport type X = Range;\n",
      `@typescript-eslint/no-restricted-imports: 'vscode' import is restricted from being used. ${NOT_VSCODE}`,
    ],
    [
      'node:fs',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      `@typescript-eslint/no-restricted-imports: 'node:fs' import is restricted from being used by a pattern. ${NO_NODE}`,
    ],
    [
      'a bare built-in',
      "import { join } from 'path';\nexport const x = join;\n",
      `@typescript-eslint/no-restricted-imports: 'path' import is restricted from being used. ${NO_NODE}`,
    ],
    [
      "the CLI's errors",
      "import { UsageError } from '../node/errors';\nexport const x = UsageError;\n",
      `@typescript-eslint/no-restricted-imports: '../node/errors' import is restricted from being used by a pattern. ${ENGINE_OUTSIDE}`,
    ],
    [
      'a re-export of the extension',
      "export { activate } from '../extension/extension';\n",
      `@typescript-eslint/no-restricted-imports: '../extension/extension' import is restricted from being used by a pattern. ${ENGINE_OUTSIDE}`,
    ],
    [
      'a dynamic import',
      "export const load = () => import('vscode');\n",
      'no-restricted-syntax: No dynamic import here: the layer boundaries are checked on static imports.',
    ],
  ])('importing %s is an error', async (_what, code, message) => {
    expect(await problems(ENGINE, code)).toEqual([message]);
  });

  it('a file in a subfolder may import the engine, not what is beside it', async () => {
    expect(await problems(ENGINE_SUBFOLDER, "import type { Severity } from '../types';\nexport type X = Severity;\n")).toEqual([]);
    expect(await problems(ENGINE_SUBFOLDER, "import { readSettings } from '../../extension/config';\nexport const x = readSettings;\n")).toEqual([
      `@typescript-eslint/no-restricted-imports: '../../extension/config' import is restricted from being used by a pattern. ${ENGINE_OUTSIDE}`,
    ]);
  });
});

describe('src/webview runs in a browser frame', () => {
  it('imports neither vscode nor node', async () => {
    expect(await problems(WEBVIEW, "import * as vscode from 'vscode';\nexport const x = vscode;\n")).toEqual([
      `@typescript-eslint/no-restricted-imports: 'vscode' import is restricted from being used. ${NOT_VSCODE}`,
    ]);
    expect(await problems(WEBVIEW, "import { join } from 'node:path';\nexport const x = join;\n")).toEqual([
      `@typescript-eslint/no-restricted-imports: 'node:path' import is restricted from being used by a pattern. ${NO_NODE}`,
    ]);
  });

  it('may import the engine and the message protocol', async () => {
    expect(
      await problems(
        WEBVIEW,
        "import { episodeDiagram } from '../engine';\nimport { summarize } from '../preview/protocol';\nexport const x = [episodeDiagram, summarize];\n",
      ),
    ).toEqual([]);
  });
});

describe('the extension host', () => {
  it('a promise nobody waits for, even after `void`, is an error', async () => {
    expect(await problems(EXTENSION, 'export function later(p: Promise<void>): void {\n  void p;\n}\n')).toEqual([
      '@typescript-eslint/no-floating-promises: Promises must be awaited, end with a call to .catch, or end with a call to .then with a rejection handler.',
    ]);
  });
});
