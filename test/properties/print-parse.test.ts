/**
 * The canonical printer and the parser agree: for any valid event, printing it
 * and parsing the line gives the same kind, verb, actors, OID, status, ids,
 * time, adapter and attributes; for any sequence of events, the printed trace
 * analyzes without a syntax error into the same events at the same lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, catalog, formatTime, printCanonical, type TraceEvent } from '../../src/engine';
import { parseCanonicalLine } from '../../src/engine/dialects/canonical';
import type { RawEvent } from '../../src/engine/dialects/parsed-line';
import { event, SEED, identifier, type GeneratedEvent } from './arbitraries';

/** What must survive the round trip; times to the microsecond the printer writes. */
function essence(ev: GeneratedEvent | RawEvent | TraceEvent) {
  return {
    kind: ev.kind,
    verb: ev.verb,
    method: ev.method,
    actor: ev.actor,
    target: ev.target,
    adapter: ev.adapter,
    oid: ev.oid,
    oidCode: ev.oidCode,
    status: ev.status?.name,
    statusOk: ev.status?.ok,
    ids: ev.ids,
    attrs: ev.attrs,
    time: ev.time === undefined ? undefined : Math.round(ev.time * 1000),
  };
}

/** An OID written as a code the catalog does not hold. */
const isUnknown = (ev: GeneratedEvent) => ev.oid !== undefined && !catalog.isKnownOidName(ev.oid);

describe('printCanonical -> parse', () => {
  it('one event: the line parses back to the same event', () => {
    fc.assert(
      fc.property(event, (ev) => {
        const line = printCanonical(ev);
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCanonicalLine(line, 1, { adapter: 'default' });
        expect(parsed?.syntaxError).toBeUndefined();
        // A code the catalog does not hold is reported (unknown-oid), and still an event.
        expect(parsed?.unknownOids?.map((u) => u.name)).toEqual(isUnknown(ev) ? [ev.oid] : undefined);
        expect(essence(parsed!.event!)).toEqual(essence(ev));
        // The time as written, when the event had a written form.
        if (ev.timeText !== undefined) expect(parsed!.event!.timeText).toBe(ev.timeText);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('a sequence of events under @adapter lines: no syntax error, the same events at the same lines', () => {
    const item = fc.oneof({ weight: 6, arbitrary: event.map((e) => ({ event: e })) }, { weight: 1, arbitrary: identifier.map((a) => ({ adapter: a })) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (items, eol) => {
        const lines: string[] = [];
        const expected = new Map<number, GeneratedEvent>();
        let current = 'default';
        for (const it of items) {
          if ('adapter' in it) {
            current = it.adapter;
            lines.push(`@adapter ${current}`);
          } else {
            lines.push(printCanonical(it.event, { adapter: current }));
            expected.set(lines.length, it.event);
          }
        }
        const r = analyze(lines.join(eol), { fileName: 'printed.oidtrace' });
        expect(r.diagnostics.filter((d) => d.rule === 'syntax')).toEqual([]);
        expect(r.diagnostics.filter((d) => d.rule === 'unknown-oid').map((d) => d.span.line)).toEqual(
          [...expected].filter(([, e]) => isUnknown(e)).map(([line]) => line),
        );
        expect(r.eventCount).toBe(expected.size);
        for (const got of r.events) {
          const want = expected.get(got.line)!;
          // Pairing teaches a completion the ids of its request: the ids printed are all there.
          const { ids, ...rest } = essence(got);
          const { ids: wantIds, ...wantRest } = essence(want);
          expect(rest).toEqual(wantRest);
          expect(ids).toMatchObject(wantIds);
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('events of a driver log print as a canonical trace with the same diagnostics at the same lines', () => {
    const log = [
      '[1]0A3C.0F10::11/21/2026-10:41:07.110000 [mlx5]MlxSetInformation: Unknown OID 00010255 VfId: 2 -->',
      '[1]0A3C.0F10::11/21/2026-10:41:07.152000 [mlx5]MlxOidComplete: OID_SRIOV_RESET_VF Status 0x00000000 VFId=2 <--',
      '[0]0A3C.0F10::11/21/2026-10:41:07.153000 [mlx5]MlxSetInformation: OID_NIC_SWITCH_DELETE_VPORT VPortId 3 VFId=2',
      '[0]0A3C.0F10::11/21/2026-10:41:07.154000 [mlx5]MlxOidComplete: OID_NIC_SWITCH_DELETE_VPORT completed Status c0000001 VPortId=3',
    ].join('\n');
    const fromLog = analyze(log, { fileName: 'x.log' });
    const printed = fromLog.events.map((e) => printCanonical(e)).join('\n');
    const fromCanonical = analyze(printed, { fileName: 'x.oidtrace' });
    const strip = (r: typeof fromLog) => r.diagnostics.map((d) => `${d.span.line} ${d.rule} ${d.message}`);
    expect(strip(fromCanonical)).toEqual(strip(fromLog));
    expect(strip(fromLog).map((d) => d.split(' ').slice(0, 2).join(' '))).toEqual(['1 teardown-order', '4 oid-failed']);
  });
});

describe('formatTime', () => {
  it('writes what parses back to the same microsecond', () => {
    // Up to 2^42 ms (the year 2109): beyond, a double holds milliseconds to less than a microsecond.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 42 * 1000 }), (us) => {
        const text = formatTime(us / 1000)!;
        const parsed = parseCanonicalLine(`${text} PF INIT`, 1, { adapter: 'default' });
        expect(parsed?.event?.time).toBeDefined();
        expect(Math.round(parsed!.event!.time! * 1000)).toBe(us);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('has no form for times the syntax cannot write', () => {
    expect(formatTime(-1)).toBeUndefined();
    expect(formatTime(Number.NaN)).toBeUndefined();
    expect(formatTime(Date.UTC(10000, 0, 1))).toBeUndefined();
    expect(formatTime(0)).toBe('00:00:00.000000');
    expect(formatTime(86_399_999.9999)).toBe('1970-01-02T00:00:00.000000Z');
  });
});
