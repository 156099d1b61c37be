/**
 * "Lint All Trace Files in the Workspace" checks the files the command line
 * checks in the same folder, and leaves the problems of open, edited traces to
 * the editor (they are of the text as edited, not as saved).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { analyze, type AnalysisResult } from '../../src/engine';
import { lintWorkspace } from '../../src/extension/lint-commands';
import { SAMPLES_DIR } from '../engine/helpers';
import { main } from '../../src/cli/main';
import { messages, Uri, workspace } from './vscode-stub';

function fakeCollection() {
  const set = new Map<string, number>();
  return { set: (uri: Uri, d: unknown[]) => set.set(uri.toString(), d.length), delete: (uri: Uri) => set.delete(uri.toString()), entries: set };
}

function putSamples(): string[] {
  workspace.fs.files.clear();
  const names = readdirSync(SAMPLES_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(SAMPLES_DIR.length).replace(/^\//, ''));
  for (const n of names) workspace.fs.files.set(Uri.file(`/w/${n}`).toString(), readFileSync(join(SAMPLES_DIR, n)));
  return names;
}

async function cli(args: string[]): Promise<string> {
  let out = '';
  await main(args, { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream, { write: () => true } as unknown as NodeJS.WritableStream);
  return out;
}

describe('Lint All Trace Files in the Workspace', () => {
  it('checks the files and finds the problems the command line does in the samples', async () => {
    putSamples();
    const collection = fakeCollection();
    await lintWorkspace(collection as unknown as vscode.DiagnosticCollection, async () => undefined);
    const cliOut = await cli(['lint', '--format', 'json', SAMPLES_DIR]);
    const files = (JSON.parse(cliOut) as { files: Array<{ path: string; diagnostics: unknown[] }> }).files;
    const cliProblems = files.reduce((n, f) => n + f.diagnostics.length, 0);
    expect(messages.at(-1)).toBe(`OID Trace: ${files.length} trace files, ${cliProblems} problems.`);
    expect([...collection.entries.keys()].map((k) => k.replace('file:///w/', '')).sort()).toEqual(
      files.map((f) => f.path.slice(SAMPLES_DIR.length).replace(/^\//, '')).sort(),
    );
    expect(files.length).toBe(24);
  });

  it("leaves an open trace's problems to the editor, from its text as edited", async () => {
    workspace.fs.files.clear();
    const saved = readFileSync(join(SAMPLES_DIR, 'oid-failed-and-pending.oidtrace'), 'utf8');
    const uri = Uri.file('/w/edited.oidtrace');
    workspace.fs.files.set(uri.toString(), new TextEncoder().encode(saved));
    // Edited in the editor (not saved): the failure is gone.
    const edited: AnalysisResult = analyze(saved.replace('0xC0000001', 'NDIS_STATUS_SUCCESS'), { fileName: 'edited.oidtrace' });
    const collection = fakeCollection();
    await lintWorkspace(collection as unknown as vscode.DiagnosticCollection, async (u) => (u.toString() === uri.toString() ? edited : undefined));
    expect(collection.entries.has(uri.toString())).toBe(false);
    expect(edited.diagnostics.length).toBe(1);
    expect(messages.at(-1)).toBe('OID Trace: 1 trace file, 1 problem.');
  });
});
