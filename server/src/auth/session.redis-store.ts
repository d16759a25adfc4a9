import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { SessionRecord, SessionStore } from './session.store.js';

export class RedisSessionStore implements SessionStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async put(key: string, session: SessionRecord, ttlMs: number): Promise<void> {
    const index = this.ks.key('op', session.operatorId, 'sessions');
    await this.ks.redis
      .multi()
      .set(this.ks.key('sess', key), JSON.stringify(session), 'PX', ttlMs)
      .sadd(index, key)
      // The index outlives no session by more than one lifetime.
      .pexpire(index, ttlMs)
      .exec();
  }

  async get(key: string): Promise<SessionRecord | null> {
    const raw = await this.ks.redis.get(this.ks.key('sess', key));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async delete(key: string): Promise<void> {
    const raw = await this.ks.redis.get(this.ks.key('sess', key));
    const multi = this.ks.redis.multi().del(this.ks.key('sess', key));
    if (raw) multi.srem(this.ks.key('op', (JSON.parse(raw) as SessionRecord).operatorId, 'sessions'), key);
    await multi.exec();
  }

  async deleteAllOf(operatorId: string, keep?: string): Promise<string[]> {
    const index = this.ks.key('op', operatorId, 'sessions');
    const keys = (await this.ks.redis.smembers(index)).filter((k) => k !== keep);
    // Only these leave the index: a session kept, or made meanwhile, stays in it.
    if (keys.length) await this.ks.redis.multi().del(...keys.map((k) => this.ks.key('sess', k))).srem(index, ...keys).exec();
    return keys;
  }
}
