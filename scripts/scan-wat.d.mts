/** SCAN_NEEDLES, read from src/engine/dialects/line-needles.ts. */
export function loadScanNeedles(): Promise<readonly string[]>;
/** A needle's prefilter fingerprint: `bytes` found at `offset` in the needle. */
export function fingerprint(needle: string): { offset: number; bytes: number[] };
/** The fingerprints the prefilter compares, those that differ only in case merged (`fold`). */
export function prefilterGroups(needles: readonly string[]): Array<{ offset: number; bytes: number[]; fold: boolean; needles: string[] }>;
/** scan.wat with its generated lines filled in for `needles`. */
export function expandScanWat(template: string, needles: readonly string[]): string;
