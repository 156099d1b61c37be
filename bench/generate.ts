/**
 * A deterministic generator of driver traces for the benchmark: a WPP-style log
 * (or canonical .oidtrace) of N lines in which about 5 % are OID events — VF
 * setups and teardowns on several adapters, interleaved — and the rest driver
 * noise. A share of the teardowns is broken on purpose (RESET_VF before
 * DELETE_VPORT), so the rules have work to do. Same seed, same bytes.
 */
import { createWriteStream } from 'node:fs';
import { prng } from './prng.mjs';

export interface GenerateOptions {
  lines: number;
  format: 'wpp' | 'oidtrace';
  /** Share of teardowns whose RESET_VF comes too early. */
  violations: number;
  /** Share of lines that are OID events (about). */
  oidShare: number;
  adapters: number;
  vfsPerAdapter: number;
  seed: number;
}

export const DEFAULTS: GenerateOptions = { lines: 100_000, format: 'wpp', violations: 0.1, oidShare: 0.05, adapters: 4, vfsPerAdapter: 8, seed: 42 };

interface Step {
  oid: string;
  code: string;
  ids: Record<string, number>;
  status?: string;
}

const NOISE = [
  'MlxRxPoll: queue %d processed %d packets',
  'MlxTxComplete: ring %d freed %d descriptors',
  'MlxMiniportCheckForHang: link up, 100000 Mbps, queue %d',
  'MlxInterrupt: MSI-X vector %d fired, %d events',
  'MlxStats: rx %d tx %d drops 0',
];

/** Yields the trace's lines. */
export function* traceLines(o: GenerateOptions): Generator<string> {
  const rnd = prng(o.seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  // Microseconds since 10:00 on 11/21/2026; advances a little per line.
  let us = 0;
  const stamp = () => {
    const total = 10 * 3600e6 + us;
    const h = Math.floor(total / 3600e6) % 24;
    const m = Math.floor(total / 60e6) % 60;
    const s = Math.floor(total / 1e6) % 60;
    const frac = String(Math.floor(total % 1e6)).padStart(6, '0');
    const hh = String(h).padStart(2, '0');
    const mm = String(m).padStart(2, '0');
    const ss = String(s).padStart(2, '0');
    return o.format === 'wpp' ? `11/21/2026-${hh}:${mm}:${ss}.${frac}` : `${hh}:${mm}:${ss}.${frac}`;
  };
  // Per VF: a queue of steps to play (setup, then teardown), one step at a time.
  const queues: Step[][] = [];
  const owners: Array<{ adapter: number; vf: number }> = [];
  let vport = 100;
  const plan = (adapter: number, vf: number): Step[] => {
    const v = vport++;
    const f = v * 10;
    const teardown: Step[] = [
      { oid: 'OID_RECEIVE_FILTER_MOVE_FILTER', code: '00010230', ids: { FilterId: f, SourceVPortId: v, DestVPortId: 0, VFId: vf } },
      { oid: 'OID_NIC_SWITCH_DELETE_VPORT', code: '00010244', ids: { VPortId: v, VFId: vf } },
      { oid: 'OID_SRIOV_RESET_VF', code: '00010255', ids: { VFId: vf } },
      { oid: 'OID_NIC_SWITCH_FREE_VF', code: '00010246', ids: { VFId: vf } },
    ];
    if (rnd() < o.violations) [teardown[1], teardown[2]] = [teardown[2]!, teardown[1]!];
    void adapter;
    return [
      { oid: 'OID_NIC_SWITCH_ALLOCATE_VF', code: '00010245', ids: { VFId: vf } },
      { oid: 'OID_NIC_SWITCH_CREATE_VPORT', code: '00010241', ids: { VFId: vf, VPortId: v } },
      { oid: 'OID_RECEIVE_FILTER_MOVE_FILTER', code: '00010230', ids: { FilterId: f, SourceVPortId: 0, DestVPortId: v, VFId: vf } },
      ...teardown,
    ];
  };
  for (let a = 0; a < o.adapters; a++) {
    for (let vf = 0; vf < o.vfsPerAdapter; vf++) {
      owners.push({ adapter: a, vf });
      queues.push(plan(a, vf));
    }
  }
  let pending: { text: string } | undefined;
  for (let i = 0; i < o.lines; i++) {
    us += 1 + pick(40);
    const cpu = pick(4);
    if (pending) {
      const t = pending.text;
      pending = undefined;
      yield o.format === 'wpp' ? `[${cpu}]0A3C.0F10::${stamp()} ${t}` : `${stamp()} ${t}`;
      continue;
    }
    if (rnd() < o.oidShare / 2) {
      const k = pick(queues.length);
      const { adapter, vf } = owners[k]!;
      let q = queues[k]!;
      if (q.length === 0) q = queues[k] = plan(adapter, vf);
      const step = q.shift()!;
      const name = `pf${adapter}`;
      if (o.format === 'wpp') {
        const ids = Object.entries(step.ids)
          .map(([key, v]) => `${key}=${v}`)
          .join(' ');
        const byCode = rnd() < 0.5;
        const what = byCode ? `Unknown OID 0x${step.code}` : step.oid;
        pending = { text: `[${name}]MlxOidComplete: ${byCode ? `Oid 0x${step.code}` : step.oid} completed, Status 0x00000000, ${ids}` };
        yield `[${cpu}]0A3C.0F10::${stamp()} [${name}]MlxSetInformation: ${what} ${ids} -->`;
      } else {
        const map: Record<string, string> = { VFId: 'vf', VPortId: 'vport', FilterId: 'filter', SourceVPortId: 'from', DestVPortId: 'to' };
        const ids = Object.entries(step.ids)
          .map(([key, v]) => `${map[key]}=${v}`)
          .join(' ');
        pending = { text: `PF -> VSTACK COMPLETE ${step.oid} NDIS_STATUS_SUCCESS ${ids} adapter=${name}` };
        yield `${stamp()} VSTACK -> PF SET ${step.oid} ${ids} adapter=${name}`;
      }
      continue;
    }
    const noise = NOISE[pick(NOISE.length)]!.replace(/%d/g, () => String(pick(5000)));
    yield o.format === 'wpp' ? `[${cpu}]0004.0050::${stamp()} [mlx5]${noise} ${'.'.repeat(pick(20))}` : `# ${noise}`;
  }
}

export async function writeTrace(path: string, o: GenerateOptions): Promise<void> {
  const out = createWriteStream(path);
  let buf: string[] = [];
  for (const line of traceLines(o)) {
    buf.push(line);
    if (buf.length >= 4096) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  if (buf.length) out.write(buf.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
