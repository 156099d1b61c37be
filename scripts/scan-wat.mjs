// scan.wat's needle compare, generated from SCAN_NEEDLES in
// src/engine/dialects/line-needles.ts: the strings are written once, in
// TypeScript, and the WebAssembly scan cannot look for others.
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

/** The WAT for one needle: a lane is set where all its bytes follow from there. */
function compare(needle) {
  const eqs = [...needle].map((ch, k) => `(i8x16.eq (local.get $v${k}) (local.get ${constant(ch.charCodeAt(0))}))`);
  return eqs.reduce((acc, eq) => `(v128.and ${acc} ${eq})`);
}

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
  const bytes = [...new Set(needles.flatMap((n) => [...n].map((ch) => ch.charCodeAt(0))))].sort((a, b) => a - b);
  const parts = {
    globals: bytes.map((b) => `(global ${global(b)} (mut v128) (v128.const i32x4${` 0x${hex(b).repeat(4)}`.repeat(4)}))`),
    locals: [Array.from({ length: width }, (_, k) => `(local $v${k} v128)`).join(' '), bytes.map((b) => `(local ${constant(b)} v128)`).join(' ')],
    constants: bytes.map((b) => `(local.set ${constant(b)} (global.get ${global(b)}))`),
    compare: [
      ...Array.from({ length: width }, (_, k) => `(local.set $v${k} (v128.load${k ? ` offset=${k}` : ''} (local.get $i)))`),
      ...needles.flatMap((n, i) => [`;; ${n}`, i === 0 ? `(local.set $hit ${compare(n)})` : `(local.set $hit (v128.or (local.get $hit) ${compare(n)}))`]),
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
