// The seeded random numbers of the benchmarks and the fuzz loop (mulberry32: small, fast,
// and the same sequence for the same seed on every machine). Plain ESM, so that the .mjs
// benchmark scripts import it as the TypeScript ones do.

/** A generator of numbers in [0, 1) from `seed`. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
