/**
 * Where a lint's time goes, by part of the pipeline: one run of the built CLI
 * under `--cpu-prof`, each sample's function mapped back to its source file
 * through dist/cli.js.map, then to its part:
 *
 *   read    the file system (node:fs, src/node/read.ts), and waiting for it
 *   scan    bytes to lines: src/node/fast-scan.ts and its WebAssembly, decoding
 *   parse   lines to events: the dialects, and the analyzer's per-line dispatch
 *   model   src/engine/model (pairing, state, episodes) and the catalog it reads
 *   rules   src/engine/rules
 *   output  the CLI's formats and the writing of them
 *   gc      V8's garbage collector
 *   start   Node starting, loading the bundle, and anything else
 *
 * A built-in (a Map lookup, a regular expression) counts for the nearest
 * caller of ours. Profiling slows a run a little; the shares are what counts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

export const PARTS = ['read', 'scan', 'parse', 'model', 'rules', 'output', 'gc', 'start'] as const;
export type Part = (typeof PARTS)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function partOfSource(source: string): Part | undefined {
  if (/src\/node\/read\.ts$/.test(source)) return 'read';
  if (/src\/node\/(fast-scan|analyze-file)\.ts$/.test(source) || /src\/engine\/text\//.test(source)) return 'scan';
  if (/src\/engine\/(dialects\/|analyzer\.ts|reading\.ts)/.test(source)) return 'parse';
  if (/src\/engine\/(model|catalog)\//.test(source)) return 'model';
  if (/src\/engine\/rules\//.test(source)) return 'rules';
  if (/src\/cli\/formats\.ts$/.test(source)) return 'output';
  return undefined;
}

/** Milliseconds per part of one `node CLI lint ARGS` run. */
export function lintParts(cli: string, args: string[]): Record<Part, number> {
  const dir = mkdtempSync(join(tmpdir(), 'oidtrace-prof-'));
  try {
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, cli, 'lint', ...args], { stdio: 'ignore' });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile written');
    return attribute(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, cli);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function attribute(profile: Profile, cli: string): Record<Part, number> {
  // A minified build (--production, as packaging makes) has no map, and one left from an earlier build would map nonsense.
  if (!readFileSync(cli, 'utf8').trimEnd().endsWith('//# sourceMappingURL=cli.js.map')) {
    throw new Error(`${cli} was built without its source map (a --production build): run \`npm run build\` first`);
  }
  const map = new SourceMapConsumer(JSON.parse(readFileSync(cli + '.map', 'utf8')));
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const own = new Map<number, Part | undefined>();
  const ownPart = (n: ProfileNode): Part | undefined => {
    if (own.has(n.id)) return own.get(n.id);
    const { url, functionName, lineNumber, columnNumber } = n.callFrame;
    let part: Part | undefined;
    if (functionName === '(garbage collector)') part = 'gc';
    else if (url.startsWith('wasm://')) part = 'scan';
    else if (/^node:(fs|internal\/fs)/.test(url)) part = 'read';
    else if (/^node:(buffer|internal\/streams|net|tty|internal\/net)/.test(url)) part = 'output';
    else if (url.endsWith(cli) || url.endsWith('/cli.js')) {
      const pos = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
      part = pos.source ? partOfSource(pos.source) : undefined;
    }
    own.set(n.id, part);
    return part;
  };
  const partOf = new Map<number, Part>();
  const resolve = (id: number): Part => {
    const known = partOf.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    let part = ownPart(n);
    if (!part) {
      // A built-in or a frame of no part: its caller's part; at the root, the start.
      const up = parent.get(id);
      const name = n.callFrame.functionName;
      // Idle: the main thread waits for a read (the only thing a lint waits for).
      part = name === '(idle)' ? 'read' : up !== undefined && name !== '(program)' && name !== '(root)' ? resolve(up) : 'start';
    }
    partOf.set(id, part);
    return part;
  };
  const out = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  for (let i = 0; i < profile.samples.length; i++) out[resolve(profile.samples[i]!)] += profile.timeDeltas[i]! / 1000;
  return out;
}
