import { createHmac, randomBytes } from 'node:crypto';
import type { SessionRecord, Store } from '../store/store.js';

export const SESSION_COOKIE = 'lc_sid';

/**
 * Operator sessions: the cookie holds a random id; the store holds the session under an
 * HMAC of it, so a leaked store dump holds no usable cookie.
 */
export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly secret: string,
    readonly ttlMs: number,
  ) {}

  private key(sid: string): string {
    return createHmac('sha256', this.secret).update(sid).digest('base64url');
  }

  async create(operatorId: string): Promise<{ sid: string; session: SessionRecord }> {
    const sid = randomBytes(32).toString('base64url');
    const session = { operatorId, csrfToken: randomBytes(24).toString('base64url') };
    await this.store.putSession(this.key(sid), session, this.ttlMs);
    return { sid, session };
  }

  async get(sid: string | undefined): Promise<SessionRecord | null> {
    if (!sid || !/^[\w-]{43}$/.test(sid)) return null;
    return this.store.getSession(this.key(sid));
  }

  async destroy(sid: string | undefined): Promise<void> {
    if (sid) await this.store.deleteSession(this.key(sid));
  }
}
