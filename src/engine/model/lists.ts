/**
 * The lists the model holds by the hundred thousand (per adapter, per open
 * episode, per event) are mostly empty or short: they start as one shared empty
 * list and grow a copy at a time while they are short.
 */
const EMPTY: never[] = Object.freeze([]) as unknown as never[];

/** The one shared empty list. It is frozen: a list gets one of its own with its first item (`append`). */
export function none<T>(): T[] {
  return EMPTY;
}

/** `list` with `item` at its end: a short list is copied one longer (a push would reserve room for 17, and most such lists hold one or two). */
export function append<T>(list: T[], item: T): T[] {
  const n = list.length;
  if (n === 0) return [item];
  if (n === 1) return [list[0]!, item];
  if (n === 2) return [list[0]!, list[1]!, item];
  list.push(item);
  return list;
}
