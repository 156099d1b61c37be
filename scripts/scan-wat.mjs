// scan.wat's needle compare, generated from SCAN_NEEDLES in
// src/engine/dialects/line-needles.ts: the strings are written once, in
// TypeScript, and the WebAssembly scan cannot look for others.
//
// The compare has two stages. Comparing every byte of every needle at every
// lane costs about 70 SIMD operations a 16-byte step, and in a driver log few
// steps hold a needle (1.5 % in the benchmark's WPP trace). So each step first
// runs a cheap prefilter that lets through every step where a needle may start
// (and a few more: 2.1 % there), and only those steps run the exact compare,
// whose lanes are the hits.
//
// The prefilter compares a fingerprint of each needle: two (sometimes three) of
// its bytes in a row, at their place in the needle, so a lane where the needle
// starts always matches its fingerprint. The rule for choosing it, so that the
// noise of a log seldom matches:
//   - Bytes are weighed by how common they are in logs: `0` 3 (padding, hex
//     values, timestamps), the other digits and the space 2, the punctuation
//     of timestamps and padding (`.:/-`) 1, anything else (letters, `_`) 0.
//   - Take the needle's window of two bytes of least weight, the earliest on a
//     tie (needles that start alike then share a fingerprint, and the
//     prefilter reads fewer offsets).
//   - If that window is still made only of digits, spaces and `.:/-` (every
//     window of `000102` is: `00`, `01`, `02`, `10` are in every timestamp and
//     hex value), take the window of three bytes of least weight the same way
//     (`102`). A needle of one or two bytes is its own fingerprint.
// Fingerprints that differ only in the case of their letters (`VF`, `Vf`, `vF`,
// `vf`; `C0`, `c0`; `OI` of `OID_` and `oi` of `oidt`) are compared once, on
// bytes folded to lower case (`v | 0x20`, which maps an upper-case letter to
// its lower case: a letter then matches in either case).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const LIST = new URL('../src/engine/dialects/line-needles.ts', import.meta.url);

/** SCAN_NEEDLES, read from the TypeScript module (bundled in memory by esbuild). */
export async function loadScanNeedles() {
  const { outputFiles } = await build({ entryPoints: [fileURLToPath(LIST)], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'warning' });
  const module = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
  return module.SCAN_NEEDLES;
}

const hex = (byte) => byte.toString(16).padStart(2, '0');
/** The local that holds `byte` splatted, and the global it is read from (see scan.wat). */
const constant = (byte) => `$n_${hex(byte)}`;
const global = (byte) => `$N_${hex(byte)}`;
const isLetter = (byte) => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);

/** How common a byte is in a log (see the rule at the top). */
function commonness(byte) {
  if (byte === 0x30) return 3;
  if ((byte >= 0x31 && byte <= 0x39) || byte === 0x20) return 2;
  if ('.:/-'.includes(String.fromCharCode(byte))) return 1;
  return 0;
}

/** The needle's best window of `size` bytes: { offset, bytes, weight } (earliest on a tie). */
function bestWindow(bytes, size) {
  let best;
  for (let k = 0; k + size <= bytes.length; k++) {
    const window = bytes.slice(k, k + size);
    const weight = window.reduce((sum, b) => sum + commonness(b), 0);
    if (!best || weight < best.weight) best = { offset: k, bytes: window, weight };
  }
  return best;
}

/** The prefilter's fingerprint of a needle (see the rule at the top). */
export function fingerprint(needle) {
  const bytes = [...needle].map((ch) => ch.charCodeAt(0));
  if (bytes.length <= 2) return { offset: 0, bytes };
  const two = bestWindow(bytes, 2);
  // Only common bytes: a third one makes it rare enough.
  return two.bytes.every((b) => commonness(b) > 0) ? bestWindow(bytes, 3) : two;
}

/** Lower case for letters, the byte itself for anything else. */
const lower = (byte) => (isLetter(byte) ? byte | 0x20 : byte);

/**
 * The fingerprints to compare, one per distinct fingerprint up to the case of
 * its letters: { offset, bytes, fold, needles } where `fold` says the letters
 * are compared in either case (more than one case of it is wanted).
 */
export function prefilterGroups(needles) {
  const groups = new Map();
  for (const n of needles) {
    const f = fingerprint(n);
    const key = `${f.offset}:${f.bytes.map(lower).join(',')}`;
    const g = groups.get(key) ?? { offset: f.offset, bytes: f.bytes.map(lower), exact: new Set(), needles: [] };
    g.exact.add(f.bytes.join(','));
    g.needles.push(n);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const fold = g.exact.size > 1;
    return { offset: g.offset, bytes: fold ? g.bytes : [...g.exact][0].split(',').map(Number), fold, needles: g.needles };
  });
}

/** The WAT that ands `eqs` together (one compare needs no and). */
const all = (eqs) => eqs.reduce((acc, eq) => `(v128.and ${acc} ${eq})`);

/** The WAT for one needle: a lane is set where all its bytes follow from there. */
function compare(needle) {
  return all([...needle].map((ch, k) => `(i8x16.eq (local.get $v${k}) (local.get ${constant(ch.charCodeAt(0))}))`));
}

/** The WAT for one fingerprint: a lane is set where a needle with it may start. */
function prefilter(group) {
  return all(
    group.bytes.map((b, j) => {
      const k = group.offset + j;
      // A folded letter is compared against the folded bytes, anything else as it is.
      return group.fold && isLetter(b) ? `(i8x16.eq (local.get $f${k}) (local.get ${constant(b)}))` : `(i8x16.eq (local.get $v${k}) (local.get ${constant(b)}))`;
    }),
  );
}

const load = (k) => `(local.set $v${k} (v128.load${k ? ` offset=${k}` : ''} (local.get $i)))`;

/**
 * scan.wat with its `;; {{globals}}`, `;; {{locals}}`, `;; {{constants}}` and `;; {{compare}}`
 * lines replaced by the code that looks for `needles`.
 */
export function expandScanWat(template, needles) {
  if (!Array.isArray(needles) || needles.length === 0) throw new Error('scan.wat: no needles');
  for (const n of needles) {
    // Printable ASCII: one byte a character, never a line feed (a needle cannot
    // span lines) nor the zeros after a file's last line.
    if (typeof n !== 'string' || !/^[\x20-\x7e]{1,16}$/.test(n)) throw new Error(`scan.wat: needle ${JSON.stringify(n)} is not 1 to 16 printable ASCII characters`);
  }
  // $v0 and $v1 are also read for line feeds and CR LF pairs.
  const width = Math.max(2, ...needles.map((n) => n.length));
  const groups = prefilterGroups(needles);
  // The offsets the prefilter reads (loaded every step), and those it reads folded.
  const early = new Set([0, 1, ...groups.flatMap((g) => g.bytes.map((_, j) => g.offset + j))]);
  const folded = [...new Set(groups.flatMap((g) => (g.fold ? g.bytes.flatMap((b, j) => (isLetter(b) ? [g.offset + j] : [])) : [])))].sort((a, b) => a - b);
  const late = Array.from({ length: width }, (_, k) => k).filter((k) => !early.has(k));
  // The bytes compared against: the needles', the fingerprints' (folded to lower case) and, to fold,
  // 0x20 (the bit between upper and lower case).
  const bytes = [...new Set([...needles.flatMap((n) => [...n].map((ch) => ch.charCodeAt(0))), ...groups.flatMap((g) => g.bytes), ...(folded.length ? [0x20] : [])])].sort(
    (a, b) => a - b,
  );
  const parts = {
    globals: bytes.map((b) => `(global ${global(b)} (mut v128) (v128.const i32x4${` 0x${hex(b).repeat(4)}`.repeat(4)}))`),
    locals: [
      Array.from({ length: width }, (_, k) => `(local $v${k} v128)`).join(' '),
      [...folded.map((k) => `(local $f${k} v128)`), '(local $maybe v128)'].join(' '),
      bytes.map((b) => `(local ${constant(b)} v128)`).join(' '),
    ],
    constants: bytes.map((b) => `(local.set ${constant(b)} (global.get ${global(b)}))`),
    compare: [
      ...[...early].sort((a, b) => a - b).map(load),
      ...folded.map((k) => `(local.set $f${k} (v128.or (local.get $v${k}) (local.get ${constant(0x20)})))`),
      ';; Stage 1, the prefilter: a lane is set where a needle may start.',
      ...groups.flatMap((g, i) => [
        `;; ${g.needles.join(' ')}: ${String.fromCharCode(...g.bytes)} at ${g.offset}${g.fold ? ', letters in either case' : ''}`,
        i === 0 ? `(local.set $maybe ${prefilter(g)})` : `(local.set $maybe (v128.or (local.get $maybe) ${prefilter(g)}))`,
      ]),
      '(local.set $hm (i32.const 0))',
      '(if (v128.any_true (local.get $maybe))',
      '  (then',
      '    ;; Stage 2, the exact compare: a lane is set where a needle starts.',
      ...late.map((k) => `    ${load(k)}`),
      ...needles.flatMap((n, i) => [`    ;; ${n}`, i === 0 ? `    (local.set $hit ${compare(n)})` : `    (local.set $hit (v128.or (local.get $hit) ${compare(n)}))`]),
      '    (local.set $hm (i8x16.bitmask (local.get $hit)))))',
    ],
  };
  let out = template;
  for (const [name, lines] of Object.entries(parts)) {
    const marker = new RegExp(`^( *);; \\{\\{${name}\\}\\}.*$`, 'm');
    const m = marker.exec(out);
    if (!m) throw new Error(`scan.wat: no ;; {{${name}}} line`);
    out = out.slice(0, m.index) + lines.map((l) => m[1] + l).join('\n') + out.slice(m.index + m[0].length);
  }
  return out;
}
