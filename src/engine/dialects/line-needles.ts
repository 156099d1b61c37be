/**
 * The strings a driver-log line must contain for the engine to have anything
 * to read in it. One list for both readers of a big log: the engine's cheap
 * tests below, and the WebAssembly byte scan under `oidtrace lint`
 * (src/node/scan.wat), whose compare table scripts/build.mjs generates from
 * SCAN_NEEDLES. A line that holds none of them is only counted.
 *
 * Needles are ASCII, 1 to 16 bytes (the scan compares a byte a lane and reads
 * at most 16 bytes past the end of a region).
 */

/** An OID by name (`OID_SRIOV_RESET_VF`) or by code (`0x00010255`, bare `00010255`). */
export const OID_EVENT_NEEDLES = ['OID_', '000102'] as const;

/**
 * An extension's NDIS_STATUS_SWITCH_PORT_REMOVE_VF (0xC0241001) indication, by
 * the start of `_REMOVE_VF` and of the code in either case: the scan's prefilter
 * for mayIndicateRemoveVf (driver-log.ts).
 */
export const REMOVE_VF_NEEDLES = ['_REM', 'C024', 'c024'] as const;

/** A suppression comment, `# oidtrace-disable...`. */
export const SUPPRESSION_NEEDLES = ['oidt'] as const;

/**
 * What the report of lines not read looks for (src/engine/reading.ts): `vf` in
 * any case, and `hv_` (hv_netvsc, hv_pci). Such a line is read too, so that the
 * counts are the same whichever way a file was read.
 */
export const UNREAD_REPORT_NEEDLES = ['VF', 'Vf', 'vF', 'vf', 'hv_'] as const;

/** What the byte scan looks for: a line with one of these is decoded and read. */
export const SCAN_NEEDLES: readonly string[] = [...OID_EVENT_NEEDLES, ...REMOVE_VF_NEEDLES, ...SUPPRESSION_NEEDLES, ...UNREAD_REPORT_NEEDLES];
