/**
 * `lint --format sarif` against the SARIF 2.1.0 JSON schema (draft-04), as
 * code-scanning services check an upload. The schema is the one published
 * for SARIF 2.1.0 (rtm.5), kept in test/fixtures/sarif/ as shipped in the
 * npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT).
 */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocs, RULES } from '../../src/engine';
import { FIXTURES_DIR, SAMPLES_DIR } from '../engine/helpers';
import { runCli } from '../helpers/cli';

const schema = JSON.parse(readFileSync(join(FIXTURES_DIR, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the schema's pattern for `language` has a stray `]`, an
// error under the u flag and a literal character without it (as JSON Schema reads it).
const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints as `path: message` lines (empty when the log is valid). */
function problems(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

const sample = (name: string) => relative(process.cwd(), join(SAMPLES_DIR, name));

describe('SARIF output and the 2.1.0 schema', () => {
  it('a run with results, related locations, every level and an unreadable file is valid', async () => {
    const r = await runCli([
      'lint',
      '--format',
      'sarif',
      '--rule',
      'oid-failed=info',
      sample('teardown-order.oidtrace'),
      sample('oid-failed-and-pending.oidtrace'),
      sample('host-servicing.log'),
      'missing.oidtrace',
    ]);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.out);
    const results = log.runs[0].results as Array<{ level: string; relatedLocations: unknown[] }>;
    // The run holds what the schema is asked about: each level, related locations, a notification.
    expect(new Set(results.map((x) => x.level))).toEqual(new Set(['error', 'warning', 'note']));
    expect(results.some((x) => x.relatedLocations.length > 0)).toBe(true);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(1);
    expect(problems(log)).toEqual([]);
  });

  it('each rule links to its documentation page', async () => {
    const log = JSON.parse((await runCli(['lint', '--format', 'sarif', sample('teardown-clean.oidtrace')])).out);
    expect(log.runs[0].tool.driver.rules.map((d: { id: string; helpUri: string }) => [d.id, d.helpUri])).toEqual(
      RULES.map((rule) => [rule.meta.id, ruleDocs(rule.meta)]),
    );
    expect(problems(log)).toEqual([]);
  });

  it('the check catches a log that breaks the schema', async () => {
    const log = JSON.parse((await runCli(['lint', '--format', 'sarif', sample('teardown-order.oidtrace')])).out);
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].tool.driver.rules[0].helpUri = 'not a uri';
    expect(problems(log)).toEqual([
      '/runs/0/tool/driver/rules/0/helpUri: must match format "uri"',
      '/runs/0/results/0/level: must be equal to one of the allowed values',
      '/runs/0/results/0/locations/0/physicalLocation/region/startLine: must be >= 1',
    ]);
  });
});
