/** Exports: which trace is exported, where the save dialog starts, and never over a trace. */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { defaultExportUri, overwritesTrace, traceToExport } from '../../src/extension/export-target';
import { Uri } from './vscode-stub';

const a = Uri.file('/w/teardown-order.oidtrace') as unknown as vscode.Uri;
const b = Uri.file('/w/setup-clean.oidtrace') as unknown as vscode.Uri;

describe('the trace Export as Markdown exports', () => {
  it("is the active editor's when a locked preview of another trace is open but not active", () => {
    expect(traceToExport({ resource: a, panel: { active: false } }, b)?.toString()).toBe(b.toString());
  });
  it("is the preview's when the preview is the active panel", () => {
    expect(traceToExport({ resource: a, panel: { active: true } }, b)?.toString()).toBe(a.toString());
  });
  it("is a preview's trace when no trace editor is active", () => {
    expect(traceToExport({ resource: a, panel: { active: false } }, undefined)?.toString()).toBe(a.toString());
  });
});

describe('where an export is proposed', () => {
  const folder = Uri.file('/w') as unknown as vscode.Uri;
  const trace = Uri.file('/w/traces/2026-11/teardown-order.oidtrace') as unknown as vscode.Uri;
  const at = (u: vscode.Uri | undefined) => u?.toString();

  it("is the trace's workspace folder, under the trace's name", () => {
    expect(at(defaultExportUri(trace, folder, folder, '.svg'))).toBe('file:///w/teardown-order.svg');
    expect(at(defaultExportUri(trace, folder, folder, '.diagrams.md'))).toBe('file:///w/teardown-order.diagrams.md');
  });
  it('is next to the trace when the trace is in no workspace folder', () => {
    const outside = Uri.file('/tmp/dumps/host.log') as unknown as vscode.Uri;
    expect(at(defaultExportUri(outside, undefined, folder, '.svg'))).toBe('file:///tmp/dumps/host.svg');
  });
  it("is the correlation's host trace's name, without the pair in the query", () => {
    const pair = Uri.file('/w/host.log').with({ query: 'oidtrace-correlate=file%3A%2F%2F%2Fw%2Fdmesg.txt' }) as unknown as vscode.Uri;
    expect(at(defaultExportUri(pair, folder, folder, '.svg'))).toBe('file:///w/host.svg');
  });
  it('is the first workspace folder for an untitled trace, and left to the dialog without one', () => {
    const untitled = Uri.from({ scheme: 'untitled', path: 'Untitled-1' }) as unknown as vscode.Uri;
    expect(at(defaultExportUri(untitled, undefined, folder, '.svg'))).toBe('file:///w/Untitled-1.svg');
    expect(defaultExportUri(untitled, undefined, undefined, '.svg')).toBeUndefined();
  });
});

describe('an export never writes over a trace', () => {
  const trace = Uri.file('/w/host.log') as unknown as vscode.Uri;
  it('refuses the trace itself and accepts any other file', () => {
    expect(overwritesTrace(Uri.file('/w/host.log') as unknown as vscode.Uri, trace)).toBe(true);
    expect(overwritesTrace(Uri.file('/w/host.svg') as unknown as vscode.Uri, trace)).toBe(false);
  });
  it("refuses either file of a correlation: the host's and the guest's", () => {
    const pair = Uri.file('/w/host.log').with({ query: 'oidtrace-correlate=file%3A%2F%2F%2Fw%2Fdmesg.txt&offset=5' }) as unknown as vscode.Uri;
    expect(overwritesTrace(Uri.file('/w/host.log') as unknown as vscode.Uri, pair)).toBe(true);
    expect(overwritesTrace(Uri.file('/w/dmesg.txt') as unknown as vscode.Uri, pair)).toBe(true);
    expect(overwritesTrace(Uri.file('/w/pair.svg') as unknown as vscode.Uri, pair)).toBe(false);
  });
});
