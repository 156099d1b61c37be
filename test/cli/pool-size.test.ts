/** How many files `oidtrace lint` checks at a time, by default and with -j. */
import { expect, it } from 'vitest';
import { MIN_BYTES_PER_WORKER, poolSize } from '../../src/cli/lint-pool';

const MB = 1 << 20;

it('uses one thread on fewer than four cores, where a pool was measured slower', () => {
  expect(poolSize(undefined, 8, 160 * MB, 2)).toBe(1);
  expect(poolSize(undefined, 8, 160 * MB, 3)).toBe(1);
});

it('from four cores, a worker per core but one, as many as the bytes keep busy, never more than the files', () => {
  expect(poolSize(undefined, 8, 160 * MB, 4)).toBe(3);
  expect(poolSize(undefined, 8, 160 * MB, 16)).toBe(8);
  expect(poolSize(undefined, 24, 30 * 1024, 8)).toBe(1);
  expect(poolSize(undefined, 24, 2 * MIN_BYTES_PER_WORKER, 8)).toBe(2);
});

it('-j N is taken as asked, up to the number of files', () => {
  expect(poolSize(4, 24, 0, 2)).toBe(4);
  expect(poolSize(4, 2, 0, 2)).toBe(2);
  expect(poolSize(1, 24, 160 * MB, 16)).toBe(1);
});
