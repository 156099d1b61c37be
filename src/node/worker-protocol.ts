/**
 * Messages between the extension host and its analysis worker
 * (src/node/analysis-worker.ts). Plain data: they cross a thread boundary by
 * structured clone, so no functions and no class instances.
 */
import type { AnalysisResult, AnalyzeOptions, PatternReading, PatternSpec } from '../engine';

/** One change of a document's text, as VS Code reports it: replace `length` characters at `offset` with `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** What a document's text is, so that the worker can hold it. */
export type ToWorker =
  /** The whole text of a version (a document edited before it was shown to the worker, or not on disk). */
  | { type: 'set'; uri: string; version: number; text: string }
  /** The text is the file's on disk (a document not edited since it was opened): the worker reads it itself. */
  | { type: 'load'; uri: string; version: number; path: string }
  /** Changes, applied in order, that take the held version `from` to `version`. */
  | { type: 'edit'; uri: string; from: number; version: number; changes: TextChange[] }
  | { type: 'close'; uri: string }
  /** Analyse the held text; `options` without callbacks (`onEvent` cannot cross threads). */
  | { type: 'analyze'; id: number; uri: string; options: Omit<AnalyzeOptions, 'onEvent'> }
  /** What a line pattern being taught reads in the held text (readWithPattern). */
  | { type: 'pattern'; id: number; uri: string; spec: PatternSpec; fileName?: string }
  /** No more patterns on this text for now: the lines split for them go. */
  | { type: 'end-patterns'; uri: string };

export type FromWorker =
  | {
      type: 'result';
      id: number;
      uri: string;
      /** The version analysed (the one held when the request arrived). */
      version: number;
      /** The text's length in UTF-16 code units, to check that a text read from disk is the editor's. */
      length: number;
      /** Milliseconds the analysis took in the worker. */
      ms: number;
      result: AnalysisResult;
    }
  | { type: 'pattern'; id: number; uri: string; reading: PatternReading }
  /** The worker holds no text for the document (never sent, dropped after an edit that did not fit, or unreadable on disk). */
  | { type: 'missing'; id: number; uri: string }
  | { type: 'failed'; id: number; uri: string; message: string };
