import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { withTable } from '../scripts/readme-rules';
import { RULE_IDS } from '../src/engine';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

test('the README rule table is the one generated from the rules', () => {
  expect(readme).toBe(withTable(readme));
  for (const id of RULE_IDS) expect(readme).toContain(`| \`${id}\` |`);
});

test('the Quick start has exactly two commands', () => {
  const section = readme.split('## Quick start')[1]!.split('\n## ')[0]!;
  const commands = section.split('\n').filter((l) => l.startsWith('    '));
  expect(commands.map((c) => c.trim())).toEqual(['npm ci && npm start', 'npm test']);
});
