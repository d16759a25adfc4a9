import { randomUUID } from 'node:crypto';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { RateLimitStore } from './rate-limit.store.js';

/**
 * A sliding log: each hit is a member of a sorted set scored by its time; what fell out of
 * the window is trimmed on every call, and the key expires with its newest hit.
 * KEYS: the set. ARGV: now, windowMs, member ('' = count only). Returns the count.
 */
const slidingWindow = new LuaScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return redis.call('ZCARD', KEYS[1])
`);

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await slidingWindow.run(this.ks.redis, [this.ks.key('rl', key)], [now, windowMs, `${now}-${randomUUID().slice(0, 8)}`]));
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await slidingWindow.run(this.ks.redis, [this.ks.key('rl', key)], [now, windowMs, '']));
  }

  async reset(key: string): Promise<void> {
    await this.ks.redis.del(this.ks.key('rl', key));
  }
}
