/**
 * The SR-IOV / NIC-switch OID family, with the codes of ntddndis.h (reference §5).
 * The codes are not contiguous: never compute one by counting.
 */

export type OidRequestType = 'Q' | 'S' | 'M' | 'M/S' | 'Q/S';

export interface OidInfo {
  name: string;
  code: number;
  type: OidRequestType;
  /** Who issues it and who handles it, as the pages describe. */
  issuer: string;
  handler: string;
  summary: string;
  /** What a failed completion means for the sequence (for `oid-failed`). */
  failureMeans?: string;
  /**
   * The ids a request of it acts on, as groups of which one id each is enough
   * (a filter set on `vport`, or on `to`). A request that does not carry them
   * takes effect at its completion, which may name them (see the model's pairing).
   */
  operands?: ReadonlyArray<ReadonlyArray<IdKey>>;
}

/** The id keys an event can carry (the keys of EventIds). */
export type IdKey = 'vf' | 'vport' | 'switch' | 'filter' | 'from' | 'to';

const VSTACK = 'VSTACK';
const PF = 'PF';

export const OIDS: readonly OidInfo[] = [
  {
    name: 'OID_RECEIVE_FILTER_SET_FILTER',
    code: 0x00010227,
    type: 'M',
    issuer: VSTACK,
    handler: PF,
    summary: 'sets a receive filter on a VPort',
    failureMeans: 'the filter was not set, so no traffic for it reaches the VPort',
    operands: [['filter'], ['vport', 'to']],
  },
  {
    name: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
    code: 0x00010228,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: 'clears a receive filter',
    failureMeans: 'the filter is still set: the VPort cannot be deleted while it holds it',
    operands: [['filter', 'vport']],
  },
  { name: 'OID_RECEIVE_FILTER_ENUM_FILTERS', code: 0x00010229, type: 'M', issuer: VSTACK, handler: PF, summary: 'lists the receive filters on a VPort' },
  { name: 'OID_RECEIVE_FILTER_PARAMETERS', code: 0x0001022a, type: 'M', issuer: VSTACK, handler: PF, summary: 'queries the parameters of a receive filter' },
  {
    name: 'OID_RECEIVE_FILTER_MOVE_FILTER',
    code: 0x00010230,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: "moves the VM adapter's MAC/VLAN filters between VPorts",
    failureMeans: 'the filter stayed on its VPort: that VPort cannot be deleted yet',
    operands: [['filter'], ['to']],
  },
  { name: 'OID_NIC_SWITCH_HARDWARE_CAPABILITIES', code: 0x0001022e, type: 'Q', issuer: 'NDIS', handler: PF, summary: "queries the NIC switch's hardware capabilities" },
  {
    name: 'OID_NIC_SWITCH_CURRENT_CAPABILITIES',
    code: 0x0001022f,
    type: 'Q',
    issuer: 'NDIS',
    handler: PF,
    summary: "queries the NIC switch's currently enabled capabilities",
  },
  {
    name: 'OID_NIC_SWITCH_CREATE_SWITCH',
    code: 0x00010237,
    type: 'M',
    issuer: 'NDIS',
    handler: PF,
    summary: 'creates the NIC switch on the PF',
    failureMeans: 'there is no NIC switch: no VF can be allocated on this adapter',
  },
  { name: 'OID_NIC_SWITCH_PARAMETERS', code: 0x00010238, type: 'M/S', issuer: VSTACK, handler: PF, summary: "queries or changes the NIC switch's parameters" },
  {
    name: 'OID_NIC_SWITCH_DELETE_SWITCH',
    code: 0x00010239,
    type: 'S',
    issuer: 'NDIS',
    handler: PF,
    summary: 'deletes the NIC switch (before the PF is halted)',
    failureMeans: 'the NIC switch is still there: the PF halt cannot complete cleanly',
  },
  { name: 'OID_NIC_SWITCH_ENUM_SWITCHES', code: 0x00010240, type: 'Q', issuer: VSTACK, handler: 'NDIS', summary: 'lists the NIC switches on the adapter' },
  {
    name: 'OID_NIC_SWITCH_CREATE_VPORT',
    code: 0x00010241,
    type: 'M',
    issuer: VSTACK,
    handler: PF,
    summary: 'creates a VPort, here attached to a VF; NDIS assigns its id',
    failureMeans: 'the VPort does not exist: the VF has no path for its traffic',
    operands: [['vport']],
  },
  {
    name: 'OID_NIC_SWITCH_VPORT_PARAMETERS',
    code: 0x00010242,
    type: 'Q/S',
    issuer: VSTACK,
    handler: PF,
    summary: "queries or changes a VPort's parameters",
    operands: [['vport']],
  },
  { name: 'OID_NIC_SWITCH_ENUM_VPORTS', code: 0x00010243, type: 'M', issuer: VSTACK, handler: 'NDIS', summary: 'lists the VPorts on a switch' },
  {
    name: 'OID_NIC_SWITCH_DELETE_VPORT',
    code: 0x00010244,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: 'deletes the VPort attached to the VF',
    failureMeans: 'the VPort still exists: the VF cannot be freed while it is attached',
    operands: [['vport']],
  },
  {
    name: 'OID_NIC_SWITCH_ALLOCATE_VF',
    code: 0x00010245,
    type: 'M',
    issuer: VSTACK,
    handler: PF,
    summary: "allocates a VF's hardware resources; the completion returns the VF id",
    failureMeans: 'no VF was allocated: later OIDs naming it must fail',
    operands: [['vf']],
  },
  {
    name: 'OID_NIC_SWITCH_FREE_VF',
    code: 0x00010246,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: "frees the VF's hardware resources",
    failureMeans: 'the VF is still allocated; the PF answers NDIS_STATUS_INVALID_PARAMETER while VPorts are still attached (R11)',
    operands: [['vf']],
  },
  { name: 'OID_NIC_SWITCH_VF_PARAMETERS', code: 0x00010247, type: 'M', issuer: VSTACK, handler: PF, summary: "queries a VF's parameters", operands: [['vf']] },
  { name: 'OID_NIC_SWITCH_ENUM_VFS', code: 0x00010248, type: 'M', issuer: VSTACK, handler: 'NDIS', summary: 'lists the VFs on a switch' },
  { name: 'OID_SRIOV_HARDWARE_CAPABILITIES', code: 0x00010249, type: 'Q', issuer: 'NDIS', handler: PF, summary: "queries the adapter's SR-IOV hardware capabilities" },
  { name: 'OID_SRIOV_CURRENT_CAPABILITIES', code: 0x00010250, type: 'Q', issuer: 'NDIS', handler: PF, summary: "queries the adapter's enabled SR-IOV capabilities" },
  {
    name: 'OID_SRIOV_READ_VF_CONFIG_SPACE',
    code: 0x00010251,
    type: 'M',
    issuer: VSTACK,
    handler: PF,
    summary: "reads the VF's PCI configuration space",
    operands: [['vf']],
  },
  {
    name: 'OID_SRIOV_WRITE_VF_CONFIG_SPACE',
    code: 0x00010252,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: "writes the VF's PCI configuration space",
    operands: [['vf']],
  },
  {
    name: 'OID_SRIOV_READ_VF_CONFIG_BLOCK',
    code: 0x00010253,
    type: 'M',
    issuer: VSTACK,
    handler: PF,
    summary: 'reads a VF configuration block (PF/VF backchannel)',
    operands: [['vf']],
  },
  {
    name: 'OID_SRIOV_WRITE_VF_CONFIG_BLOCK',
    code: 0x00010254,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: 'writes a VF configuration block (PF/VF backchannel)',
    operands: [['vf']],
  },
  {
    name: 'OID_SRIOV_RESET_VF',
    code: 0x00010255,
    type: 'S',
    issuer: VSTACK,
    handler: PF,
    summary: 'PCIe function level reset (FLR) of the VF: quiesces it and clears pending interrupts',
    failureMeans: 'the VF was not reset: freeing it now leaves its hardware state behind',
    operands: [['vf']],
  },
  { name: 'OID_SRIOV_SET_VF_POWER_STATE', code: 0x00010256, type: 'S', issuer: VSTACK, handler: PF, summary: "changes the VF's power state", operands: [['vf']] },
  {
    name: 'OID_SRIOV_VF_VENDOR_DEVICE_ID',
    code: 0x00010257,
    type: 'M',
    issuer: VSTACK,
    handler: PF,
    summary: "queries the VF's PCI vendor and device id",
    operands: [['vf']],
  },
  { name: 'OID_SRIOV_PROBED_BARS', code: 0x00010258, type: 'Q', issuer: VSTACK, handler: PF, summary: "queries the PF's probed BAR values" },
  { name: 'OID_SRIOV_BAR_RESOURCES', code: 0x00010259, type: 'M', issuer: VSTACK, handler: PF, summary: "queries a VF's BAR resources", operands: [['vf']] },
  { name: 'OID_SRIOV_PF_LUID', code: 0x00010260, type: 'Q', issuer: VSTACK, handler: PF, summary: "queries the PF's locally unique id" },
  {
    name: 'OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK',
    code: 0x00010269,
    type: 'M',
    issuer: 'NDIS',
    handler: 'VF',
    summary: 'tells the VF miniport that a configuration block changed',
  },
  {
    name: 'OID_SWITCH_NIC_REQUEST',
    code: 0x00010270,
    type: 'M',
    issuer: 'NETVSP',
    handler: PF,
    summary: 'wraps an SR-IOV OID while it passes extensible-switch extensions',
  },
];

/**
 * Real OID names of the same families that take no part in the sequences: known,
 * so they are never reported as misspellings.
 */
export const OTHER_KNOWN_OID_NAMES: readonly string[] = [
  'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES',
  'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES',
  'OID_RECEIVE_FILTER_GLOBAL_PARAMETERS',
  'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  'OID_RECEIVE_FILTER_FREE_QUEUE',
  'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
  'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
];

/** Names written in the documentation that do not exist, with the real one. */
export const OID_ALIASES: Readonly<Record<string, string>> = {
  // The teardown page's picture labels T2 with this name; the text says DELETE_VPORT.
  OID_NIC_SWITCH_FREE_VPORT: 'OID_NIC_SWITCH_DELETE_VPORT',
};

/** OID name prefixes whose unknown members are reported (other families are not ours). */
export const CHECKED_OID_PREFIXES: readonly string[] = ['OID_NIC_SWITCH_', 'OID_SRIOV_', 'OID_RECEIVE_FILTER_'];

const byName = new Map<string, OidInfo>();
const byCode = new Map<number, OidInfo>();
for (const oid of OIDS) {
  byName.set(oid.name, oid);
  byCode.set(oid.code, oid);
}
const otherKnown = new Set(OTHER_KNOWN_OID_NAMES);

/** Every OID name the engine knows: the catalog's, the other known ones, and the documented aliases. */
export const KNOWN_OID_NAMES: readonly string[] = [...OIDS.map((o) => o.name), ...OTHER_KNOWN_OID_NAMES, ...Object.keys(OID_ALIASES)];

export function oidByName(name: string): OidInfo | undefined {
  return byName.get(name);
}

export function oidByCode(code: number): OidInfo | undefined {
  return byCode.get(code);
}

export function isKnownOidName(name: string): boolean {
  return byName.has(name) || otherKnown.has(name);
}

export function formatCode(code: number): string {
  return '0x' + code.toString(16).toUpperCase().padStart(8, '0');
}

/** `OID_NIC_SWITCH_DELETE_VPORT` -> `DELETE_VPORT`: the label used in diagrams. */
export function shortOidName(name: string): string {
  return name.replace(/^OID_(NIC_SWITCH_|SRIOV_|RECEIVE_FILTER_|SWITCH_)?/, '');
}

/** The real OID a misspelt or wrong name most likely means. */
export function suggestOidName(name: string): string | undefined {
  const alias = OID_ALIASES[name];
  if (alias) return alias;
  // Only suggest what is plausibly a typo of it: a distance over the threshold is never
  // computed in full (a hostile name of megabytes would take minutes against each candidate).
  const threshold = Math.max(3, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = threshold + 1;
  for (const candidate of [...byName.keys(), ...otherKnown]) {
    const d = editDistance(name, candidate, bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin >= limit) return limit;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
