import type { ConversationTables } from './conversation-tables.js';
import type { VisitorRecord, VisitorStore } from './visitor.store.js';

export class MemoryVisitorStore implements VisitorStore {
  constructor(private readonly db: ConversationTables) {}

  async create(tokenHash: string, visitorId: string): Promise<void> {
    const row = { id: visitorId, conversationId: null };
    this.db.visitorsByToken.set(tokenHash, row);
    this.db.visitorsById.set(visitorId, row);
  }

  async findByToken(tokenHash: string): Promise<VisitorRecord | null> {
    const v = this.db.visitorsByToken.get(tokenHash);
    return v ? { ...v } : null;
  }
}
