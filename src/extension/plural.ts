/** "1 problem", "3 problems": the one way the extension counts things in its messages. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
