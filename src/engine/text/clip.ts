/**
 * Trace text quoted in a message, cut to at most `max` characters: a hostile
 * line can hold a 50 MB token, and a message is read by a person (and copied
 * into every output format).
 */
export function clip(text: string, max = 64): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never half a surrogate pair.
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
