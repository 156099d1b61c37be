/**
 * In the editor, a trace OID Trace could not read never looks clean: the
 * language status item says how little it read, one Information diagnostic
 * (`not-read`) sits on the first line it should have read, and its quick fix
 * opens the README's "Your own format". A trace read whole shows none of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { OWN_FORMAT_DOCS } from '../../src/engine';
import { AnalysisCache } from '../../src/extension/analysis-cache';
import { RuleCodeActionProvider } from '../../src/extension/code-actions';
import { diagnosticsOf } from '../../src/extension/not-read';
import { TraceStatusItem } from '../../src/extension/status-item';
import { ROOT, sample } from '../engine/helpers';
import { DiagnosticSeverity, languageStatusItems, LanguageStatusSeverity, Range, StubDocument, Uri, window } from './vscode-stub';

const FIRMWARE = [
  '2026-11-21 10:41:07.100 fw0 boot complete',
  '2026-11-21 10:41:07.110 fw0 REQ  SRIOV_RESET_VF vf=2',
  '2026-11-21 10:41:07.152 fw0 CMPL SRIOV_RESET_VF vf=2 st=SUCCESS',
  '2026-11-21 10:41:07.160 fw0 link up',
].join('\n');

const doc = (d: StubDocument) => d as unknown as vscode.TextDocument;
const uri = (d: StubDocument) => Uri.file(d.uri.path) as unknown as vscode.Uri;
const noContext = { diagnostics: [], triggerKind: 1, only: undefined } as unknown as vscode.CodeActionContext;
const at = (line: number, character = 0) => new Range(line, character, line, character) as unknown as vscode.Range;

let cache: AnalysisCache;
afterEach(() => cache?.dispose());

describe('the not-read diagnostic', () => {
  it('one Information diagnostic on the first line that mentions a VF, with the counts in its message', () => {
    const d = new StubDocument('/w/fw.log', FIRMWARE);
    cache = new AnalysisCache();
    const shown = diagnosticsOf(uri(d), cache.get(doc(d))!.result);
    expect(shown).toHaveLength(1);
    const [diagnostic] = shown as unknown as Array<{ range: Range; message: string; severity: DiagnosticSeverity; source: string; code: { value: string; target: Uri } }>;
    expect(diagnostic!.severity).toBe(DiagnosticSeverity.Information);
    expect(diagnostic!.source).toBe('oidtrace');
    expect(diagnostic!.code.value).toBe('not-read');
    expect(diagnostic!.code.target.toString()).toBe(`file://${OWN_FORMAT_DOCS}`);
    expect(diagnostic!.range).toEqual(new Range(1, 0, 1, 52));
    expect(diagnostic!.message).toBe('This line and 1 other mention a VF but are in no format OID Trace reads (0 OID or VF events in 4 lines)');
  });

  it("none on a trace read whole: only the rules' findings", () => {
    for (const name of ['host-servicing.log', 'teardown-order.oidtrace', 'guest-boot.log']) {
      const d = new StubDocument(`/w/${name}`, sample(name));
      cache = new AnalysisCache();
      const analysis = cache.get(doc(d))!;
      const shown = diagnosticsOf(uri(d), analysis.result) as unknown as Array<{ code: { value: string } }>;
      expect(shown.map((x) => x.code.value)).toEqual(analysis.result.diagnostics.map((x) => x.rule));
    }
  });

  it('its quick fixes open the documentation of your own format and teach it; no "Disable" fix, which would do nothing', () => {
    const d = new StubDocument('/w/fw.log', FIRMWARE);
    cache = new AnalysisCache();
    const provider = new RuleCodeActionProvider(cache);
    const actions = provider.provideCodeActions(doc(d), at(1, 5), noContext);
    expect(actions.map((a) => [a.title, a.command])).toEqual([
      ['Learn how to read your own format', { command: 'vscode.open', title: 'Learn how to read your own format', arguments: [Uri.parse(OWN_FORMAT_DOCS)] }],
      ['Teach OID Trace this line format…', { command: 'oidtrace.teachFormat', title: 'Teach OID Trace this line format…', arguments: [d.uri] }],
    ]);
    expect(provider.provideCodeActions(doc(d), at(0, 5), noContext)).toEqual([]);
  });
});

describe('the language status item', () => {
  const show = (path: string, text: string) => {
    const d = new StubDocument(path, text);
    window.activeTextEditor = { document: d };
    cache = new AnalysisCache();
    const item = new TraceStatusItem(cache);
    const shown = languageStatusItems[languageStatusItems.length - 1]!;
    item.dispose();
    window.activeTextEditor = undefined;
    return shown;
  };

  it('"OID Trace: 0 events read", a warning, the sentence, and a link to your own format', () => {
    const item = show('/w/fw.log', FIRMWARE);
    expect(item.text).toBe('OID Trace: 0 events read');
    expect(item.severity).toBe(LanguageStatusSeverity.Warning);
    expect(item.detail).toMatch(/^0 OID or VF events in 4 lines; 2 lines, like 2 and 3, mention a VF but are in no format OID Trace reads; analysed in \d+\.\d ms$/);
    expect(item.command).toEqual({ command: 'vscode.open', title: 'Learn how to read your own format', arguments: [Uri.parse(OWN_FORMAT_DOCS)] });
  });

  it('a format read only here and there: the events and the lines not read', () => {
    const item = show('/w/teardown.fwlog', sample('custom/teardown.fwlog'));
    expect(item.text).toBe('OID Trace: 2 events read · 7 lines not read');
  });

  it('a trace read whole: events and problems, as always', () => {
    const item = show('/w/host-servicing.log', sample('host-servicing.log'));
    expect([item.text, item.severity, item.command?.command]).toEqual(['8 OID events · 1 problem', LanguageStatusSeverity.Error, 'oidtrace.showPreviewToSide']);
  });
});

describe('where "Learn how to read your own format" leads', () => {
  it('the README\'s "Your own format" on the repository homepage', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string };
    expect(OWN_FORMAT_DOCS).toBe(pkg.homepage.replace(/#.*$/, '') + '#your-own-format');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/^#{2,3} Your own format$/m);
  });
});
