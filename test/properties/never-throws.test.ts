/**
 * The analysis never throws, whatever it is given: any string (ASCII, any code
 * point, lone surrogates, control characters), text made of trace words and
 * junk, any bytes decoded the way the CLI decodes them. Every position it
 * reports is inside the text, and the streaming form says what the
 * whole-string form says however the text is cut into chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, decodeText, type AnalyzeOptions } from '../../src/engine';
import { anyText, SEED, traceLikeText } from './arbitraries';
import { checkPositions, checkStreamEqualsWhole } from './invariants';

/** Each dialect, chosen by file name or sniffed. */
const asFile = fc.constantFrom<AnalyzeOptions>({ fileName: 'x.oidtrace' }, { fileName: 'x.log' }, {});

describe('analyze never throws', () => {
  it('on any string, with every position inside the text', () => {
    fc.assert(
      fc.property(anyText, asFile, (text, options) => {
        expect(checkPositions(text, analyze(text, options))).toEqual([]);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it('on trace words mixed with junk, as either dialect', () => {
    fc.assert(
      fc.property(traceLikeText, asFile, (text, options) => {
        expect(checkPositions(text, analyze(text, options))).toEqual([]);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it('on any bytes decoded as the CLI decodes them (BOMs and UTF-16 included)', () => {
    const prefix = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 400 }), asFile, (bom, bytes, options) => {
        const text = decodeText(new Uint8Array([...bom, ...bytes]));
        expect(checkPositions(text, analyze(text, options))).toEqual([]);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});

describe('analyzeStream equals analyze', () => {
  it('for any text cut into chunks anywhere (between \\r and \\n, inside surrogate pairs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(traceLikeText, anyText), fc.array(fc.nat(), { maxLength: 8 }), asFile, async (text, cuts, options) => {
        expect(await checkStreamEqualsWhole(text, cuts, options)).toEqual([]);
      }),
      { numRuns: 600, seed: SEED },
    );
  });
});
