import { randomUUID } from 'node:crypto';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { windowOf, type QuotaCheck, type QuotaCount, type RateLimitStore } from './rate-limit.store.js';

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

/**
 * Quotas over two fixed windows per rule (see RateLimitStore.consume).
 * KEYS: per rule, this window's counter then the previous one's. ARGV: per rule, limit,
 * the previous window's weight (0..1), windowMs. Returns -1 (counted) or the 0-based index
 * of the first rule that refused (nothing counted).
 */
const consumeQuotas = new LuaScript(`
local n = #KEYS / 2
for i = 1, n do
  local cur = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local prev = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  if cur + prev * tonumber(ARGV[3 * i - 1]) + 1 > tonumber(ARGV[3 * i - 2]) then return i - 1 end
end
for i = 1, n do
  if redis.call('INCR', KEYS[2 * i - 1]) == 1 then redis.call('PEXPIRE', KEYS[2 * i - 1], 2 * tonumber(ARGV[3 * i])) end
end
return -1
`);

/**
 * KEYS: per key, this window's counter then the previous one's. ARGV: per key, n, the
 * previous window's weight, windowMs. Returns each key's estimate after adding (as strings:
 * Lua numbers would be cut to integers).
 */
const addQuotas = new LuaScript(`
local out = {}
for i = 1, #KEYS / 2 do
  local cur = redis.call('INCRBY', KEYS[2 * i - 1], ARGV[3 * i - 2])
  if cur == tonumber(ARGV[3 * i - 2]) then redis.call('PEXPIRE', KEYS[2 * i - 1], 2 * tonumber(ARGV[3 * i])) end
  local prev = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  out[i] = tostring(cur + prev * tonumber(ARGV[3 * i - 1]))
end
return out
`);

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await slidingWindow.run(this.ks.redis, [this.ks.key('rl', key)], [now, windowMs, `${now}-${randomUUID().slice(0, 8)}`]));
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await slidingWindow.run(this.ks.redis, [this.ks.key('rl', key)], [now, windowMs, '']));
  }

  async consume(rules: readonly QuotaCheck[], now: number): Promise<number> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const r of rules) {
      const { index, previousWeight } = windowOf(now, r.windowMs);
      keys.push(this.ks.key('q', r.key, String(index)), this.ks.key('q', r.key, String(index - 1)));
      args.push(r.limit, previousWeight, r.windowMs);
    }
    return Number(await consumeQuotas.run(this.ks.redis, keys, args));
  }

  async add(counts: readonly QuotaCount[], now: number): Promise<number[]> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const q of counts) {
      const { index, previousWeight } = windowOf(now, q.windowMs);
      keys.push(this.ks.key('q', q.key, String(index)), this.ks.key('q', q.key, String(index - 1)));
      args.push(q.n, previousWeight, q.windowMs);
    }
    if (keys.length === 0) return [];
    return ((await addQuotas.run(this.ks.redis, keys, args)) as string[]).map(Number);
  }

  async reset(key: string): Promise<void> {
    await this.ks.redis.del(this.ks.key('rl', key));
  }
}
