/**
 * Visitors, known by the hash of the token their browser keeps. Implementations:
 * `MemoryVisitorStore`, `RedisVisitorStore`; `visitor.contract.ts` holds both to one behaviour.
 */
export interface VisitorStore {
  create(tokenHash: string, visitorId: string): Promise<void>;
  findByToken(tokenHash: string): Promise<VisitorRecord | null>;
}

export interface VisitorRecord {
  id: string;
  /** The visitor's latest conversation (open or closed), if any. */
  conversationId: string | null;
}
