/**
 * fast-check arbitraries for OID Trace's property tests: valid events of the
 * canonical syntax (with what parsing them must give back), trace-like text and
 * junk, and the lines of the clean VF teardown.
 */
import fc from 'fast-check';
import { catalog, type EventIds, type EventKind, type StatusValue } from '../../src/engine';
import { LIFECYCLE_VERBS } from '../../src/engine/dialects/canonical';

/** One fixed seed for every property: a failure reproduces on every machine. */
export const SEED = 0x0_1d_7ace;

const IDENT = /^[A-Za-z_][\w.$-]{0,11}$/;
const ID_KEY_NAMES = new Set([
  'vf',
  'vfid',
  'vf_id',
  'vfindex',
  'vport',
  'vportid',
  'vport_id',
  'switch',
  'switchid',
  'switch_id',
  'filter',
  'filterid',
  'filter_id',
  'from',
  'sourcevportid',
  'srcvportid',
  'sourcevport',
  'to',
  'destvportid',
  'dstvportid',
  'destinationvportid',
  'destvport',
  'adapter',
]);

/** An identifier of the canonical syntax (actor, adapter, attribute key). */
export const identifier = fc.stringMatching(IDENT);

/** Actors as the model holds them: known ones upper-case, others as written. */
export const actor = fc.oneof(
  fc.constantFrom(...catalog.ACTORS.map((a) => a.id)),
  identifier.map((name) => catalog.normalizeActor(name)),
);

export const knownOidName = fc.constantFrom(...catalog.OIDS.map((o) => o.name), ...catalog.OTHER_KNOWN_OID_NAMES);

/** An OID subject: a catalog name, or a code not in the catalog (written 0x0001ABCD). */
export const oidSubject: fc.Arbitrary<{ oid: string; oidCode?: number }> = fc.oneof(
  { weight: 4, arbitrary: knownOidName.map((oid) => ({ oid, oidCode: catalog.oidByName(oid)?.code })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 0xffffffff })
      .filter((code) => catalog.oidByCode(code) === undefined)
      .map((code) => ({ oid: catalog.formatCode(code), oidCode: code })),
  },
);

export const status: fc.Arbitrary<StatusValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...catalog.STATUSES).map((s) => ({
    name: s.name,
    code: s.code,
    ok: !catalog.isFailureCode(s.code),
    pending: s.code === catalog.STATUS_PENDING,
  })),
  // A code: the parser names the ones it knows.
  fc.integer({ min: 0, max: 0xffffffff }).map((code) => ({
    name: catalog.statusByCode(code)?.name ?? '0x' + code.toString(16).toUpperCase().padStart(8, '0'),
    code,
    ok: !catalog.isFailureCode(code),
    pending: code === catalog.STATUS_PENDING,
  })),
);

/** Ids as the engine keeps them: canonical decimal strings, small, beyond 2^53 and 2^64, negative. */
export const idValue = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 64 }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 1n << 70n }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(1n << 65n), max: -1n }).map(String) },
);

export const ids: fc.Arbitrary<EventIds> = fc.record({ vf: idValue, vport: idValue, switch: idValue, filter: idValue, from: idValue, to: idValue }, { requiredKeys: [] });

/** A timestamp in one of the three written forms, with the milliseconds it means (computed apart from the parser). */
export const timestamp: fc.Arbitrary<{ text?: string; ms: number }> = fc.oneof(
  // No text: the printer writes HH:MM:SS.ffffff itself.
  fc.integer({ min: 0, max: 86_400_000_000 - 1 }).map((us) => ({ ms: us / 1000 })),
  fc
    .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), us: fc.integer({ min: 0, max: 999_999 }) })
    .map(({ h, m, s, us }) => ({
      text: `${pad(h)}:${pad(m)}:${pad(s)}.${pad(us, 6)}`,
      ms: ((h * 60 + m) * 60 + s) * 1000 + us / 1000,
    })),
  fc
    .record({
      y: fc.integer({ min: 1970, max: 2099 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      m: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      us: fc.integer({ min: 0, max: 999_999 }),
      iso: fc.boolean(),
    })
    .map(({ y, mo, d, h, m, s, us, iso }) => ({
      text: iso ? `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(us, 6)}Z` : `${pad(mo)}/${pad(d)}/${y}-${pad(h)}:${pad(m)}:${pad(s)}.${pad(us, 6)}`,
      ms: Date.UTC(y, mo - 1, d, h, m, s) + us / 1000,
    })),
);

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Attributes that stay attributes: keys that are no id or adapter key, values without whitespace. */
export const attrs = fc.dictionary(
  identifier.filter((k) => !ID_KEY_NAMES.has(k.toLowerCase()) && k.toLowerCase() !== 'path'),
  fc.stringMatching(/^[!-~]{1,10}$/),
  { maxKeys: 3 },
);

/** A valid event, as the model's fields. */
export interface GeneratedEvent {
  kind: EventKind;
  verb: string;
  method?: 'set' | 'query' | 'method';
  actor: string;
  target?: string;
  adapter: string;
  oid?: string;
  oidCode?: number;
  status?: StatusValue;
  ids: EventIds;
  attrs: Record<string, string>;
  time?: number;
  timeText?: string;
}

export const event: fc.Arbitrary<GeneratedEvent> = fc
  .record({
    kind: fc.constantFrom<EventKind>('request', 'completion', 'lifecycle'),
    method: fc.constantFrom('set' as const, 'query' as const, 'method' as const),
    lifecycle: fc.constantFrom(...LIFECYCLE_VERBS),
    path: fc.constantFrom('synthetic', 'vf'),
    actor,
    target: fc.option(actor, { nil: undefined }),
    adapter: fc.oneof(fc.constant('default'), identifier),
    subject: oidSubject,
    status,
    ids,
    attrs,
    time: fc.option(timestamp, { nil: undefined }),
  })
  .map((r) => {
    const ev: GeneratedEvent = { kind: r.kind, verb: '', actor: r.actor, target: r.target, adapter: r.adapter, ids: r.ids, attrs: { ...r.attrs } };
    if (r.time) {
      ev.time = r.time.ms;
      ev.timeText = r.time.text;
    }
    if (r.kind === 'lifecycle') {
      ev.verb = r.lifecycle;
      if (r.lifecycle === 'DATAPATH') ev.attrs.path = r.path;
    } else {
      ev.oid = r.subject.oid;
      ev.oidCode = r.subject.oidCode;
      if (r.kind === 'request') {
        ev.method = r.method;
        ev.verb = r.method.toUpperCase();
      } else {
        ev.verb = 'COMPLETE';
        ev.status = r.status;
      }
    }
    return ev;
  });

/** Words a trace is made of, to mix with junk. */
export const TRACE_TOKENS = [
  'VSTACK',
  'PF',
  'VF',
  'VSP',
  'VSC',
  'NETVSC',
  'NDIS',
  '->',
  'SET',
  'QUERY',
  'METHOD',
  'COMPLETE',
  'NOTIFY',
  'REMOVE_VF',
  'UNBIND',
  'HALT',
  'DATAPATH',
  'ADD_VF',
  'INIT',
  'BIND',
  'SURPRISE_REMOVE',
  'path=synthetic',
  'path=vf',
  ...catalog.OIDS.map((o) => o.name),
  'OID_NIC_SWITCH_FREE_VPORT',
  'OID_NIC_SWITCH_DELTE_VPORT',
  'OID_SRIOV_RESET',
  '0x00010244',
  '00010255',
  '0x00010245',
  'NDIS_STATUS_SUCCESS',
  'NDIS_STATUS_PENDING',
  'NDIS_STATUS_FAILURE',
  'Status',
  '0xC0000001',
  'vf=2',
  'vf=-1',
  'vf=18446744073709551616',
  'vport=3',
  'vport=0',
  'filter=7',
  'from=3',
  'to=0',
  'switch=0',
  'adapter=pf1',
  'VFId=2',
  'VfId:',
  'VPortId',
  'FilterId=7',
  'SourceVPortId=3',
  'DestVPortId=0',
  'complete',
  'completed',
  '<--',
  '-->',
  'SetInformation',
  'QueryInformation',
  'Unknown OID',
  '10:41:07.100000',
  '2026-11-21T10:41:07.120331Z',
  '11/21/2026-10:41:07.123456',
  '25:61:61',
  '99/99/9999-99:99:99',
  '[1]0A3C.0F10::11/21/2026-10:41:07.123456',
  '[mlx5]',
  '@adapter',
  '"Contoso"',
  '#',
  '# oidtrace-disable-next-line',
  '# oidtrace-disable',
  'teardown-order',
  '--',
  '%%{init: {}}%%',
  '<script>',
  '\t',
  '\0',
  '\uFEFF',
];

/** A lone half of a surrogate pair, which no well-formed string holds. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Text that looks like a trace in places: tokens, junk, line breaks of every kind. */
export const traceLikeText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...TRACE_TOKENS) },
      { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '  ', '\n', '\r\n', '\r', '=', ':', '[', ']') },
      { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
      { weight: 1, arbitrary: loneSurrogate },
      { weight: 1, arbitrary: fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }).map(String) },
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

/** Any string at all, trace-like or not. */
export const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate), maxLength: 100 }),
  traceLikeText,
);
