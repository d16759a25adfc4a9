import type { Message } from '@introserv/shared/client';

/** Compares two decimal integers of any length (cursor parts can exceed 2^53). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * Orders cursors of the form `<ms>-<seq>` (Redis Stream ids). They do not sort as
 * strings: `'9-0' > '10-0'` lexically.
 */
export function compareCursor(a: string, b: string): number {
  const [am = '', as = ''] = a.split('-');
  const [bm = '', bs = ''] = b.split('-');
  return compareDigits(am, bm) || compareDigits(as, bs);
}

/** Adds `incoming` to `known`: one entry per id (the later copy wins), ordered by cursor. */
export function mergeMessages(known: readonly Message[], incoming: readonly Message[]): Message[] {
  if (!incoming.length) return known as Message[];
  const byId = new Map<string, Message>();
  for (const m of known) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => compareCursor(a.cursor, b.cursor) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
