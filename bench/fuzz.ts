/**
 * A seeded, bounded fuzz run of OID Trace's parser, rules and CLI on random and
 * mutated traces (the loop is test/hostile/fuzz-loop.ts; CI runs it for a few
 * seconds in test/hostile/fuzz.test.ts). A developer runs it longer:
 *
 *   npx tsx bench/fuzz.ts [--seconds N] [--seed S] [--no-cli] [--run N] [--out DIR]
 *
 *   --seconds N   how long to run (default 20)
 *   --seed S      the seed of the run (default: from the clock, printed)
 *   --run N       only run N of that seed (reproduces a failure)
 *   --no-cli      skip the in-process CLI check (faster)
 *   --out DIR     where failing inputs are written (default: a temp directory)
 *
 * Prints the runs, inputs per second and each failure with the seed and run to
 * reproduce it and the input (base64, and as a file); exits 1 on any failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzz } from '../test/hostile/fuzz-loop';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) {
    console.error(`fuzz: ${name} needs a value`);
    process.exit(2);
  }
  return v;
}

function num(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`fuzz: ${name} takes a number, got '${v}'`);
    process.exit(2);
  }
  return n;
}

async function run(): Promise<number> {
  const seconds = num('--seconds', 20);
  const seed = num('--seed', Date.now() % 1_000_000_007) >>> 0;
  const only = arg('--run');
  const out = arg('--out');
  const failureDir = out ?? mkdtempSync(join(tmpdir(), 'oidtrace-fuzz-failures-'));
  if (out) mkdirSync(out, { recursive: true });
  const cli = !process.argv.includes('--no-cli');
  console.log(`fuzz: seed ${seed}, ${only !== undefined ? `run ${only}` : `${seconds} s`}${cli ? '' : ', without the CLI'}`);
  const report = await fuzz({ seed, seconds, run: only === undefined ? undefined : Number(only), cli, failureDir });
  // A directory made for failing inputs is not left behind empty.
  if (!out && report.failures.length === 0) rmSync(failureDir, { recursive: true, force: true });
  const rate = report.runs / report.seconds;
  console.log(
    `fuzz: ${report.runs} runs in ${report.seconds.toFixed(1)} s: ${rate.toFixed(0)} inputs/s, ` +
      `${(report.bytes / 1e6 / report.seconds).toFixed(2)} MB/s of input, ${report.failures.length} failure${report.failures.length === 1 ? '' : 's'}`,
  );
  if (report.failures.length) {
    // The kinds of failure, numbers left out: what broke, how often.
    const kinds = new Map<string, number>();
    for (const f of report.failures) {
      for (const p of new Set(
        f.problems.map((x) =>
          x
            .split('\n')[0]!
            .replace(/\d+/g, 'N')
            .replace(/'[^']*'/g, "'…'")
            .slice(0, 100),
        ),
      ))
        kinds.set(p, (kinds.get(p) ?? 0) + 1);
    }
    console.log('fuzz: failures by kind:');
    for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${kind}`);
  }
  for (const f of report.failures.slice(0, 20)) {
    console.log(`\nFAIL seed ${f.seed} run ${f.run} (${f.fileName ?? 'no file name'}): ${f.steps.join('; ')}`);
    for (const p of f.problems) console.log('  ' + p.replace(/\n/g, '\n  '));
    console.log(`  reproduce: npx tsx bench/fuzz.ts --seed ${f.seed} --run ${f.run}`);
    if (f.file) console.log(`  input: ${f.file}`);
    console.log(`  input (base64, ${Buffer.from(f.base64, 'base64').length} bytes): ${f.base64.length > 400 ? f.base64.slice(0, 400) + '…' : f.base64}`);
  }
  if (report.failures.length > 20) console.log(`\n… and ${report.failures.length - 20} more failures`);
  return report.failures.length ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (error) => {
    console.error('fuzz: the fuzz loop itself failed:', error);
    process.exit(1);
  },
);
