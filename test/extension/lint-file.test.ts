/** "Lint File…" reads a file of any file system through VS Code (a virtual workspace has no local path). */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { analyzeFileFromDisk } from '../../src/extension/lint-commands';
import { sample } from '../engine/helpers';
import { Uri, workspace } from './vscode-stub';

describe('Lint File… in a virtual workspace', () => {
  it('reads the file through workspace.fs, not from the local disk', async () => {
    const text = new TextEncoder().encode(sample('oid-failed-and-pending.oidtrace'));
    const uri = Uri.from({ scheme: 'vscode-vfs', path: '/github/contoso/traces/oid-failed-and-pending.oidtrace' });
    const files = new Map([[uri.toString(), text]]);
    workspace.fs.files = files;
    const result = await analyzeFileFromDisk(uri as unknown as vscode.Uri);
    expect(result?.diagnostics.map((d) => `${d.span.line} ${d.rule}`).sort()).toEqual(['8 oid-failed', '9 oid-pending', '9 teardown-missing-step']);
  });
});
