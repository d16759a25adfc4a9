/**
 * What is kept how long. Closed conversations (hash, message stream, id index) and visitors
 * unseen for the retention period are deleted, and with a visitor its token, so an old token
 * starts a new visitor. Only visitor and conversation records are touched: tickets, when they
 * exist, keep their own copy of the transcript. Implementations: `MemoryRetentionStore`,
 * `RedisRetentionStore`; `retention.contract.ts`.
 */
export interface RetentionStore {
  /** The visitor was seen now (a hello); their token lives for the retention period from here. */
  touchVisitor(visitorId: string, tokenHash: string, now: number): Promise<void>;
  /**
   * Deletes up to `limit` visitors last seen before `before` whose conversation (if any) is
   * closed, with their tokens; returns how many.
   */
  expireVisitors(before: number, limit: number): Promise<number>;
  /** Deletes up to `limit` conversations closed before `before`, with their messages; returns how many. */
  expireClosedConversations(before: number, limit: number): Promise<number>;
}
