/** Compares two decimal integers of any length: a cursor's parts can exceed 2^53. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * Orders cursors of the form `<ms>-<seq>` (Redis Stream entry ids). They do not sort as
 * strings (`'9-0' > '10-0'` lexically) and may not fit a double, so the parts are compared
 * as digit strings.
 *
 * @example compareCursor('9-0', '10-0') < 0 // true
 */
export function compareCursor(a: string, b: string): number {
  const [am = '', as = ''] = a.split('-');
  const [bm = '', bs = ''] = b.split('-');
  return compareDigits(am, bm) || compareDigits(as, bs);
}
