import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { anchorsOf, brokenLinks, referenceAnchor, slug } from '../scripts/doc-links';
import { withTable } from '../scripts/readme-rules';
import { RULES, RULE_IDS } from '../src/engine';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const reference = readFileSync(join(root, 'docs', 'reference.md'), 'utf8');

test('the README rule table is the one generated from the rules', () => {
  expect(readme).toBe(withTable(readme));
  for (const id of RULE_IDS) expect(readme).toContain(`| \`${id}\` |`);
});

test('the Quick start has exactly two commands', () => {
  const section = readme.split('## Quick start')[1]!.split('\n## ')[0]!;
  const commands = section.split('\n').filter((l) => l.startsWith('    '));
  expect(commands.map((c) => c.trim())).toEqual(['npm ci && npm start', 'npm test']);
});

test('the README stays a user guide of under 300 lines', () => {
  expect(readme.split('\n').length).toBeLessThan(300);
});

test('headings get the anchors GitHub gives them', () => {
  expect(slug("R5 — A VF's VPorts go before the VF is freed")).toBe('r5--a-vfs-vports-go-before-the-vf-is-freed');
  expect(slug('The `.oidtrace` format')).toBe('the-oidtrace-format');
  expect(slug('Driver logs (WPP, TraceFmt, DbgPrint)')).toBe('driver-logs-wpp-tracefmt-dbgprint');
  expect(slug('OID_NIC_SWITCH_FREE_VF')).toBe('oid_nic_switch_free_vf');
  expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n<a id="x"></a>')]).toEqual(['a', 'a-1', 'x']);
});

test('every derived rule a rule checks has its section in docs/reference.md, naming that rule', () => {
  for (const rule of RULES) {
    for (const id of rule.meta.reference?.split(/\s*,\s*/) ?? []) {
      const anchor = referenceAnchor(id, reference);
      const section = reference.split(/\n(?=## )/).find((s) => slug(s.split('\n')[0]!.replace(/^## /, '')) === anchor)!;
      expect(section, `${id} in docs/reference.md`).toContain(`\`${rule.meta.id}\``);
    }
  }
  for (let n = 1; n <= 11; n++) expect(() => referenceAnchor(`R${n}`, reference)).not.toThrow();
});

test('every relative link of the documentation leads to a file and heading that exist', () => {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  const files = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...docs];
  const broken = files.flatMap((f) => brokenLinks(join(root, f)).map((b) => `${f}:${b}`));
  expect(broken).toEqual([]);
});
