import { createHmac, randomBytes } from 'node:crypto';
import type { SessionRecord, SessionStore } from './session.store.js';

export const SESSION_COOKIE = 'lc_sid';

/** A session as a request or a socket holds it. `key` names its sockets' room too. */
export interface OpenSession {
  sid: string;
  key: string;
  session: SessionRecord;
}

/**
 * Operator login sessions: the cookie holds a random id; the store holds the session under
 * an HMAC of it, so a leaked store dump holds no usable cookie.
 */
export class SessionService {
  constructor(
    private readonly store: SessionStore,
    private readonly secret: string,
    readonly ttlMs: number,
  ) {}

  key(sid: string): string {
    return createHmac('sha256', this.secret).update(sid).digest('base64url');
  }

  async create(operatorId: string, now = Date.now()): Promise<OpenSession> {
    const sid = randomBytes(32).toString('base64url');
    const session: SessionRecord = { operatorId, csrfToken: randomBytes(24).toString('base64url'), expiresAt: now + this.ttlMs };
    const key = this.key(sid);
    await this.store.put(key, session, this.ttlMs);
    return { sid, key, session };
  }

  async get(sid: string | undefined): Promise<OpenSession | null> {
    if (!sid || !/^[\w-]{43}$/.test(sid)) return null;
    const key = this.key(sid);
    const session = await this.store.get(key);
    return session ? { sid, key, session } : null;
  }

  async destroy(key: string): Promise<void> {
    await this.store.delete(key);
  }

  /** Ends every session of the operator but `keep`; returns their keys. */
  destroyAllOf(operatorId: string, keep?: string): Promise<string[]> {
    return this.store.deleteAllOf(operatorId, keep);
  }
}
