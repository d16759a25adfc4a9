import type { ClosedFilter } from '../conversations/conversation.store.js';

/**
 * The search index of the history: term → closed conversations, by when they started. The
 * history service writes a conversation's terms when it closes (and when a note is added
 * after); a search intersects the terms' sets with the closed conversations, never scanning
 * every conversation. Implementations: `MemoryHistoryStore`, `RedisHistoryStore`; `history.contract.ts`.
 */
export interface HistoryStore {
  /** Files the conversation under each term (idempotent). */
  index(conversationId: string, createdAt: number, terms: readonly string[]): Promise<void>;
  /** Closed conversations filed under every term, within the filter, newest first. */
  search(terms: readonly string[], filter: ClosedFilter): Promise<string[]>;
}
