/**
 * `npm run bench -- --only lint-dir`: `oidtrace lint` on a folder, one file at a
 * time (`-j 1`, no worker) against a pool of one worker thread per core (`-j CORES`, what the
 * default uses only from four cores up: this is the figure behind that choice),
 * medians of interleaved rounds. Two folders: the samples (small files: what the
 * pool's start costs) and eight generated WPP traces of about 20 MB each (what it
 * gains). Both runs must write the same bytes; the ratio is -j 1's time over the
 * default's, the median of each round's.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { expandTargets } from '../src/cli/targets';
import { DEFAULTS, writeTrace } from './generate';
import { fmt, median, timed } from './measure';

export interface LintDirOptions {
  /** dist/cli.js */
  cli: string;
  samples: string;
  /** Where the generated folder is kept (made once). */
  out: string;
  rounds: number;
}

/** Eight WPP traces of ~20 MB (190,000 lines), each from its own seed. */
async function generatedFolder(out: string): Promise<string> {
  const dir = join(out, 'lint-dir');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 8; i++) {
    const path = join(dir, `trace-${i}.log`);
    if (!existsSync(path)) await writeTrace(path, { ...DEFAULTS, lines: 190_000, seed: 42 + i });
  }
  return dir;
}

export async function lintDir(o: LintDirOptions): Promise<{ title: string; rows: Array<Record<string, string | number>> }> {
  const folders = [
    { name: 'samples', dir: o.samples },
    { name: '8 × 20 MB WPP traces', dir: await generatedFolder(o.out) },
  ];
  const load0 = loadavg();
  const rows = [];
  for (const { name, dir } of folders) {
    const files = await expandTargets([dir]);
    const one: number[] = [];
    const pool: number[] = [];
    const rss = { one: 0, pool: 0 };
    for (let round = 0; round < o.rounds; round++) {
      const alone = () => timed(process.execPath, [o.cli, 'lint', '--format', 'json', '-j', '1', dir]);
      const pooled = () => timed(process.execPath, [o.cli, 'lint', '--format', 'json', '-j', String(availableParallelism()), dir]);
      // The order turns each round: neither always runs first, on a cold or a warm cache.
      let j1, dflt;
      if (round % 2 === 0) {
        j1 = alone();
        dflt = pooled();
      } else {
        dflt = pooled();
        j1 = alone();
      }
      if (j1.stdout !== dflt.stdout || j1.status !== dflt.status) throw new Error(`lint ${dir}: -j 1 and the pool wrote different output`);
      one.push(j1.s);
      pool.push(dflt.s);
      rss.one = Math.max(rss.one, j1.rssMb ?? NaN);
      rss.pool = Math.max(rss.pool, dflt.rssMb ?? NaN);
    }
    rows.push({
      folder: name,
      files: files.length,
      MB: fmt(files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6, 2),
      '-j 1 s': fmt(median(one), 3),
      '-j CORES s': fmt(median(pool), 3),
      '-j 1 / -j CORES': fmt(median(one.map((t, k) => t / pool[k]!)), 2),
      'peak RSS MB, -j 1': fmt(rss.one, 0),
      'peak RSS MB, -j CORES': fmt(rss.pool, 0),
    });
  }
  const load1 = loadavg();
  const title =
    `lint of a folder: -j 1 against -j ${availableParallelism()} (one worker per core; \`lint --format json\`; median of ${o.rounds} interleaved rounds; ` +
    `load average ${load0.map((x) => fmt(x, 2)).join(' ')} → ${load1.map((x) => fmt(x, 2)).join(' ')})`;
  return { title, rows };
}
