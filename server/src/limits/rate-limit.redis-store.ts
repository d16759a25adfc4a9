import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { releaseOnce, windowOf, type LimitRule, type QuotaCount, type RateLimitStore, type Reservation, type SlotRule, type WindowRule } from './rate-limit.store.js';

/**
 * Reserve (see RateLimitStore.reserve), one script so that a burst cannot slip between the
 * check and the count. KEYS: per rule, this window's counter then the previous one's.
 * ARGV: per rule, limit (-1: none), the previous window's weight (0..1), windowMs, cost,
 * exceptFirstOf (1-based; 0: none). Returns {-1, estimates…} (counted; estimates as strings,
 * as Lua would cut numbers to integers) or {index of the refusing rule (0-based)}.
 */
const reserveScript = new LuaScript(`
local n = #KEYS / 2
local est = {}
for i = 1, n do
  local cur = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local prev = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  est[i] = cur + prev * tonumber(ARGV[5 * i - 3])
end
for i = 1, n do
  local limit = tonumber(ARGV[5 * i - 4])
  local first = tonumber(ARGV[5 * i])
  local waived = first > 0 and est[first] < 1
  if limit >= 0 and not waived and est[i] + tonumber(ARGV[5 * i - 1]) > limit then return {i - 1} end
end
local out = {-1}
for i = 1, n do
  local cost = tonumber(ARGV[5 * i - 1])
  if redis.call('INCRBY', KEYS[2 * i - 1], cost) == cost then redis.call('PEXPIRE', KEYS[2 * i - 1], 2 * tonumber(ARGV[5 * i - 2])) end
  out[i + 1] = tostring(est[i] + cost)
end
return out
`);

/** KEYS: the counters a reservation was counted in. ARGV: its cost in each. A counter gone (expired, reset) is left alone. */
const refundScript = new LuaScript(`
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 and redis.call('DECRBY', KEYS[i], ARGV[i]) <= 0 then redis.call('DEL', KEYS[i]) end
end
return 0
`);

/**
 * KEYS: per key, this window's counter then the previous one's. ARGV: per key, n, the
 * previous window's weight, windowMs. Returns each key's estimate after adding (as strings).
 */
const addScript = new LuaScript(`
local out = {}
for i = 1, #KEYS / 2 do
  local cur = redis.call('INCRBY', KEYS[2 * i - 1], ARGV[3 * i - 2])
  if cur == tonumber(ARGV[3 * i - 2]) then redis.call('PEXPIRE', KEYS[2 * i - 1], 2 * tonumber(ARGV[3 * i])) end
  local prev = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  out[i] = tostring(cur + prev * tonumber(ARGV[3 * i - 1]))
end
return out
`);

/**
 * A slot's places: a sorted set of members scored by when they were last held; those older
 * than the ttl are dropped first. KEYS: the set. ARGV: now, ttlMs, member, limit (-1: forced).
 * Returns 1 (held) or 0.
 */
const holdScript = new LuaScript(`
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local limit = tonumber(ARGV[4])
if limit >= 0 and not redis.call('ZSCORE', KEYS[1], ARGV[3]) and redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
`);

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async reserve(rules: readonly LimitRule[], now: number): Promise<Reservation> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    const counted: { key: string; cost: number }[] = [];
    for (const r of rules) {
      const { index, previousWeight } = windowOf(now, r.windowMs);
      const cost = r.cost ?? 1;
      keys.push(this.counterKey(r.key, index), this.counterKey(r.key, index - 1));
      args.push(Number.isFinite(r.limit) ? r.limit : -1, previousWeight, r.windowMs, cost, r.exceptFirstOf === undefined ? 0 : r.exceptFirstOf + 1);
      counted.push({ key: this.counterKey(r.key, index), cost });
    }
    const [head, ...estimates] = (await reserveScript.run(this.ks.redis, keys, args)) as (number | string)[];
    if (Number(head) >= 0) return { ok: false, refusedBy: Number(head) };
    return {
      ok: true,
      counts: estimates.map(Number),
      release: releaseOnce(async () => {
        await refundScript.run(
          this.ks.redis,
          counted.map((c) => c.key),
          counted.map((c) => c.cost),
        );
      }),
    };
  }

  async reset(rule: WindowRule, now: number): Promise<void> {
    const { index } = windowOf(now, rule.windowMs);
    await this.ks.redis.del(this.counterKey(rule.key, index), this.counterKey(rule.key, index - 1));
  }

  async add(counts: readonly QuotaCount[], now: number): Promise<number[]> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const q of counts) {
      const { index, previousWeight } = windowOf(now, q.windowMs);
      keys.push(this.counterKey(q.key, index), this.counterKey(q.key, index - 1));
      args.push(q.n, previousWeight, q.windowMs);
    }
    if (keys.length === 0) return [];
    return ((await addScript.run(this.ks.redis, keys, args)) as string[]).map(Number);
  }

  async hold(slot: SlotRule, member: string, now: number, force = false): Promise<boolean> {
    return Number(await holdScript.run(this.ks.redis, [this.ks.key('slot', slot.key)], [now, slot.ttlMs, member, force ? -1 : slot.limit])) === 1;
  }

  async unhold(key: string, member: string): Promise<void> {
    await this.ks.redis.zrem(this.ks.key('slot', key), member);
  }

  private counterKey(key: string, index: number): string {
    return this.ks.key('q', key, String(index));
  }
}
