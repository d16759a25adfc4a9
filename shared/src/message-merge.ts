import { compareCursor } from './cursor.js';

/**
 * Adds `incoming` to `known`: one entry per id (the later copy wins), ordered by cursor,
 * ties by id. Returns `known` itself when there is nothing to add, so UI state that did
 * not change keeps its identity.
 *
 * @example mergeMessages(history, [live]) // history with `live` in its place, once
 */
export function mergeMessages<M extends { id: string; cursor: string }>(known: readonly M[], incoming: readonly M[]): M[] {
  if (!incoming.length) return known as M[];
  const byId = new Map<string, M>();
  for (const m of known) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => compareCursor(a.cursor, b.cursor) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
