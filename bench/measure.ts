/** The bench's measuring tools: a median, a fixed-point figure, and a command's wall time and peak RSS. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (n: number, d = 2) => n.toFixed(d);

/** Wall time (s) and peak RSS (MB) of a command, via GNU time when present. */
export function timed(cmd: string, args: string[]): { s: number; rssMb?: number; status: number | null; stdout: string } {
  const gnuTime = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const kb = gnuTime ? Number((r.stderr.trim().split('\n').pop() ?? '').trim()) : NaN;
  return { s, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined, status: r.status, stdout: r.stdout };
}
