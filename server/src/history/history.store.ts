import type { ClosedFilter } from '../conversations/conversation.store.js';

/**
 * The search index of the history: term → conversations, by when they started. The history
 * service files a conversation under its terms when it closes (and when a note is added
 * after); a search reads one term's set or intersects several, never scanning every
 * conversation. A conversation reopened since stays filed (it is filed again when it closes
 * again); the service leaves out whatever is not closed. Implementations:
 * `MemoryHistoryStore`, `RedisHistoryStore`; `history.contract.ts`.
 */
export interface HistoryStore {
  /** Files the conversation under each term (idempotent). */
  index(conversationId: string, createdAt: number, terms: readonly string[]): Promise<void>;
  /** Conversations filed under every term, started within the filter, newest first. */
  search(terms: readonly string[], filter: ClosedFilter): Promise<string[]>;
}
