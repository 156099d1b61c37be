/**
 * Line breaks cut anywhere: \r\n, a lone \r and \n split across the chunks of
 * analyzeStream give the lines analyze gives, which are the lines VS Code shows.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { analyze, analyzeStream } from '../../src/engine';
import { SEED } from './arbitraries';
import { chunked } from './invariants';

const piece = fc.constantFrom(
  '\r',
  '\n',
  '\r\n',
  'x',
  ' ',
  '\uFEFF',
  'VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2',
  'MlxSetInformation: Unknown OID 00010244 VPortId 3 VFId=2',
);

it('analyzeStream counts the lines and places the events as analyze and VS Code do, however the text is cut', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), fc.constantFrom('x.oidtrace', 'x.log'), async (parts, cuts, fileName) => {
      const text = parts.join('');
      const whole = analyze(text, { fileName });
      const streamed = await analyzeStream(chunked(text, cuts), { fileName });
      // VS Code: \r\n, \r and \n each end a line (a BOM at the very start is no character of line 1).
      expect(whole.lines).toBe(text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length);
      expect(streamed.lines).toBe(whole.lines);
      expect(streamed.events.map((e) => `${e.line}:${e.span.column}`)).toEqual(whole.events.map((e) => `${e.line}:${e.span.column}`));
    }),
    { numRuns: 1500, seed: SEED },
  );
});

it('a chunk that is a lone \\r, then one that starts with \\n: one line break', async () => {
  async function* chunks() {
    yield 'a\n';
    yield '\r';
    yield '\nb';
  }
  expect((await analyzeStream(chunks(), { fileName: 'x.oidtrace' })).lines).toBe(analyze('a\n\r\nb', { fileName: 'x.oidtrace' }).lines);
  expect(analyze('a\n\r\nb').lines).toBe(3);
});
