import type { PageInfo } from '@introserv/shared';
import type { ConversationTables } from './conversation-tables.js';
import { PAGES_KEPT, type PageVisit, type VisitorProfile, type VisitorRecord, type VisitorStore } from './visitor.store.js';

export class MemoryVisitorStore implements VisitorStore {
  private readonly pageViews = new Map<string, PageVisit[]>();

  constructor(private readonly db: ConversationTables) {}

  async create(tokenHash: string, visitorId: string): Promise<void> {
    const row: VisitorRecord = { id: visitorId, conversationId: null, name: null, email: null, verified: false, userId: null };
    this.db.visitorsByToken.set(tokenHash, row);
    this.db.visitorsById.set(visitorId, row);
  }

  async findByToken(tokenHash: string): Promise<VisitorRecord | null> {
    const v = this.db.visitorsByToken.get(tokenHash);
    return v ? { ...v } : null;
  }

  async get(visitorId: string): Promise<VisitorRecord | null> {
    const v = this.db.visitorsById.get(visitorId);
    return v ? { ...v } : null;
  }

  async updateProfile(visitorId: string, profile: Partial<VisitorProfile>): Promise<VisitorRecord | null> {
    const v = this.db.visitorsById.get(visitorId);
    if (!v) return null;
    Object.assign(v, definedOnly(profile));
    return { ...v };
  }

  async recordPage(visitorId: string, page: PageInfo, at: number): Promise<void> {
    const views = [{ ...page, at }, ...(this.pageViews.get(visitorId) ?? [])].slice(0, PAGES_KEPT);
    this.pageViews.set(visitorId, views);
  }

  async pages(visitorId: string, limit: number): Promise<PageVisit[]> {
    return (this.pageViews.get(visitorId) ?? []).slice(0, limit).map((p) => ({ ...p }));
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
