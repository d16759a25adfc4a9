import type { ClosedFilter } from '../conversations/conversation.store.js';
import type { HistoryStore } from './history.store.js';

export class MemoryHistoryStore implements HistoryStore {
  /** Term → conversation ids. */
  private readonly terms = new Map<string, Set<string>>();
  private readonly startedAt = new Map<string, number>();

  async index(conversationId: string, createdAt: number, terms: readonly string[]): Promise<void> {
    this.startedAt.set(conversationId, createdAt);
    for (const term of terms) {
      let ids = this.terms.get(term);
      if (!ids) this.terms.set(term, (ids = new Set()));
      ids.add(conversationId);
    }
  }

  async search(terms: readonly string[], filter: ClosedFilter): Promise<string[]> {
    if (terms.length === 0) return [];
    const sets = terms.map((t) => this.terms.get(t) ?? new Set<string>());
    const [first = new Set<string>(), ...rest] = sets;
    return [...first]
      .filter((id) => rest.every((s) => s.has(id)))
      .map((id) => ({ id, createdAt: this.startedAt.get(id) ?? 0 }))
      .filter((c) => c.createdAt >= (filter.from ?? -Infinity) && c.createdAt <= (filter.to ?? Infinity) && c.createdAt < (filter.before ?? Infinity))
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .slice(0, filter.limit)
      .map((c) => c.id);
  }
}
