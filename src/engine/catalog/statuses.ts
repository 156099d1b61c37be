/** NDIS status values the pages name (reference §5). */

export interface StatusInfo {
  name: string;
  code: number;
  meaning: string;
}

export const STATUSES: readonly StatusInfo[] = [
  { name: 'NDIS_STATUS_SUCCESS', code: 0x00000000, meaning: 'the request succeeded' },
  { name: 'NDIS_STATUS_PENDING', code: 0x00000103, meaning: 'the request goes on; NdisMOidRequestComplete finishes it later' },
  { name: 'NDIS_STATUS_NOT_ACCEPTED', code: 0x00010003, meaning: 'the request was not accepted' },
  { name: 'NDIS_STATUS_FAILURE', code: 0xc0000001, meaning: 'the request failed' },
  { name: 'NDIS_STATUS_INVALID_PARAMETER', code: 0xc000000d, meaning: "a parameter was invalid for the object's current state" },
  { name: 'NDIS_STATUS_RESOURCES', code: 0xc000009a, meaning: 'the driver ran out of resources' },
  { name: 'NDIS_STATUS_NOT_SUPPORTED', code: 0xc00000bb, meaning: 'the request is not supported' },
  { name: 'NDIS_STATUS_REQUEST_ABORTED', code: 0xc001000c, meaning: 'the request was aborted' },
  { name: 'NDIS_STATUS_INVALID_LENGTH', code: 0xc0010014, meaning: 'the buffer length was wrong' },
  { name: 'NDIS_STATUS_FILE_NOT_FOUND', code: 0xc001001b, meaning: 'the object named does not exist' },
  // Status indications of the Hyper-V extensible switch (NDIS 6.30), not OID completions.
  {
    name: 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF',
    code: 0xc0241001,
    meaning: 'an extensible-switch extension takes the VF from the VM network adapter: a VF failover begins',
  },
  { name: 'NDIS_STATUS_SWITCH_NIC_STATUS', code: 0xc0241002, meaning: 'a status indication wrapped while it passes extensible-switch extensions' },
];

/** The status indication that starts a VF failover (page ndis-status-switch-port-remove-vf). */
export const SWITCH_PORT_REMOVE_VF = 'NDIS_STATUS_SWITCH_PORT_REMOVE_VF';

const byName = new Map(STATUSES.map((s) => [s.name, s]));
const byCode = new Map(STATUSES.map((s) => [s.code, s]));

export const STATUS_SUCCESS = 0;
export const STATUS_PENDING = 0x103;

export function statusByName(name: string): StatusInfo | undefined {
  return byName.get(name.toUpperCase());
}

export function statusByCode(code: number): StatusInfo | undefined {
  return byCode.get(code >>> 0);
}

/** Success and pending are not failures; every other status is. */
export function isFailureCode(code: number): boolean {
  return code !== STATUS_SUCCESS && code !== STATUS_PENDING;
}

export function describeStatus(name: string, code: number | undefined): string {
  const hex = code === undefined ? '' : ' (0x' + (code >>> 0).toString(16).toUpperCase().padStart(8, '0') + ')';
  return name + hex;
}
