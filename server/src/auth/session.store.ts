/**
 * Operator login sessions, kept under a keyed hash of the cookie's id. Implementations:
 * `MemorySessionStore`, `RedisSessionStore`; `session.contract.ts` holds both to one behaviour.
 */
export interface SessionStore {
  put(key: string, session: SessionRecord, ttlMs: number): Promise<void>;
  /** Null once expired or deleted. */
  get(key: string): Promise<SessionRecord | null>;
  delete(key: string): Promise<void>;
  /**
   * Deletes every session of the operator (they were disabled, their password changed) but
   * `keep` (the one that changed its own password); returns the deleted keys.
   */
  deleteAllOf(operatorId: string, keep?: string): Promise<string[]>;
}

export interface SessionRecord {
  operatorId: string;
  csrfToken: string;
  /** Epoch ms; the session and its sockets end then. */
  expiresAt: number;
}
