/**
 * Splits text into lines the way VS Code counts them: `\r\n`, `\n` and a lone
 * `\r` each end a line, and text that ends with a line break has one more,
 * empty, line. Calls back with each line and its 1-based number; no array of
 * lines is built. Returns the number of lines.
 */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void): number {
  let lineNumber = 1;
  let start = 0;
  let cr = text.indexOf('\r');
  let nl = text.indexOf('\n');
  for (;;) {
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    if (nl >= 0 && nl < start) nl = text.indexOf('\n', start);
    let end: number;
    let next: number;
    if (cr >= 0 && (nl < 0 || cr < nl)) {
      end = cr;
      next = nl === cr + 1 ? cr + 2 : cr + 1;
    } else if (nl >= 0) {
      end = nl;
      next = nl + 1;
    } else {
      visit(start === 0 ? text : text.slice(start), lineNumber);
      return lineNumber;
    }
    visit(text.slice(start, end), lineNumber++);
    start = next;
  }
}

/** The text of the given 1-based lines, in the order asked ('' for a line the text does not have). */
export function linesAt(text: string, numbers: readonly number[]): string[] {
  const wanted = new Map<number, string>();
  for (const n of numbers) wanted.set(n, '');
  forEachLine(text, (line, n) => {
    if (wanted.has(n)) wanted.set(n, line);
  });
  return numbers.map((n) => wanted.get(n)!);
}
