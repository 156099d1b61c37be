/**
 * A faster `getConfig()` for the bundled Mermaid (scripts/mermaid-config-patch.mjs puts
 * it in at build time). Mermaid's getConfig returns `assignWithDepth({}, currentConfig)`,
 * a fresh copy of its whole configuration (every diagram type's section and some 270
 * theme variables), and its sequence renderer asks for it dozens of times per drawing:
 * a profile of the preview's redraw put about a third of Mermaid's time in those copies.
 *
 * This makes the same copy — the same values, the same levels copied (the top, each
 * section, and one shallow level below), the same objects shared below that, arrays
 * de-duplicated as assignWithDepth does — with object spread,
 * which the engine clones much faster than a property-by-property define. An input
 * it is not sure about (a null or `__proto__` key where assignWithDepth treats them
 * apart, symbol keys) is handed to Mermaid's own function. test/webview/mermaid-config-copy.test.ts
 * checks it against the original on Mermaid's real configuration and on generated ones.
 */

export type AssignWithDepth = (dst: unknown, src: unknown, options?: { depth?: number }) => unknown;

type Obj = Record<string, unknown>;

/** `assignWithDepth({}, config)` (depth 2), faster; `assign` is Mermaid's own, for inputs out of the common shape. */
export function copyConfig(config: unknown, assign: AssignWithDepth): unknown {
  if (config === null || typeof config !== 'object' || Array.isArray(config) || unusual(config as Obj)) return assign({}, config);
  const out: Obj = { ...(config as Obj) };
  for (const key in out) {
    const value = out[key];
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      out[key] = unique(value);
    } else if (unusual(value as Obj)) {
      out[key] = assign({}, value, { depth: 1 });
    } else {
      out[key] = copySection(value as Obj);
    }
  }
  return out;
}

/** assignWithDepth({}, section, { depth: 1 }): the section's own keys, and a shallow copy of each object or array in it. */
function copySection(section: Obj): Obj {
  const out: Obj = { ...section };
  for (const key in out) {
    const value = out[key];
    if (typeof value !== 'object' || value === null) continue;
    // assignWithDepth's array case comes before its depth check: arrays are de-duplicated at every level.
    out[key] = Array.isArray(value) ? unique(value) : Object.assign({}, value);
  }
  return out;
}

/** An array copied as assignWithDepth copies one into a fresh array: each value once, in order, holes skipped (forEach). */
function unique(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  values.forEach((v) => {
    if (!out.includes(v)) out.push(v);
  });
  return out;
}

/**
 * Whether `o` is anything but the plain objects Mermaid's configuration is made of. Spread
 * would copy null values and symbol keys, which assignWithDepth drops or skips, and a
 * `__proto__` key, which it treats apart. Other prototypes and inherited keys are read the
 * same way by both, but they are left to Mermaid's function too: the fast path only takes
 * the shape it was checked on.
 */
function unusual(o: Obj): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) return true;
  if (Object.getOwnPropertySymbols(o).length > 0) return true;
  for (const key in o) {
    if (!Object.hasOwn(o, key)) return true;
    if (key === '__proto__' || o[key] === null) return true;
  }
  return false;
}
