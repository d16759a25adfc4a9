import type { Cursor } from '@introserv/shared';

/**
 * The next cursor after `last` at `nowMs`, the way Redis makes Stream entry ids
 * (`<ms>-<seq>`): the memory store makes the same kind, so clients cannot tell the stores apart.
 */
export function nextCursor(last: Cursor | undefined, nowMs: number): Cursor {
  if (!last) return `${nowMs}-0`;
  const dash = last.indexOf('-');
  const ms = Number(last.slice(0, dash));
  const seq = Number(last.slice(dash + 1));
  return nowMs > ms ? `${nowMs}-0` : `${ms}-${seq + 1}`;
}
