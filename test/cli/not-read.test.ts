/**
 * A trace the command could not read is never silent: one line on standard
 * error per such file, the counts in JSON and SARIF, exit 0 all the same; the
 * same counts whichever path read the file (the byte scan or the text).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { analyze } from '../../src/engine';
import { analyzeFile } from '../../src/node/analyze-file';
import { SAMPLES_DIR } from '../engine/helpers';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const to = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  const code = await main(
    argv,
    to((s) => (out += s)),
    to((s) => (err += s)),
  );
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'oidtrace-not-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DOCS = 'https://github.com/oidtrace/oidtrace#your-own-format';

/** A firmware log that writes its OIDs its own way: VF lines, no event. */
function firmwareLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(
      i % 50 === 16
        ? `2026-11-21 10:41:07.${String(i % 1000).padStart(3, '0')} fw0 REQ SRIOV_RESET_VF vf=${i % 4}`
        : `2026-11-21 10:41:07.000 fw0 rx ring ${i % 8} refilled`,
    );
  }
  return out.join('\n') + '\n';
}

describe('a file in no format OID Trace reads', () => {
  const path = join(tmp, 'fw.log');
  writeFileSync(path, firmwareLog(2412));

  it('text: nothing on standard output, one line on standard error, exit 0', async () => {
    expect(await run(['lint', path])).toEqual({
      code: 0,
      out: '',
      err: `oidtrace: ${path}: 0 OID or VF events in 2,413 lines; 48 lines, like 17, 67 and 117, mention a VF but are in no format OID Trace reads — see "Your own format": ${DOCS}\n`,
    });
  });

  it('JSON: the counts and the first line numbers', async () => {
    const r = await run(['lint', '--format', 'json', path]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0]).toEqual({
      path,
      events: 0,
      notRead: {
        lines: 2413,
        eventLines: 0,
        unreadLines: 48,
        unreadBy: { oid: 0, hvNetvsc: 0, hvPci: 0, vf: 48 },
        firstUnread: [17, 67, 117, 167, 217],
        message: '0 OID or VF events in 2,413 lines; 48 lines, like 17, 67 and 117, mention a VF but are in no format OID Trace reads',
      },
      diagnostics: [],
    });
  });

  it('SARIF: a note-level result on the first such line, its rule described only then, the run still successful', async () => {
    const r = await run(['lint', '--format', 'sarif', path]);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.out).runs[0];
    const rules = sarif.tool.driver.rules;
    expect(rules[rules.length - 1]).toEqual({
      id: 'not-read',
      name: 'NotRead',
      shortDescription: { text: 'Lines name an OID or mention a VF, but OID Trace read few or no events from the file: its format is not one OID Trace reads' },
      helpUri: DOCS,
      defaultConfiguration: { level: 'note' },
    });
    expect(sarif.results).toEqual([
      {
        ruleId: 'not-read',
        ruleIndex: rules.length - 1,
        level: 'note',
        message: { text: '0 OID or VF events in 2,413 lines; 48 lines, like 17, 67 and 117, mention a VF but are in no format OID Trace reads — see "Your own format"' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: path.split('/').map(encodeURIComponent).join('/') },
              region: { startLine: 17, startColumn: 1, endLine: 17, endColumn: 52 },
            },
          },
        ],
        properties: {
          lines: 2413,
          eventLines: 0,
          unreadLines: 48,
          unreadBy: { oid: 0, hvNetvsc: 0, hvPci: 0, vf: 48 },
          firstUnread: [17, 67, 117, 167, 217],
          message: '0 OID or VF events in 2,413 lines; 48 lines, like 17, 67 and 117, mention a VF but are in no format OID Trace reads',
        },
      },
    ]);
    expect(sarif.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    expect(rules.filter((x: { id: string }) => x.id === 'not-read')).toHaveLength(1);
  });

  it('convert and diagram say it too', async () => {
    const note = `oidtrace: ${path}: 0 OID or VF events in 2,413 lines; 48 lines, like 17, 67 and 117, mention a VF but are in no format OID Trace reads — see "Your own format": ${DOCS}\n`;
    const converted = await run(['convert', path]);
    expect([converted.code, converted.err]).toEqual([0, note]);
    expect(await run(['diagram', path])).toEqual({ code: 2, out: '', err: `${note}oidtrace: ${path}: no OID events found\n` });
  });
});

describe('the byte scan and the text give the same counts', () => {
  it.each([
    ['a driver log with VF lines of its own', 'host.log'],
    ["a Linux guest's log not taken for one", 'guest.log'],
  ])('%s', async (_label, name) => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      if (i % 997 === 5) lines.push(`[0]0A3C.0F10::11/21/2026-10:41:07.110000 [pf0]MlxSetInformation: OID_SRIOV_RESET_VF VFId=${i % 7} -->`);
      else if (i % 101 === 3)
        lines.push(name === 'host.log' ? `MlxFlr: waiting for VF ${i % 7} transactions to drain` : `<6> hv_netvsc 6045 eth0: VF slot ${i % 7} added`);
      else if (i % 211 === 9) lines.push(`fw: reset Vf_Id: ${i % 7}`);
      else lines.push(`[1]0004.0050::11/21/2026-10:41:07.000311 [mlx5]MlxRxPoll: queue ${i % 8} processed ${'x'.repeat(i % 300)} packets, VFS ok, vfio`);
    }
    const text = lines.join('\n') + '\n';
    const path = join(tmp, name);
    writeFileSync(path, text);
    const whole = analyze(text, { fileName: path });
    const fromFile = await analyzeFile(path, {});
    expect(fromFile.reading).toEqual(whole.reading);
    expect(whole.reading.unreadLines).toBeGreaterThan(400);
    expect(whole.reading.notRead).toBe(true);
  });
});

describe('the bundled samples are read whole: no note, no new field', () => {
  it('lint --format json on every sample', async () => {
    const files = ['', 'correlate'].flatMap((d) =>
      readdirSync(join(SAMPLES_DIR, d), { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(process.cwd(), join(SAMPLES_DIR, d, e.name))),
    );
    const r = await run(['lint', '--format', 'json', ...files]);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).files.filter((f: { notRead?: unknown }) => f.notRead)).toEqual([]);
  });
});
