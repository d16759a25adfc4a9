import type { ConversationTables } from './conversation-tables.js';
import type { RetentionStore } from './retention.store.js';

export class MemoryRetentionStore implements RetentionStore {
  /** Visitor id → when last seen and the hash of their token. */
  private readonly seen = new Map<string, { at: number; tokenHash: string }>();

  constructor(private readonly db: ConversationTables) {}

  async touchVisitor(visitorId: string, tokenHash: string, now: number): Promise<void> {
    this.seen.set(visitorId, { at: now, tokenHash });
  }

  async expireVisitors(before: number, limit: number): Promise<number> {
    let n = 0;
    for (const [visitorId, { at, tokenHash }] of this.seen) {
      if (n >= limit) break;
      if (at >= before) continue;
      const conversationId = this.db.visitorsById.get(visitorId)?.conversationId;
      const conversation = conversationId ? this.db.conversations.get(conversationId) : undefined;
      if (conversation && conversation.status !== 'closed') continue;
      this.db.visitorsById.delete(visitorId);
      this.db.visitorsByToken.delete(tokenHash);
      this.seen.delete(visitorId);
      n++;
    }
    return n;
  }

  async expireClosedConversations(before: number, limit: number): Promise<number> {
    let n = 0;
    for (const [id, c] of this.db.conversations) {
      if (n >= limit) break;
      if (c.status !== 'closed' || c.updatedAt >= before) continue;
      this.db.conversations.delete(id);
      this.db.logs.delete(id);
      n++;
    }
    return n;
  }
}
