/** Outline (one symbol per episode, its steps as children), folding per episode, and completion <-> request navigation. */
import * as vscode from 'vscode';
import { catalog, type AnalysisResult, type TraceEvent } from '../engine';
import { eventAt, type Analysis, type AnalysisCache } from './analysis-cache';
import { toRange } from './convert';

function lineRange(document: vscode.TextDocument, first: number, last: number): vscode.Range {
  const end = Math.min(last, document.lineCount) - 1;
  return new vscode.Range(first - 1, 0, end, document.lineAt(end).text.length);
}

function eventName(ev: TraceEvent): string {
  const what = ev.oid ? catalog.shortOidName(ev.oid) : ev.verb;
  return `${ev.step ? ev.step + ' ' : ''}${what}`;
}

export class EpisodeSymbolProvider implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider {
  constructor(private readonly cache: AnalysisCache) {}

  /**
   * The outline of each analysis, made once: VS Code asks again after every edit (outline,
   * breadcrumbs, sticky scroll), and while a big trace is re-analysed the analysis is the same.
   */
  private readonly made = new WeakMap<Analysis, { symbols: vscode.DocumentSymbol[]; lineCount: number }>();

  /**
   * VS Code asks once per edit and never again when a big trace's analysis arrives later:
   * the answer waits for the analysis of the text as it is now (an older one only when the
   * text moved on meanwhile, and VS Code then asks again).
   */
  async provideDocumentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const analysis = (await this.cache.ensure(document)) ?? this.cache.get(document);
    if (!analysis) return [];
    const made = this.made.get(analysis);
    // Reused while every line it points at is still there (its ranges were cut to the document).
    if (made && made.lineCount <= document.lineCount) return made.symbols;
    const symbols = this.symbols(document, analysis.result);
    this.made.set(analysis, { symbols, lineCount: document.lineCount });
    return symbols;
  }

  private symbols(document: vscode.TextDocument, result: AnalysisResult): vscode.DocumentSymbol[] {
    const symbols: vscode.DocumentSymbol[] = [];
    for (const episode of result.episodes) {
      if (episode.firstLine > document.lineCount) continue;
      const problems = episode.problems === 1 ? '1 problem' : `${episode.problems} problems`;
      const range = lineRange(document, episode.firstLine, episode.lastLine);
      const symbol = new vscode.DocumentSymbol(
        `${episode.title} (${problems})`,
        `lines ${episode.firstLine}–${episode.lastLine}`,
        episode.kind === 'switch' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Event,
        range,
        new vscode.Range(episode.firstLine - 1, 0, episode.firstLine - 1, 0),
      );
      for (const index of episode.events) {
        const ev = result.events[index];
        if (!ev || ev.kind === 'completion' || ev.line > document.lineCount) continue;
        // While a big trace's analysis is of an earlier version, its span may not fit the line
        // there now; VS Code rejects a symbol whose selection is outside its range.
        const line = document.lineAt(ev.line - 1).range;
        const child = new vscode.DocumentSymbol(
          eventName(ev),
          `line ${ev.line}`,
          ev.kind === 'lifecycle' ? vscode.SymbolKind.Event : vscode.SymbolKind.Method,
          line,
          line.intersection(toRange(ev.span)) ?? new vscode.Range(line.start, line.start),
        );
        symbol.children.push(child);
      }
      symbols.push(symbol);
    }
    return symbols;
  }

  async provideFoldingRanges(document: vscode.TextDocument): Promise<vscode.FoldingRange[]> {
    const result = ((await this.cache.ensure(document)) ?? this.cache.get(document))?.result;
    if (!result) return [];
    return result.episodes
      .filter((e) => e.lastLine > e.firstLine && e.lastLine <= document.lineCount)
      .map((e) => new vscode.FoldingRange(e.firstLine - 1, e.lastLine - 1, vscode.FoldingRangeKind.Region));
  }
}

/** Go to Definition from a completion to its request and from a request to its completion. */
export class PairDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly cache: AnalysisCache) {}

  /** From the analysis of the text as it is now: an earlier version's positions would send the cursor to the wrong line. */
  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const analysis = await this.cache.ensure(document);
    if (analysis?.version !== document.version) return undefined;
    const ev = eventAt(analysis, position);
    if (!ev || ev.pair === undefined) return undefined;
    const other = analysis.result.events[ev.pair];
    return other ? new vscode.Location(document.uri, toRange(other.span)) : undefined;
  }
}
