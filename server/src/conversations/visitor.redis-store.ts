import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { VisitorRecord, VisitorStore } from './visitor.store.js';

export class RedisVisitorStore implements VisitorStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async create(tokenHash: string, visitorId: string): Promise<void> {
    await this.ks.redis.multi().set(this.ks.key('vtoken', tokenHash), visitorId).hset(this.ks.key('vis', visitorId), 'id', visitorId).exec();
  }

  async findByToken(tokenHash: string): Promise<VisitorRecord | null> {
    const id = await this.ks.redis.get(this.ks.key('vtoken', tokenHash));
    if (!id) return null;
    const conversationId = await this.ks.redis.hget(this.ks.key('vis', id), 'conversationId');
    return { id, conversationId: conversationId || null };
  }
}
