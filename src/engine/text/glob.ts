/**
 * The globs of `oidtrace.associations` and of a user's dialect's `files`, matched
 * against a document's path: `**` any characters (folders included), `*` any
 * within a name, `?` one character of a name, `{a,b}` either; anything else is
 * itself. A glob matches the whole path or a tail of it that starts a folder or
 * file name (`*.log` matches `/logs/host.log`).
 *
 * Matched by stepping a set of positions in the glob along the path: time grows
 * with the path's length times the glob's, for each of at most MAX_ALTERNATIVES
 * alternatives, whatever the glob. (A glob turned into a regular expression
 * backtracks: `**\/**\/**\/**\/**\/**\/*.log` against a path that does not end
 * in `.log` took 30 s, and a workspace's settings can say it.)
 */

type Token = { kind: 'char'; char: number } | { kind: 'one' } | { kind: 'name' } | { kind: 'any' };

/** More alternatives than this from `{…}` are not expanded: the glob is read literally. */
const MAX_ALTERNATIVES = 64;
/** A longer glob is not expanded (the expansion recurses once per brace group). */
const MAX_EXPANDED = 1024;
const SLASH = 47;

const compiled = new Map<string, Token[][]>();

export function matchesGlob(path: string, glob: string): boolean {
  let alternatives = compiled.get(glob);
  if (!alternatives) {
    alternatives = expandBraces(glob).map(tokens);
    if (compiled.size > 256) compiled.clear();
    compiled.set(glob, alternatives);
  }
  return alternatives.some((t) => matchTokens(path, t));
}

function tokens(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charCodeAt(i);
    if (c === 42 /* * */ && glob.charCodeAt(i + 1) === 42) {
      i++;
      // `**/` is `**`: the slash after it is part of what it matches (zero folders included).
      if (glob.charCodeAt(i + 1) === SLASH) i++;
      if (out.at(-1)?.kind !== 'any') out.push({ kind: 'any' });
    } else if (c === 42) {
      if (out.at(-1)?.kind !== 'name' && out.at(-1)?.kind !== 'any') out.push({ kind: 'name' });
    } else if (c === 63 /* ? */) {
      out.push({ kind: 'one' });
    } else {
      out.push({ kind: 'char', char: c });
    }
  }
  return out;
}

/** Whether the path, or a tail of it after a `/`, matches the tokens. */
function matchTokens(path: string, t: Token[]): boolean {
  const n = t.length;
  let active = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  const add = (set: Uint8Array, s: number) => {
    // A `*` or `**` may match nothing: the state after it is active too.
    for (; s <= n; s++) {
      set[s] = 1;
      if (s === n || (t[s]!.kind !== 'name' && t[s]!.kind !== 'any')) break;
    }
  };
  add(active, 0);
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    next.fill(0);
    for (let s = 0; s < n; s++) {
      if (!active[s]) continue;
      const tok = t[s]!;
      switch (tok.kind) {
        case 'char':
          if (tok.char === c) add(next, s + 1);
          break;
        case 'one':
          if (c !== SLASH) add(next, s + 1);
          break;
        case 'name':
          if (c !== SLASH) add(next, s);
          break;
        case 'any':
          add(next, s);
          break;
      }
    }
    // A match may also start after any slash.
    if (c === SLASH) add(next, 0);
    [active, next] = [next, active];
  }
  return active[n] === 1;
}

/** Thrown inside the expansion when it would make more than MAX_ALTERNATIVES (this one instance: no stack is taken each time). */
const TOO_MANY = new Error('too many alternatives');

/**
 * `a{b,c{d,e}}f` -> `abf`, `acdf`, `acef`. Unbalanced braces, more than
 * MAX_ALTERNATIVES alternatives, or a glob longer than MAX_EXPANDED: the glob as
 * written, whole (never half expanded). Each part is expanded once, and no step
 * makes more than MAX_ALTERNATIVES strings: the work is bounded by the glob's length.
 */
export function expandBraces(glob: string): string[] {
  if (!glob.includes('{') || glob.length > MAX_EXPANDED) return [glob];
  try {
    return expand(glob);
  } catch (error) {
    if (error === TOO_MANY) return [glob];
    throw error;
  }
}

function expand(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      close = i;
      break;
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob];
  const head = glob.slice(0, open);
  const inners: string[] = [];
  let from = open + 1;
  for (const at of [...commas, close]) {
    for (const inner of expand(glob.slice(from, at))) {
      if (inners.length >= MAX_ALTERNATIVES) throw TOO_MANY;
      inners.push(inner);
    }
    from = at + 1;
  }
  const tails = expand(glob.slice(close + 1));
  if (tails.length * inners.length > MAX_ALTERNATIVES) throw TOO_MANY;
  const out: string[] = [];
  for (const tail of tails) for (const inner of inners) out.push(head + inner + tail);
  return out;
}
