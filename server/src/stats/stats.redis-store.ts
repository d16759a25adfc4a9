import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { BUCKETS_MS, STATS_TTL_DAYS, bucketOf, dayOf, emptyHistogram, type DayStats, type Histogram, type StatsStore } from './stats.store.js';

const TTL_S = STATS_TTL_DAYS * 86_400;

/**
 * Counts a measure once per conversation: marks it in the conversation's stats hash, and
 * only then adds to the day's totals.
 * KEYS: conversation's marks, day hash. ARGV: measure (o|w|r), ttl seconds, then for o:
 * department; for w and r: value ms, bucket index.
 */
const count = new LuaScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], '1') == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[2])
if ARGV[1] == 'o' then
  redis.call('HINCRBY', KEYS[2], 'chats', 1)
  redis.call('HINCRBY', KEYS[2], 'd:' .. ARGV[3], 1)
else
  local v = tonumber(ARGV[3])
  redis.call('HINCRBY', KEYS[2], ARGV[1] .. ':n', 1)
  redis.call('HINCRBY', KEYS[2], ARGV[1] .. ':sum', v)
  redis.call('HINCRBY', KEYS[2], ARGV[1] .. ':b' .. ARGV[4], 1)
  local max = tonumber(redis.call('HGET', KEYS[2], ARGV[1] .. ':max'))
  if not max or v > max then redis.call('HSET', KEYS[2], ARGV[1] .. ':max', v) end
end
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
`);

/** `stats:day:<YYYY-MM-DD>` hash: chats, d:<department>, w:* (wait) and r:* (first response): n, sum, max, b<bucket>. `stats:conv:<id>` hash: what was counted. */
export class RedisStatsStore implements StatsStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private keys(conversationId: string, createdAt: number): string[] {
    return [this.ks.key('stats', 'conv', conversationId), this.ks.key('stats', 'day', dayOf(createdAt))];
  }

  async opened({ conversationId, department, createdAt }: { conversationId: string; department: string; createdAt: number }): Promise<void> {
    await count.run(this.ks.redis, this.keys(conversationId, createdAt), ['o', TTL_S, department]);
  }

  async assigned({ conversationId, createdAt, at }: { conversationId: string; createdAt: number; at: number }): Promise<void> {
    const v = Math.max(0, Math.round(at - createdAt));
    await count.run(this.ks.redis, this.keys(conversationId, createdAt), ['w', TTL_S, v, bucketOf(v)]);
  }

  async firstResponse({ conversationId, createdAt, at }: { conversationId: string; createdAt: number; at: number }): Promise<void> {
    const v = Math.max(0, Math.round(at - createdAt));
    await count.run(this.ks.redis, this.keys(conversationId, createdAt), ['r', TTL_S, v, bucketOf(v)]);
  }

  async days(days: readonly string[]): Promise<DayStats[]> {
    const pipe = this.ks.redis.pipeline();
    for (const day of days) pipe.hgetall(this.ks.key('stats', 'day', day));
    const rows = (await pipe.exec()) ?? [];
    return days.map((day, i) => toDay(day, (rows[i]?.[1] ?? {}) as Record<string, string>));
  }
}

function toDay(day: string, h: Record<string, string>): DayStats {
  const byDepartment: Record<string, number> = {};
  for (const [field, value] of Object.entries(h)) if (field.startsWith('d:')) byDepartment[field.slice(2)] = Number(value);
  return { day, chats: Number(h.chats ?? 0), byDepartment, wait: histogram(h, 'w'), firstResponse: histogram(h, 'r') };
}

function histogram(h: Record<string, string>, m: string): Histogram {
  const out = emptyHistogram();
  out.count = Number(h[`${m}:n`] ?? 0);
  out.sumMs = Number(h[`${m}:sum`] ?? 0);
  out.maxMs = Number(h[`${m}:max`] ?? 0);
  out.buckets = BUCKETS_MS.map((_, i) => Number(h[`${m}:b${i}`] ?? 0));
  return out;
}
