/**
 * A short fuzz pass for CI: about five seconds of mutated and random traces
 * through analyze, analyzeStream and the CLI (the loop is fuzz-loop.ts; run it
 * longer with `npx tsx bench/fuzz.ts --seconds 300`). A fixed seed: the inputs
 * are the same on every run, only how many fit in the time varies.
 */
import { expect, it } from 'vitest';
import { fuzz, makeInput } from './fuzz-loop';

const SEED = 20261121;

it('the same seed and run give the same input', () => {
  const a = makeInput(SEED, 17);
  const b = makeInput(SEED, 17);
  expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  expect(a.steps).toEqual(b.steps);
  expect(makeInput(SEED, 18).steps).not.toEqual(a.steps);
});

it('five seconds of fuzzing find no failure', async () => {
  const report = await fuzz({ seed: SEED, seconds: 5 });
  expect(report.runs).toBeGreaterThan(10);
  expect(report.failures.map((f) => `run ${f.run} (${f.steps.join('; ')}): ${f.problems.join('\n')}`)).toEqual([]);
}, 60_000);
