/**
 * A big trace read from disk shows what it has so far: the preview draws the
 * first episodes from a snapshot taken after the first chunk, long before the
 * last line is read, and the final result still has everything.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/engine';
import { analyzeFile } from '../../src/node/analyze-file';

it('snapshots while reading: the episodes so far first, every finding at the end', async () => {
  const lines: string[] = [];
  const at = (s: number) => `[0]0A3C.0F10::11/21/2026-10:41:${String(s).padStart(2, '0')}.000000 [pf0]`;
  const teardown = (s: number, vf: number, vport: number, wrong: boolean) => {
    const reset = `${at(s)}MlxSetInformation: OID_SRIOV_RESET_VF VFId=${vf} -->`;
    const del = `${at(s)}MlxSetInformation: OID_NIC_SWITCH_DELETE_VPORT VPortId ${vport} VFId=${vf} -->`;
    lines.push(...(wrong ? [reset, del] : [del, reset]), `${at(s)}MlxSetInformation: OID_NIC_SWITCH_FREE_VF VFId=${vf} -->`);
  };
  teardown(7, 1, 11, true); // lines 1-3: RESET_VF before DELETE_VPORT
  teardown(7, 2, 12, false);
  // Events of a later second: those of 10:41:07 are surely in time order now (the reorder window is 1 s).
  lines.push(`${at(9)}MlxQueryInformation: OID_NIC_SWITCH_CURRENT_CAPABILITIES`);
  // ~6 MB of noise: past the first 4 MB chunk.
  for (let i = 0; i < 60_000; i++) lines.push(`[0]0004.0050::11/21/2026-10:41:07.000000 [mlx5]MlxRxPoll: queue ${i % 8} processed packets ${'.'.repeat(80)}`);
  teardown(20, 3, 13, true);
  const path = join(mkdtempSync(join(tmpdir(), 'oidtrace-snap-')), 'big.log');
  writeFileSync(path, lines.join('\n') + '\n');

  const snapshots: AnalysisResult[] = [];
  const result = await analyzeFile(path, { keepEvents: true }, { onSnapshot: (s) => snapshots.push(s), snapshotEveryMs: 0 });

  expect(snapshots.length).toBeGreaterThanOrEqual(1);
  const first = snapshots[0]!;
  expect(first.partial).toBe(true);
  expect(first.lines).toBeLessThan(result.lines);
  // VF 1's and VF 2's teardowns can be drawn (their events are there); VF 3's has not been read yet.
  expect(first.episodes.map((e) => e.title)).toEqual(['pf0 · VF 1 teardown', 'pf0 · VF 2 teardown']);
  expect(first.episodes[0]!.events.map((i) => first.events[i]!.line)).toEqual([1, 2, 3]);
  // Still open: their order is checked when they close, so no order finding yet.
  expect(first.episodes[0]!.steps).toEqual([]);
  expect(first.diagnostics).toEqual([]);

  expect(result.partial).toBeUndefined();
  expect(result.episodes.map((e) => `${e.title}: ${e.problems}`)).toEqual([
    'pf0 · VF 1 teardown: 1',
    'pf0 · VF 2 teardown: 0',
    'pf0 · NIC switch: 0',
    'pf0 · VF 3 teardown: 1',
  ]);
  // A snapshot never changed the result's counts (problems are counted once).
  expect(result.diagnostics.map((d) => `${d.span.line} ${d.rule}`)).toEqual(['1 teardown-order', '60008 teardown-order']);
});
