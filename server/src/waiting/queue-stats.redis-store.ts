import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { SERVED_KEPT, type QueueStatsStore } from './queue-stats.store.js';

/** `served:<department>` list: service times, newest first, trimmed to SERVED_KEPT. */
export class RedisQueueStatsStore implements QueueStatsStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async recordServed(department: string, at: number): Promise<void> {
    const key = this.ks.key('served', department);
    await this.ks.redis.multi().lpush(key, at).ltrim(key, 0, SERVED_KEPT - 1).exec();
  }

  async recentServed(department: string, limit: number): Promise<number[]> {
    return (await this.ks.redis.lrange(this.ks.key('served', department), 0, limit - 1)).map(Number);
  }
}
