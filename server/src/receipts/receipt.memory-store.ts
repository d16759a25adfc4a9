import { compareCursor, type Cursor, type Receipts } from '@introserv/shared';
import { NO_RECEIPTS, type ReceiptStore } from './receipt.store.js';

export class MemoryReceiptStore implements ReceiptStore {
  private readonly byConversation = new Map<string, Receipts>();

  async get(conversationId: string): Promise<Receipts> {
    return { ...(this.byConversation.get(conversationId) ?? NO_RECEIPTS) };
  }

  async advance(conversationId: string, to: { delivered?: Cursor; read?: Cursor }): Promise<Receipts | null> {
    const now = this.byConversation.get(conversationId) ?? NO_RECEIPTS;
    const later = (a: Cursor | null, b: Cursor | undefined): Cursor | null => (b !== undefined && (a === null || compareCursor(b, a) > 0) ? b : a);
    const read = later(now.read, to.read);
    const delivered = later(later(now.delivered, to.delivered), read ?? undefined);
    if (read === now.read && delivered === now.delivered) return null;
    const next = { delivered, read };
    this.byConversation.set(conversationId, next);
    return { ...next };
  }
}
