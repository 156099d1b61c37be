/** "Export Diagrams as Markdown" exports the trace the user is looking at. */
import { describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { traceToExport } from '../../src/extension/export-target';
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
