import type { SessionRecord, SessionStore } from './session.store.js';

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { session: SessionRecord; expiresAt: number }>();

  async put(key: string, session: SessionRecord, ttlMs: number): Promise<void> {
    this.sessions.set(key, { session: { ...session }, expiresAt: Date.now() + ttlMs });
  }

  async get(key: string): Promise<SessionRecord | null> {
    const s = this.sessions.get(key);
    if (!s) return null;
    if (s.expiresAt <= Date.now()) {
      this.sessions.delete(key);
      return null;
    }
    return { ...s.session };
  }

  async delete(key: string): Promise<void> {
    this.sessions.delete(key);
  }

  async deleteAllOf(operatorId: string, keep?: string): Promise<string[]> {
    const keys = [...this.sessions].filter(([key, s]) => s.session.operatorId === operatorId && key !== keep).map(([key]) => key);
    for (const key of keys) this.sessions.delete(key);
    return keys;
  }
}
