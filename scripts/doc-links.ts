/**
 * Anchors and relative links of the project's Markdown files, as GitHub renders
 * them: the README's rule table links each derived rule to its heading in
 * docs/reference.md, and a test checks that every relative link resolves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REFERENCE = join(__dirname, '..', 'docs', 'reference.md');

/** A heading's anchor the way GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): Array<[line: string, n: number]> {
  const out: Array<[string, number]> = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((line, i) => {
    const m = /^\s{0,3}(```+|~~~+)/.exec(line);
    if (m) {
      if (fence === undefined) fence = m[1]![0]!;
      else if (m[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence === undefined) out.push([line, i + 1]);
  });
  return out;
}

/** Every anchor a file offers: its headings (a repeated one gets -1, -2, …) and explicit `<a id>` / `<a name>`. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [line] of proseLines(markdown)) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1]!);
  }
  return anchors;
}

/** The anchor of a derived rule's section in docs/reference.md (`## R4 — …`). */
export function referenceAnchor(id: string, reference = readFileSync(REFERENCE, 'utf8')): string {
  for (const [line] of proseLines(reference)) {
    const h = /^##\s+(R\d+)\s+—\s+.*$/.exec(line);
    if (h && h[1] === id) return slug(line.replace(/^##\s+/, ''));
  }
  throw new Error(`docs/reference.md has no section "## ${id} — …"`);
}

export interface Link {
  line: number;
  target: string;
}

/** Links and images whose target is in the repository (not http:, mailto:), outside code. */
export function relativeLinks(markdown: string): Link[] {
  const links: Link[] = [];
  for (const [raw, n] of proseLines(markdown)) {
    if (/^( {4}|\t)/.test(raw)) continue; // an indented code block
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ line: n, target });
    }
  }
  return links;
}

/** The links of `file` that lead nowhere: a missing file, or an anchor the target does not have. */
export function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const markdown = readFileSync(file, 'utf8');
  for (const { line, target } of relativeLinks(markdown)) {
    const [path, anchor] = target.split('#', 2) as [string, string | undefined];
    const to = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    if (!existsSync(to)) {
      broken.push(`${line}: ${target} (no such file)`);
      continue;
    }
    if (anchor !== undefined && /\.md$/i.test(to) && !anchorsOf(readFileSync(to, 'utf8')).has(anchor)) {
      broken.push(`${line}: ${target} (no such heading)`);
    }
  }
  return broken;
}
