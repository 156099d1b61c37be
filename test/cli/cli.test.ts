/**
 * The `oidtrace` command, called in-process through `main(argv, out, err)`:
 * exit codes, the text / JSON / SARIF formats, `--rule`, standard input,
 * `diagram`, and unreadable inputs. One test spawns the real entry point.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, RULE_IDS } from '../../src/engine';
import { FIXTURES_DIR, ROOT, SAMPLES_DIR } from '../engine/helpers';
import { runCli } from '../helpers/cli';

/** Paths as a user types them, relative to where the command runs. */
const samplePath = (name: string) => relative(process.cwd(), join(SAMPLES_DIR, name));
const fixturePath = (name: string) => relative(process.cwd(), join(FIXTURES_DIR, name));
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

const TEARDOWN_ORDER_MESSAGE =
  'T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT for VPort 3 (VF 2) (line 9); ' +
  'the documented VF teardown is T1 MOVE_FILTER -> T2 DELETE_VPORT -> T3 RESET_VF -> T4 FREE_VF';

const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('exit codes', () => {
  it('0 for the clean samples, with no output', async () => {
    const r = await runCli(['lint', samplePath('teardown-clean.oidtrace'), samplePath('setup-clean.oidtrace'), samplePath('guest-boot.log')]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });

  it('1 when an error-severity diagnostic is found', async () => {
    const r = await runCli(['lint', samplePath('teardown-order.oidtrace')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
  });

  it('0 when only warnings are found (they are still printed)', async () => {
    const r = await runCli(['lint', samplePath('teardown-missing-step.oidtrace')]);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toHaveLength(1);
    expect(r.out).toContain(': warning teardown-missing-step ');
  });

  it.each([
    ['a file that does not exist', ['lint', 'no/such/trace.oidtrace'], 'oidtrace: no/such/trace.oidtrace: no such file'],
    ['a directory given to diagram', ['diagram', 'samples'], 'oidtrace: samples: is a directory, not a trace file'],
    ['an unknown flag', ['lint', '--bogus', 'x.oidtrace'], "oidtrace: unknown option '--bogus' for lint (see --help)"],
    ['an unknown rule id in --rule', ['lint', '--rule', 'no-such-rule=off', 'x.oidtrace'], `oidtrace: unknown rule 'no-such-rule'; rules are ${RULE_IDS.join(', ')}`],
    [
      'a bad severity in --rule',
      ['lint', '--rule', 'teardown-order=loud', 'x.oidtrace'],
      "oidtrace: unknown severity 'loud' for teardown-order; use off, info, warning or error",
    ],
    ['a --rule without =', ['lint', '--rule', 'teardown-order', 'x.oidtrace'], "oidtrace: --rule takes RULE=off|info|warning|error, got 'teardown-order'"],
    ['--rule with no value', ['lint', 'x.oidtrace', '--rule'], 'oidtrace: --rule needs a value'],
    ['a bad --format', ['lint', '--format', 'xml', 'x.oidtrace'], 'oidtrace: --format xml is not one of text, json, sarif'],
    ['an unknown command', ['check', 'x.oidtrace'], "oidtrace: unknown command 'check'; expected lint, diagram, convert or dialect suggest (see --help)"],
    ['lint with no file', ['lint'], 'oidtrace: lint needs a FILE (or - for standard input)'],
    ['diagram with two files', ['diagram', 'a.oidtrace', 'b.oidtrace'], 'oidtrace: diagram takes one FILE'],
    ['--vf given to lint', ['lint', '--vf', '2', 'x.oidtrace'], 'oidtrace: --clock-offset, --adapter and lint --vf go with --correlate'],
  ])('2 for %s, with one clear line and no stack trace', async (_label, argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(message + '\n');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('2 when one of several files cannot be read; the others are still linted', async () => {
    const r = await runCli(['lint', 'missing.oidtrace', samplePath('teardown-order.oidtrace')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('oidtrace: missing.oidtrace: no such file\n');
    expect(lines(r.out)).toEqual([`${samplePath('teardown-order.oidtrace')}:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}`]);
  });
});

describe('binary input', () => {
  const bin = join(tmp, 'capture.etl');
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  writeFileSync(bin, bytes);
  const zip = join(tmp, 'bundle.zip');
  writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2\n')]));

  it('one line "not a text trace", exit 2, and the other files in the run are still linted', async () => {
    const r = await runCli(['lint', bin, samplePath('teardown-order.oidtrace'), zip]);
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual([`oidtrace: ${bin}: not a text trace (binary content)`, `oidtrace: ${zip}: not a text trace (binary content)`]);
    expect(lines(r.out)).toEqual([`${samplePath('teardown-order.oidtrace')}:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}`]);
  });

  it('in JSON the binary file is reported with its error', async () => {
    const r = await runCli(['lint', '--format', 'json', bin]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ files: [{ path: bin, error: 'not a text trace (binary content)', events: 0, diagnostics: [] }] });
  });

  it('diagram refuses it the same way', async () => {
    const r = await runCli(['diagram', bin]);
    expect(r).toEqual({ code: 2, out: '', err: `oidtrace: ${bin}: not a text trace (binary content)\n` });
  });
});

describe('text format: path:line:col: severity rule-id message', () => {
  it('exactly, for a sample', async () => {
    const r = await runCli(['lint', samplePath('teardown-order.oidtrace')]);
    expect(r.out).toBe(`${samplePath('teardown-order.oidtrace')}:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}\n`);
  });

  it('every line of every sample matches the problem matcher', async () => {
    const names = [
      'teardown-order',
      'teardown-missing-step',
      'vf-still-in-use',
      'filters-not-moved',
      'vports-still-attached',
      'vf-not-allocated',
      'setup-order',
      'switch-in-use',
      'vport-per-vf',
      'oid-failed-and-pending',
      'unknown-oid',
      'syntax-errors',
    ];
    const r = await runCli(['lint', ...names.map((n) => samplePath(n + '.oidtrace')), samplePath('host-servicing.log')]);
    expect(r.code).toBe(1);
    const out = lines(r.out);
    expect(out.length).toBeGreaterThan(names.length);
    for (const line of out) expect(line).toMatch(/^(?:[^:]+):(\d+):(\d+): (error|warning|info) ([a-z-]+) \S.*$/);
    // Each sample fires the rule it is named after.
    for (const n of names.filter((x) => RULE_IDS.includes(x))) {
      expect(out.some((l) => l.startsWith(samplePath(n + '.oidtrace') + ':') && l.includes(` ${n} `))).toBe(true);
    }
  });

  it('the diagnostics of each sample at their lines', async () => {
    const at = async (name: string) => lines((await runCli(['lint', samplePath(name)])).out).map((l) => l.replace(/^[^:]+:/, '').replace(/ (\S+) (\S+) .*$/, ' $1 $2'));
    expect(await at('vf-still-in-use.oidtrace')).toEqual(['6:36: error vf-still-in-use', '8:36: error vf-still-in-use']);
    expect(await at('setup-order.oidtrace')).toEqual(['4:39: error setup-order', '8:39: error setup-order']);
    expect(await at('switch-in-use.oidtrace')).toEqual(['8:36: error switch-in-use']);
    expect(await at('syntax-errors.oidtrace')).toEqual([
      '4:32: error syntax',
      '5:55: error syntax',
      '6:1: error syntax',
      '7:36: warning teardown-missing-step',
      '7:36: error vports-still-attached',
    ]);
    expect(await at('host-servicing.log')).toEqual(['7:79: error teardown-order']);
    // A Linux guest's syslog named *.log: its first lines take it off the driver-log fast path.
    expect(await at('guest-vf-lost.log')).toEqual(['2:100: warning datapath-switch-failed', '5:100: error vf-lost']);
    expect(await at('guest-order.log')).toEqual(['9:102: warning guest-order']);
  });

  it("a Linux guest's kernel log by its name (dmesg*.txt, syslog) and on standard input", async () => {
    const text = readFileSync(join(SAMPLES_DIR, 'guest-vf-lost.log'));
    for (const name of ['dmesg-2026-11-21.txt', 'syslog']) {
      const path = join(tmp, name);
      writeFileSync(path, text);
      const r = await runCli(['lint', path]);
      expect(lines(r.out).map((l) => l.slice(path.length + 1).replace(/ (\S+) (\S+) .*$/, ' $1 $2'))).toEqual([
        '2:100: warning datapath-switch-failed',
        '5:100: error vf-lost',
      ]);
    }
    const r = await runCli(['lint', '--format', 'json', '-'], [text]);
    const file = JSON.parse(r.out).files[0];
    expect(file.events).toBe(8);
    expect(file.diagnostics.map((d: { line: number; rule: string }) => `${d.line} ${d.rule}`)).toEqual(['2 datapath-switch-failed', '5 vf-lost']);
  });

  it("a Linux guest's log named *.log that starts with two byte-order marks, and is short: still a guest log", async () => {
    // Found by the fuzz loop: the second mark hid line 1's kernel-log prefix from the sniff,
    // so 1 of 3 lines looked like a kernel log and the file took the driver-log path (0 events).
    const text = readFileSync(join(SAMPLES_DIR, 'guest-order.log'), 'utf8').split('\n').slice(0, 2).join('\n') + '\nand a line cut sho\n';
    const path = join(tmp, 'two-boms.log');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const file = JSON.parse((await runCli(['lint', '--format', 'json', path])).out).files[0];
    expect(file.events).toBe(2);
    expect(file.events).toBe(analyze(text, { fileName: path }).eventCount);
  });
});

describe('--rule', () => {
  it('X=off removes X', async () => {
    const r = await runCli(['lint', '--rule', 'teardown-order=off', samplePath('teardown-order.oidtrace')]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });

  it('X=warning keeps the finding but not the error exit', async () => {
    const r = await runCli(['lint', '--rule=teardown-order=warning', samplePath('teardown-order.oidtrace')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${samplePath('teardown-order.oidtrace')}:7:36: warning teardown-order ${TEARDOWN_ORDER_MESSAGE}\n`);
  });

  it('X=error raises a warning rule to a failing one; repeatable', async () => {
    const r = await runCli([
      'lint',
      '--rule',
      'vport-per-vf=error',
      '--rule',
      'oid-pending=off',
      samplePath('vport-per-vf.oidtrace'),
      samplePath('oid-failed-and-pending.oidtrace'),
    ]);
    expect(r.code).toBe(1);
    expect(lines(r.out).map((l) => l.replace(/^.*?samples\//, '').replace(/ (\S+) (\S+) .*$/, ' $1 $2'))).toEqual([
      'vport-per-vf.oidtrace:7:39: error vport-per-vf',
      'oid-failed-and-pending.oidtrace:8:41: warning oid-failed',
      'oid-failed-and-pending.oidtrace:9:36: warning teardown-missing-step',
    ]);
  });

  it('--step-slow-ms sets the step-slow threshold', async () => {
    const r = await runCli(['lint', '--step-slow-ms', '30', samplePath('teardown-clean.oidtrace')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${samplePath('teardown-clean.oidtrace')}:13:36: info step-slow OID_SRIOV_RESET_VF for VF 2 took 40.0 ms to complete (threshold 30.0 ms)\n`);
  });
});

describe('JSON format', () => {
  it('has exactly the shape of the issue', async () => {
    const r = await runCli(['lint', '--format', 'json', samplePath('teardown-order.oidtrace'), samplePath('teardown-clean.oidtrace')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      files: [
        {
          path: samplePath('teardown-order.oidtrace'),
          events: 10,
          diagnostics: [
            {
              line: 7,
              column: 36,
              endLine: 7,
              endColumn: 54,
              severity: 'error',
              rule: 'teardown-order',
              message: TEARDOWN_ORDER_MESSAGE,
              docs: 'https://learn.microsoft.com/windows-hardware/drivers/network/virtual-function-teardown-sequence',
              related: [{ line: 9, column: 36, message: 'T2 OID_NIC_SWITCH_DELETE_VPORT should come first' }],
            },
          ],
        },
        { path: samplePath('teardown-clean.oidtrace'), events: 13, diagnostics: [] },
      ],
    });
  });

  it('every diagnostic of every sample has the documented keys and a docs link', async () => {
    const r = await runCli(['lint', '--format', 'json', samplePath('vf-not-allocated.oidtrace'), samplePath('unknown-oid.oidtrace')]);
    const json = JSON.parse(r.out) as { files: Array<{ diagnostics: Array<Record<string, unknown>> }> };
    for (const d of json.files.flatMap((f) => f.diagnostics)) {
      expect(Object.keys(d)).toEqual(['line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message', 'docs', 'related']);
      expect(d.docs).toMatch(/^https:\/\/learn\.microsoft\.com\/windows-hardware\/drivers\/network\/[a-z0-9-]+$/);
    }
  });
});

describe('SARIF 2.1.0', () => {
  it('has the version, the tool with every rule, and results with ruleId, level and region', async () => {
    const r = await runCli([
      'lint',
      '--format',
      'sarif',
      '--rule',
      'oid-failed=info',
      samplePath('teardown-order.oidtrace'),
      samplePath('oid-failed-and-pending.oidtrace'),
    ]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('oidtrace');
    expect(driver.rules.map((x: { id: string }) => x.id)).toEqual([...RULE_IDS]);
    expect(driver.rules.find((x: { id: string }) => x.id === 'step-slow').defaultConfiguration).toEqual({ level: 'note' });
    expect(driver.rules.find((x: { id: string }) => x.id === 'teardown-order').helpUri).toBe(
      'https://learn.microsoft.com/windows-hardware/drivers/network/virtual-function-teardown-sequence',
    );
    const results = sarif.runs[0].results;
    expect(results.map((x: { ruleId: string; level: string }) => `${x.ruleId} ${x.level}`)).toEqual([
      'teardown-order error',
      'oid-failed note',
      'oid-pending warning',
      'teardown-missing-step warning',
    ]);
    expect(results[0]).toEqual({
      ruleId: 'teardown-order',
      ruleIndex: RULE_IDS.indexOf('teardown-order'),
      level: 'error',
      message: { text: TEARDOWN_ORDER_MESSAGE },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: samplePath('teardown-order.oidtrace') },
            region: { startLine: 7, startColumn: 36, endLine: 7, endColumn: 54 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 0,
          message: { text: 'T2 OID_NIC_SWITCH_DELETE_VPORT should come first' },
          physicalLocation: {
            artifactLocation: { uri: samplePath('teardown-order.oidtrace') },
            region: { startLine: 9, startColumn: 36, endColumn: 63 },
          },
        },
      ],
    });
    expect(sarif.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('an unreadable input is a notification and an unsuccessful execution', async () => {
    const r = await runCli(['lint', '--format', 'sarif', 'missing.log']);
    expect(r.code).toBe(2);
    const run0 = JSON.parse(r.out).runs[0];
    expect(run0.results).toEqual([]);
    expect(run0.invocations).toEqual([{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'missing.log: no such file' } }] }]);
  });
});

describe('standard input (-)', () => {
  const canonical = readFileSync(join(SAMPLES_DIR, 'teardown-order.oidtrace'), 'utf8');

  it('reads a canonical trace, sniffed without a file name, reported as -', async () => {
    const r = await runCli(['lint', '-'], [canonical]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`-:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}\n`);
  });

  it('the same when standard input arrives a few bytes at a time', async () => {
    const bytes = Buffer.from(canonical);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.subarray(i, i + 5));
    const r = await runCli(['lint', '-'], chunks);
    expect(r.out).toBe(`-:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}\n`);
  });

  it('UTF-16 LE with BOM and CRLF, as PowerShell writes it', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(canonical.replace(/\n/g, '\r\n'), 'utf16le')]);
    const r = await runCli(['lint', '-'], [bytes.subarray(0, 3), bytes.subarray(3)]);
    expect(r.out).toBe(`-:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}\n`);
  });

  it('a WPP log on standard input', async () => {
    const r = await runCli(['lint', '--format', 'json', '-'], [readFileSync(join(SAMPLES_DIR, 'host-servicing.log'))]);
    const file = JSON.parse(r.out).files[0];
    expect(file.path).toBe('-');
    expect(file.events).toBe(8);
    expect(file.diagnostics.map((d: { line: number; rule: string }) => `${d.line} ${d.rule}`)).toEqual(['7 teardown-order']);
  });

  it('in SARIF, standard input is the uri "stdin"', async () => {
    const r = await runCli(['lint', '--format', 'sarif', '-'], [canonical]);
    expect(JSON.parse(r.out).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('stdin');
  });

  it('the real command reads a pipe and exits 1', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const p = spawnSync(tsx, [join(ROOT, 'src', 'cli', 'main.ts'), 'lint', '-'], { input: canonical, encoding: 'utf8', timeout: 60000 });
    expect(p.status).toBe(1);
    expect(p.stdout).toBe(`-:7:36: error teardown-order ${TEARDOWN_ORDER_MESSAGE}\n`);
  });
});

describe('files in other encodings', () => {
  it('UTF-16 LE/BE with BOM and UTF-8 with BOM give what UTF-8 gives', async () => {
    const text = readFileSync(join(SAMPLES_DIR, 'vf-not-allocated.oidtrace'), 'utf8');
    const expected = lines((await runCli(['lint', samplePath('vf-not-allocated.oidtrace')])).out).map((l) => l.replace(/^[^:]+/, ''));
    expect(expected).toHaveLength(5);
    const variants: Array<[string, Buffer]> = [
      ['le.oidtrace', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')])],
      ['be.oidtrace', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
      ['bom.oidtrace', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r'))])],
    ];
    for (const [name, bytes] of variants) {
      const f = join(tmp, name);
      writeFileSync(f, bytes);
      const r = await runCli(['lint', f]);
      expect(r.code).toBe(1);
      expect(lines(r.out).map((l) => l.slice(f.length))).toEqual(expected);
    }
  });
});

describe('the WPP log with hex codes and its canonical equivalent', () => {
  it('find the same rule ids at the same lines', async () => {
    const strip = (out: string) => lines(out).map((l) => l.replace(/^[^:]+:/, ''));
    for (const [log, canonical] of [
      [samplePath('host-servicing.log'), fixturePath('host-servicing.oidtrace')],
      [fixturePath('hex-problems.log'), fixturePath('hex-problems.oidtrace')],
    ]) {
      const a = await runCli(['lint', log!]);
      const b = await runCli(['lint', canonical!]);
      expect(a.code).toBe(1);
      expect(b.code).toBe(1);
      expect(strip(a.out).length).toBeGreaterThan(0);
      expect(strip(a.out).map((l) => l.replace(/^(\d+):\d+: (\S+) (\S+) .*$/, '$1 $2 $3'))).toEqual(
        strip(b.out).map((l) => l.replace(/^(\d+):\d+: (\S+) (\S+) .*$/, '$1 $2 $3')),
      );
      expect(strip(a.out).map((l) => l.replace(/^\d+:\d+: /, ''))).toEqual(strip(b.out).map((l) => l.replace(/^\d+:\d+: /, '')));
    }
  });
});

describe('diagram', () => {
  it('--vf 2 --format markdown prints one ```mermaid block per episode of VF 2', async () => {
    const r = await runCli(['diagram', samplePath('teardown-order.oidtrace'), '--vf', '2', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.startsWith('## pf0 · VF 2 teardown (lines 3–12, 1 problem)\n\n```mermaid\nsequenceDiagram\n')).toBe(true);
    expect(r.out.match(/^```mermaid$/gm)).toHaveLength(1);
    expect(r.out.match(/^```$/gm)).toHaveLength(1);
    expect(r.out).toContain(
      '  rect rgba(255, 170, 0, 0.22)\n  P0->>P1: T3 RESET_VF VF 2\n  Note over P0,P1: ⚠ teardown-order: should follow T2 DELETE_VPORT (line 9)\n  end\n',
    );
  });

  it('only the episodes of the VF asked for', async () => {
    const r = await runCli(['diagram', fixturePath('multi-vf-interleaved.oidtrace'), '--vf', '1', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.out.match(/^## .*$/gm)).toEqual(['## pf0 · VF 1 teardown (lines 4–31, 0 problems)', '## pf1 · VF 1 teardown (lines 17–27, 0 problems)']);
    expect(r.out.match(/^```mermaid$/gm)).toHaveLength(2);
  });

  it('mermaid format (the default): a %% title line before each diagram, every episode', async () => {
    const r = await runCli(['diagram', samplePath('vf-still-in-use.oidtrace')]);
    expect(r.code).toBe(0);
    expect(r.out.match(/^%% .*$/gm)).toEqual(['%% pf0 · VF 1 setup (lines 4–5, 0 problems)', '%% pf0 · VF 1 teardown (lines 6–14, 2 problems)']);
    expect(r.out.match(/^sequenceDiagram$/gm)).toHaveLength(2);
    expect(r.out).not.toContain('```');
  });

  it('--page-size pages long episodes, each page its own diagram', async () => {
    const f = join(tmp, 'long.oidtrace');
    const body: string[] = [];
    for (let i = 0; i < 125; i++) body.push('VSTACK -> PF METHOD OID_NIC_SWITCH_VF_PARAMETERS vf=2', 'PF -> VSTACK COMPLETE OID_NIC_SWITCH_VF_PARAMETERS vf=2');
    writeFileSync(f, body.join('\n'));
    const r = await runCli(['diagram', f, '--page-size', '100']);
    expect(r.out.match(/^%% .*$/gm)).toEqual([
      '%% VF 2 (lines 1–250, 0 problems), page 1 of 3',
      '%% VF 2 (lines 1–250, 0 problems), page 2 of 3',
      '%% VF 2 (lines 1–250, 0 problems), page 3 of 3',
    ]);
  });

  it('no episode of the VF: exit 2', async () => {
    const r = await runCli(['diagram', samplePath('teardown-order.oidtrace'), '--vf', '9']);
    expect(r).toEqual({ code: 2, out: '', err: `oidtrace: ${samplePath('teardown-order.oidtrace')}: no episode of VF 9\n` });
  });

  it('an adapter name holding Mermaid or HTML (a WPP component) is escaped in the titles', async () => {
    const f = join(tmp, 'hostile.log');
    writeFileSync(f, '[1]0A3C.0F10::11/21/2026-10:41:07.110000 [%%{init: {"themeCSS": "x"}}%%<script>alert(1)</script>;click] Set OID_SRIOV_RESET_VF VFId=2\n');
    for (const format of ['mermaid', 'markdown']) {
      const r = await runCli(['diagram', f, '--format', format]);
      expect(r.code).toBe(0);
      expect(r.out).not.toContain('%%{');
      expect(r.out).not.toContain('<script>');
      expect(r.out).toContain('#60;script#62;');
    }
  });

  it('reads standard input too', async () => {
    const r = await runCli(['diagram', '-', '--vf', '4'], [readFileSync(join(SAMPLES_DIR, 'teardown-missing-step.oidtrace'))]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  Note over P0,P2: missing: T3 OID_SRIOV_RESET_VF\n');
  });
});

describe('help and version', () => {
  it('--help prints the usage and every rule, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('oidtrace lint [options] FILE...');
    expect(r.out).toContain(`Rules: ${RULE_IDS.join(', ')}`);
    expect((await runCli([])).out).toBe(r.out);
  });

  it('--help documents -j/--jobs and --no-progress among the lint options', async () => {
    const { out } = await runCli(['--help']);
    const lintOptions = out.split('lint options:\n')[1]!.split('\n\n')[0]!;
    expect(lintOptions).toMatch(/^ {2}-j, --jobs N +lint N files at a time, each on a worker thread/m);
    expect(lintOptions).toMatch(/^ {2}--no-progress +no progress line on standard error/m);
  });

  it('--version prints a version, exit 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?\n$/);
  });
});

describe('a directory given to diagram', () => {
  it('is reported whether or not it ends in .oidtrace', async () => {
    const d = join(tmp, 'dir.oidtrace');
    mkdirSync(d);
    const r = await runCli(['diagram', d]);
    expect(r).toEqual({ code: 2, out: '', err: `oidtrace: ${d}: is a directory, not a trace file\n` });
  });
});

describe('driver logs through lint agree with the engine, whatever their size and line ends', () => {
  /**
   * A log of about 7 MB: noise lines, and for each VF k a RESET_VF printed
   * before its DELETE_VPORT (a teardown-order error at the RESET_VF's line),
   * some of them in suppressed pairs. Lines of every length, so OID lines fall
   * across any chunk boundary a reader may use.
   */
  function bigLog(lineEnd: string): { text: string; expected: string[]; lines: number } {
    const out: string[] = [];
    const expected: string[] = [];
    const noise = (n: number) => {
      for (let i = 0; i < n; i++) out.push(`[0]0004.0050::11/21/2026-10:41:07.000000 [mlx5]MlxRxPoll: queue ${i % 8} processed ${'x'.repeat((i * 37) % 300)} packets`);
    };
    for (let k = 0; k < 90; k++) {
      noise(300 + ((k * 13) % 97));
      if (k % 10 === 3) out.push(`# oidtrace-disable-next-line teardown-order -- OID_SRIOV_RESET_VF of VF ${k} is retried`);
      out.push(`MlxSetInformation: Unknown OID 00010255 VfId: ${k} -->`);
      if (k % 10 !== 3) expected.push(`${out.length}:32 teardown-order VF ${k}`);
      noise(k % 5);
      out.push(`MlxSetInformation: Unknown OID 0x00010244 VPortId ${k + 1000} VFId=${k} -->`);
    }
    noise(10);
    return { text: out.join(lineEnd) + lineEnd, expected, lines: out.length + 1 };
  }

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('%s', async (_label, lineEnd) => {
    const { text, expected, lines: lineCount } = bigLog(lineEnd);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024 + 1_000_000);
    const f = join(tmp, `big-${_label}.log`);
    writeFileSync(f, text);
    const r = await runCli(['lint', '--format', 'json', f]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const file = JSON.parse(r.out).files[0];
    expect(file.events).toBe(180);
    const got = file.diagnostics.map(
      (d: { line: number; column: number; rule: string; message: string }) => `${d.line}:${d.column} ${d.rule} ${/for (VF \d+)/.exec(d.message)![1]}`,
    );
    expect(got).toEqual(expected);
    // And the engine on the whole string says the same.
    const whole = analyze(text, { fileName: f });
    expect(whole.lines).toBe(lineCount);
    expect(whole.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule} ${/for (VF \d+)/.exec(d.message)![1]}`)).toEqual(expected);
  });

  it('UTF-8 with BOM, lone CR, and a last line without a line break', async () => {
    const text = readFileSync(join(SAMPLES_DIR, 'host-servicing.log'), 'utf8');
    const variants: Array<[string, Buffer]> = [
      ['bom.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['cr.log', Buffer.from(text.replace(/\n/g, '\r'))],
      ['noeol.log', Buffer.from(text.replace(/\n$/, ''))],
      ['suppressed.log', Buffer.from('# oidtrace-disable-next-line vf-still-in-use -- OID_SRIOV_RESET_VF noted\n' + text)],
    ];
    const expected: Record<string, string[]> = {
      'bom.log': ['7:79 teardown-order'],
      'cr.log': ['7:79 teardown-order'],
      'noeol.log': ['7:79 teardown-order'],
      'suppressed.log': ['8:79 teardown-order'],
    };
    for (const [name, bytes] of variants) {
      const f = join(tmp, name);
      writeFileSync(f, bytes);
      const r = await runCli(['lint', '--format', 'json', f]);
      const file = JSON.parse(r.out).files[0];
      expect([name, file.events, file.diagnostics.map((d: { line: number; column: number; rule: string }) => `${d.line}:${d.column} ${d.rule}`)]).toEqual([
        name,
        8,
        expected[name],
      ]);
    }
  });
});

describe('convert: any recognised log to the canonical form', () => {
  it('prints each OID event as an .oidtrace line; the result lints the same as the log', async () => {
    const r = await runCli(['convert', samplePath('host-servicing.log')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `# ${samplePath('host-servicing.log')}: its OID events in the canonical .oidtrace form (oidtrace convert)`,
      '@adapter mlx5',
      '11/21/2026-10:41:07.110000 VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER vf=2 filter=7 from=3 to=0',
      '11/21/2026-10:41:07.110400 PF -> VSTACK COMPLETE OID_RECEIVE_FILTER_MOVE_FILTER NDIS_STATUS_SUCCESS vf=2 filter=7 from=3 to=0',
    ]);
    const findings = (text: string, name: string) => analyze(text, { fileName: name }).diagnostics.map((d) => `${d.rule} ${d.message.replace(/\(line \d+\)/g, '')}`);
    expect(findings(r.out, 'x.oidtrace')).toEqual(findings(readFileSync(join(SAMPLES_DIR, 'host-servicing.log'), 'utf8'), 'host-servicing.log'));
  });

  it('-o writes a file; never over the input; --to accepts only oidtrace', async () => {
    const out = join(tmp, 'converted.oidtrace');
    expect((await runCli(['convert', samplePath('host-servicing.log'), '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('VSTACK -> PF SET OID_SRIOV_RESET_VF vf=2');
    const self = join(tmp, 'self.log');
    writeFileSync(self, readFileSync(join(SAMPLES_DIR, 'host-servicing.log')));
    expect(await runCli(['convert', self, '--output', self])).toEqual({
      code: 2,
      out: '',
      err: 'oidtrace: --output names the input file; convert never writes over a trace\n',
    });
    expect(readFileSync(self, 'utf8')).toBe(readFileSync(join(SAMPLES_DIR, 'host-servicing.log'), 'utf8'));
    expect(await runCli(['convert', self, '--to', 'pcap'])).toEqual({ code: 2, out: '', err: 'oidtrace: --to pcap: the only target is oidtrace\n' });
  });
});

describe('--dialect FILE.json: your own format', () => {
  const dialect = samplePath('custom/fwlog.dialect.json');

  it('lint reads the trace with the patterns', async () => {
    const r = await runCli(['lint', '--dialect', dialect, samplePath('custom/teardown.fwlog')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `^${samplePath('custom/teardown.fwlog').replace(/[./]/g, '\\$&')}:4:34: error teardown-order T3 OID_SRIOV_RESET_VF for VF 2 was issued before T2 OID_NIC_SWITCH_DELETE_VPORT`,
      ),
    );
  });

  it('convert turns it into the canonical form', async () => {
    const r = await runCli(['convert', '--dialect', dialect, samplePath('custom/teardown.fwlog')]);
    expect(r.out.split('\n').slice(1, 3)).toEqual([
      '@adapter pf0',
      '2026-11-21T10:41:07.110000Z VSTACK -> PF SET OID_RECEIVE_FILTER_MOVE_FILTER vf=2 filter=7 from=3 to=0 dialect=contoso-fwlog',
    ]);
  });

  it('a bad dialect file is one line and exit 2', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ pattern: '(?<vf>\\d+)' }));
    expect(await runCli(['lint', '--dialect', bad, samplePath('custom/teardown.fwlog')])).toEqual({
      code: 2,
      out: '',
      err: `oidtrace: --dialect ${bad}.pattern: needs a named group "oid", e.g. (?<oid>OID_\\w+)\n`,
    });
    writeFileSync(bad, '{ pattern: ');
    const r = await runCli(['lint', '--dialect', bad, samplePath('custom/teardown.fwlog')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^oidtrace: --dialect ${bad.replace(/[./]/g, '\\$&')}: not valid JSON \\(.+\\)\\n$`));
    expect(await runCli(['lint', '--dialect', join(tmp, 'none.json'), 'x.log'])).toEqual({
      code: 2,
      out: '',
      err: `oidtrace: --dialect ${join(tmp, 'none.json')}: no such file\n`,
    });
  });
});

describe('--correlate HOST GUEST', () => {
  const host = samplePath('correlate/host-servicing.log');
  const guest = samplePath('correlate/guest-dmesg.txt');

  it("reports R10 on the host's lines, says how the clocks were matched, exit 1", async () => {
    const r = await runCli(['lint', '--correlate', host, guest]);
    expect(r.code).toBe(1);
    expect(
      r.out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ').slice(0, 3).join(' ')),
    ).toEqual([`${host}:8:66: error vf-still-in-use`, `${host}:10:66: error vf-still-in-use`]);
    expect(r.err).toBe(
      `oidtrace: correlated ${host} and ${guest}: guest clock +1795257500.103000 s, estimated from VF 2's setup (the guest's "VF slot added" right after the host's last setup OID); the guest's VF is pf0 VF 2\n`,
    );
  });

  it('JSON: a related location in the other file names its path', async () => {
    const r = await runCli(['lint', '--correlate', host, guest, '--format', 'json']);
    const files = JSON.parse(r.out).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual([host, guest]);
    expect(files[0].diagnostics[0].related).toEqual([{ path: guest, line: 6, column: 69, message: 'the guest moved to the VF data path here' }]);
  });

  it('usage: two files, options that only go with it, what the traces cannot tell', async () => {
    expect(await runCli(['lint', '--correlate', host])).toEqual({ code: 2, out: '', err: 'oidtrace: --correlate takes two files: HOST GUEST\n' });
    expect(await runCli(['lint', '--clock-offset', '5', host])).toEqual({
      code: 2,
      out: '',
      err: 'oidtrace: --clock-offset, --adapter and lint --vf go with --correlate\n',
    });
    expect(await runCli(['lint', '--correlate', host, host])).toEqual({
      code: 2,
      out: '',
      err: `oidtrace: --correlate: ${host} holds no guest VF events (hv_netvsc / hv_pci lines, or VSC / NETVSC / VF lifecycle lines)\n`,
    });
  });

  it("diagram draws the host's and the guest's lanes in one teardown", async () => {
    const r = await runCli(['diagram', '--correlate', host, guest, '--vf', '2']);
    expect(r.code).toBe(0);
    const teardown = r.out.slice(r.out.indexOf('%% pf0 · VF 2 teardown'));
    expect(teardown).toContain('participant P0 as Virtualization stack');
    expect(teardown).toContain('participant P2 as NetVSC');
    expect(teardown.indexOf('T4 FREE_VF VF 2')).toBeLessThan(teardown.indexOf('G4 Data path switched from VF: enP36100s1'));
  });
});

describe('lint --format json --episodes', () => {
  it('lists each episode with its documented steps, their states, lines and durations', async () => {
    const r = await runCli(['lint', '--format', 'json', '--episodes', samplePath('teardown-order.oidtrace')]);
    const [episode] = JSON.parse(r.out).files[0].episodes;
    expect(episode).toEqual({
      title: 'pf0 · VF 2 teardown',
      kind: 'vf-teardown',
      adapter: 'pf0',
      vf: '2',
      firstLine: 3,
      lastLine: 12,
      problems: 1,
      steps: [
        { id: 'G1', state: 'not-seen' },
        { id: 'G2', state: 'not-seen' },
        { id: 'G3', state: 'in-order', line: 3 },
        { id: 'G4', state: 'in-order', line: 4 },
        { id: 'T1', state: 'in-order', line: 5, latencyMs: 0.4 },
        { id: 'T2', state: 'in-order', line: 9, latencyMs: 0.3 },
        { id: 'T3', state: 'out-of-order', line: 7, latencyMs: 40 },
        { id: 'T4', state: 'in-order', line: 11, latencyMs: 0.2 },
      ],
    });
  });

  it('without --episodes the JSON has none (lint keeps no closed episode)', async () => {
    const r = await runCli(['lint', '--format', 'json', samplePath('teardown-order.oidtrace')]);
    expect(JSON.parse(r.out).files[0].episodes).toBeUndefined();
  });
});
