/**
 * The preview's faster getConfig for Mermaid (src/webview/mermaid-config-copy.ts) against
 * Mermaid's own `assignWithDepth({}, config)`: the same values, the same objects copied and
 * the same ones shared, on Mermaid's real configuration and on generated ones; and the
 * built preview calls it.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { configChunk, mermaidConfigPatch, ORIGINAL } from '../../scripts/mermaid-config-patch.mjs';
import { copyConfig, type AssignWithDepth } from '../../src/webview/mermaid-config-copy';

interface MermaidConfigModule {
  assignWithDepth_default: AssignWithDepth;
  getConfig(): Record<string, unknown>;
  setSiteConfig(config: Record<string, unknown>): unknown;
}

let mermaid: MermaidConfigModule;
beforeAll(async () => {
  mermaid = (await import(configChunk())) as MermaidConfigModule;
});

/**
 * The two copies side by side: the same keys in the same order, the same primitive values,
 * and at every object the same answer to "is this the source's own object (shared) or a copy?".
 */
function sameCopy(a: unknown, b: unknown, source: unknown, path = '$'): void {
  if (typeof a !== 'object' || a === null) {
    expect(Object.is(a, b), `${path}: ${show(a)} vs ${show(b)}`).toBe(true);
    return;
  }
  expect(typeof b === 'object' && b !== null, `${path}: object vs ${show(b)}`).toBe(true);
  expect(a === source, `${path}: shared with the source`).toBe(b === source);
  expect(Array.isArray(a), `${path}: array`).toBe(Array.isArray(b));
  expect(Object.getPrototypeOf(a), `${path}: prototype`).toBe(Object.getPrototypeOf(b));
  expect(Reflect.ownKeys(a), `${path}: keys`).toEqual(Reflect.ownKeys(b as object));
  if (a === b) return;
  for (const key of Reflect.ownKeys(a)) {
    const x = (a as Record<PropertyKey, unknown>)[key];
    const y = (b as Record<PropertyKey, unknown>)[key];
    // A de-duplicated array's elements no longer line up with the source's: both copies must hold the very same element.
    if (Array.isArray(a)) {
      expect(Object.is(x, y), `${path}[${String(key)}]: the same element`).toBe(true);
      continue;
    }
    const src = source !== null && typeof source === 'object' ? (source as Record<PropertyKey, unknown>)[key] : undefined;
    sameCopy(x, y, src, `${path}.${String(key)}`);
  }
}

const show = (v: unknown) => (typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'an array' : 'an object') : typeof v === 'symbol' ? v.toString() : String(v));

/** The same keys and values in the shapes the fast path must hand to Mermaid's function. */
function shaped(o: Record<string, unknown>, kind: string): object {
  if (kind === 'null-prototype') return Object.assign(Object.create(null) as object, o);
  if (kind === 'symbol-key') return Object.assign({ [Symbol('k')]: 1 }, o);
  if (kind === 'class') return Object.assign(new (class Section {})(), o);
  return o;
}

const check = (config: unknown) => {
  const theirs = mermaid.assignWithDepth_default({}, config);
  const ours = copyConfig(config, mermaid.assignWithDepth_default);
  sameCopy(ours, theirs, config);
};

describe("the preview's getConfig copy", () => {
  it("copies Mermaid's real configuration as Mermaid does", () => {
    check(mermaid.getConfig());
    mermaid.setSiteConfig({ theme: 'dark', securityLevel: 'strict', sequence: { wrap: false, mirrorActors: false }, fontFamily: 'var(--vscode-font-family)' });
    const config = mermaid.getConfig();
    expect((config.sequence as Record<string, unknown>).mirrorActors).toBe(false);
    check(config);
    // The shapes the fast path must not take: it hands them to Mermaid's function.
    check({ ...config, flowchart: null });
    check({ ...config, sequence: { ...(config.sequence as object), note: null } });
  });

  it('copies any configuration-like value as Mermaid does (generated)', () => {
    // One object that may turn up in several arrays and places: sharing and de-duplication go by identity.
    const shared = { s: 1 };
    const leaf = fc.oneof(
      fc.integer(),
      fc.string({ maxLength: 3 }),
      fc.boolean(),
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(Symbol.for('s')),
      fc.constant(shared),
    );
    const key = fc.constantFrom('a', 'b', 'c', 'd', '0', '1', 'theme', '__proto__', 'constructor', 'toString');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), tie('array')),
      object: fc
        .tuple(fc.dictionary(key, tie('node'), { maxKeys: 5 }), fc.constantFrom('plain', 'plain', 'plain', 'null-prototype', 'symbol-key', 'class'))
        .map(([o, kind]) => shaped(o, kind)),
      array: fc.oneof(
        fc.array(fc.oneof(leaf, fc.constantFrom(1, 'x'), tie('object')), { maxLength: 4 }),
        fc.sparseArray(fc.oneof(leaf, fc.constantFrom(1, 'x')), { maxLength: 5 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree.node, { maxKeys: 6 }), (config) => check(config)),
      { numRuns: 1000, seed: 6 },
    );
  });

  it("a copy is the caller's own: changing it down to the copied levels leaves the next copy as it was", () => {
    const config = mermaid.getConfig();
    const first = copyConfig(config, mermaid.assignWithDepth_default) as Record<string, Record<string, unknown>>;
    first.sequence!.wrap = true;
    (first.themeVariables as Record<string, unknown>).primaryColor = '#123456';
    const second = copyConfig(config, mermaid.assignWithDepth_default) as Record<string, Record<string, unknown>>;
    expect(second.sequence!.wrap).toBe(config.sequence && (config.sequence as Record<string, unknown>).wrap);
    expect(second.themeVariables!.primaryColor).not.toBe('#123456');
  });

  it("is what the build gives Mermaid: the plugin replaces getConfig in Mermaid's chunk, once", async () => {
    expect(readFileSync(configChunk(), 'utf8')).toContain(ORIGINAL);
    const out = await build({
      entryPoints: [configChunk()],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      plugins: [mermaidConfigPatch()],
    });
    const text = out.outputFiles[0]!.text;
    expect(text).not.toContain('return assignWithDepth_default({}, currentConfig);');
    expect(text.match(/getConfig = \/\* @__PURE__ \*\/ __name\(\(\) => copyConfig\(currentConfig, assignWithDepth_default\), "getConfig"\)/g)).toHaveLength(1);
    expect(text).toContain('function copyConfig(');
  });
});
