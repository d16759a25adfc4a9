import { LIMITS, type Conversation, type HistoryPage, type HistoryQuery, type Message } from '@introserv/shared';
import type { ConversationStore } from '../conversations/conversation.store.js';
import type { Logger } from '../logger.js';
import type { HistoryStore } from './history.store.js';
import { documentTerms, queryTerms } from './search-terms.js';

/** Messages read to index one conversation (its texts and notes): enough for any real chat. */
const INDEX_MESSAGES_MAX = 2_000;
const DAY_MS = 86_400_000;

export interface HistoryPorts {
  conversations: Pick<ConversationStore, 'get' | 'messagesAfter' | 'closedPage'>;
  history: HistoryStore;
}

/**
 * The history of closed conversations and its search: by the visitor's name, e-mail and
 * the words of the messages (notes included: operators search their own remarks), within
 * a date range.
 */
export class HistoryService {
  constructor(
    private readonly ports: HistoryPorts,
    private readonly log: Logger,
  ) {}

  /** Files a closed conversation under its terms; a failure is logged (the chat is still listed by date). */
  indexClosed(conversationId: string): void {
    this.index(conversationId).catch((err: unknown) => this.log.warn({ err, conversationId }, 'indexing a conversation for the history failed'));
  }

  async index(conversationId: string): Promise<void> {
    const conversation = await this.ports.conversations.get(conversationId);
    if (!conversation) return;
    const texts: string[] = [];
    let since: string | undefined;
    while (texts.length < INDEX_MESSAGES_MAX) {
      const page: Message[] = await this.ports.conversations.messagesAfter(conversationId, since, LIMITS.historyPageMax);
      for (const m of page) if (m.kind !== 'system') texts.push(m.text);
      if (page.length < LIMITS.historyPageMax) break;
      since = page.at(-1)?.cursor;
    }
    const terms = documentTerms({ name: conversation.visitor.name, email: conversation.visitor.email, texts });
    await this.ports.history.index(conversationId, conversation.createdAt, terms);
  }

  async search(query: HistoryQuery): Promise<HistoryPage> {
    const filter = {
      from: query.from ? Date.parse(`${query.from}T00:00:00Z`) : undefined,
      to: query.to ? Date.parse(`${query.to}T00:00:00Z`) + DAY_MS - 1 : undefined,
      before: query.before,
      limit: query.limit,
    };
    const terms = queryTerms(query.q ?? '');
    if (terms.length === 0) {
      const conversations = await this.ports.conversations.closedPage(filter);
      const last = conversations.at(-1);
      return { conversations, next: conversations.length === query.limit && last ? last.createdAt : null };
    }
    const ids = await this.ports.history.search(terms, filter);
    const found = (await Promise.all(ids.map((id) => this.ports.conversations.get(id)))).filter((c): c is Conversation => c !== null);
    // A full page goes on from its last entry, even when some of it was left out for being open again.
    const last = found.at(-1);
    return { conversations: found.filter((c) => c.status === 'closed'), next: ids.length === query.limit && last ? last.createdAt : null };
  }
}
