/**
 * Trace text is untrusted: every label that reaches Mermaid goes through here.
 * Anything that is not a plain word character, space or harmless punctuation is
 * written as a Mermaid entity code (`#60;`), so a line holding Mermaid syntax
 * (`%%{init}%%`, `click`, `;`, `-->>`), HTML or `<script>` is shown as text and
 * can neither break the diagram nor run.
 */
const SAFE = /^[A-Za-z0-9 _.,()/=+:\-·→←✓✗⚠…µ–]$/u;

export function mermaidText(text: string, maxLength = 120): string {
  let s = text.length > maxLength ? text.slice(0, maxLength - 1) + '…' : text;
  s = s.replace(/[\r\n\t]+/g, ' ');
  let out = '';
  for (const ch of s) {
    out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}
