import type { Cursor } from '@introserv/shared';

/**
 * Cursors are Redis Stream entry ids (`<ms>-<seq>`). The memory store makes the same kind,
 * so clients cannot tell the stores apart.
 */
export function nextCursor(last: Cursor | undefined, nowMs: number): Cursor {
  if (!last) return `${nowMs}-0`;
  const [ms, seq] = parseCursor(last);
  return nowMs > ms ? `${nowMs}-0` : `${ms}-${seq + 1}`;
}

export function compareCursors(a: Cursor, b: Cursor): number {
  const [am, as] = parseCursor(a);
  const [bm, bs] = parseCursor(b);
  return am - bm || as - bs;
}

function parseCursor(c: Cursor): [number, number] {
  const dash = c.indexOf('-');
  return [Number(c.slice(0, dash)), Number(c.slice(dash + 1))];
}
