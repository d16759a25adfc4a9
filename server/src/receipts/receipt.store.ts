import type { Cursor, Receipts } from '@introserv/shared';

/**
 * Read receipts of the visitor's messages: how far the operator's console received
 * (`delivered`) and showed (`read`) a conversation. Implementations: `MemoryReceiptStore`,
 * `RedisReceiptStore`; `receipt.contract.ts`.
 */
export interface ReceiptStore {
  get(conversationId: string): Promise<Receipts>;
  /**
   * Moves the cursors forward, never back; `read` moves `delivered` along (what was seen
   * was received). Returns the receipts when something moved, null when nothing did.
   */
  advance(conversationId: string, to: { delivered?: Cursor; read?: Cursor }): Promise<Receipts | null>;
}

export const NO_RECEIPTS: Receipts = { delivered: null, read: null };
