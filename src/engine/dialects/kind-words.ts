/**
 * The words and markers that say a line is a request or a completion, in the
 * logs of a user's own format: what the custom dialect reads in its `kind`
 * group, and what a suggested dialect looks for (suggest.ts). One list, so that
 * every marker a suggestion offers is one the dialect understands.
 */

/** A `kind` that makes the line a completion; any other kind is a request. */
const COMPLETION_KIND = /^(?:complete[ds]?|completion|completing|cmpl|cmp|cpl|done|end|finish(?:ed)?|resp(?:onse)?|rsp|reply|ack|<-+|<==?|<<+)$/i;

export function isCompletionKind(kind: string): boolean {
  return COMPLETION_KIND.test(kind);
}

/**
 * Pairs of markers: what a request is written with, and what its completion is.
 * A line showing one of them most likely shows the other on the completions;
 * the first pair a word belongs to is its family.
 */
const KIND_FAMILIES: ReadonlyArray<{ requests: readonly string[]; completions: readonly string[] }> = [
  { requests: ['>>>'], completions: ['<<<'] },
  { requests: ['>>'], completions: ['<<'] },
  { requests: ['-->'], completions: ['<--'] },
  { requests: ['==>'], completions: ['<=='] },
  { requests: ['->'], completions: ['<-'] },
  { requests: ['=>'], completions: ['<='] },
  { requests: ['REQ'], completions: ['RSP', 'CMPL', 'DONE'] },
  { requests: ['REQUEST'], completions: ['RESPONSE', 'COMPLETE', 'COMPLETED', 'DONE'] },
  { requests: ['SET', 'QUERY', 'METHOD'], completions: ['COMPLETE', 'COMPLETED', 'DONE'] },
  { requests: ['START', 'BEGIN'], completions: ['END', 'DONE', 'FINISHED'] },
  { requests: ['SEND', 'SENT', 'ISSUE', 'ISSUED'], completions: ['DONE', 'COMPLETE', 'COMPLETED'] },
];

/** The family of a marker as written on a line (words in any case), if it is one. */
export function kindFamilyOf(token: string): { requests: readonly string[]; completions: readonly string[] } | undefined {
  const upper = token.toUpperCase();
  return KIND_FAMILIES.find((f) => f.requests.includes(upper) || f.completions.includes(upper));
}
