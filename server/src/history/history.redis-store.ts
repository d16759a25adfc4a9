import { randomUUID } from 'node:crypto';
import type { ClosedFilter } from '../conversations/conversation.store.js';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { HistoryStore } from './history.store.js';

/**
 * Intersects the terms' sets (weights keep the start time as the score; Redis walks the
 * smallest set), takes one page of it, and drops the scratch key, in one step.
 * KEYS: scratch, then the term sets. ARGV: max score, min score, limit.
 */
const search = new LuaScript(`
local n = #KEYS - 1
local args = {KEYS[1], n}
for i = 2, #KEYS do table.insert(args, KEYS[i]) end
table.insert(args, 'WEIGHTS')
for i = 1, n do table.insert(args, (i == 1) and 1 or 0) end
redis.call('ZINTERSTORE', unpack(args))
local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
redis.call('DEL', KEYS[1])
return ids
`);

/**
 * `hist:t:<term>` sorted set: conversation → when it started. Only closing files a
 * conversation here; one reopened since stays filed, and the history service leaves it out.
 * One word is a range read of its set; several are intersected, the cost bounded by the
 * rarest word's set.
 */
export class RedisHistoryStore implements HistoryStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async index(conversationId: string, createdAt: number, terms: readonly string[]): Promise<void> {
    if (terms.length === 0) return;
    const pipe = this.ks.redis.pipeline();
    for (const term of terms) pipe.zadd(this.ks.key('hist', 't', term), createdAt, conversationId);
    await pipe.exec();
  }

  async search(terms: readonly string[], filter: ClosedFilter): Promise<string[]> {
    if (terms.length === 0) return [];
    const max = filter.before !== undefined ? `(${Math.min(filter.before, filter.to !== undefined ? filter.to + 1 : Infinity)}` : filter.to !== undefined ? String(filter.to) : '+inf';
    const min = filter.from !== undefined ? String(filter.from) : '-inf';
    const [only] = terms;
    if (terms.length === 1 && only !== undefined) return this.ks.redis.zrevrangebyscore(this.ks.key('hist', 't', only), max, min, 'LIMIT', 0, filter.limit);
    const keys = [this.ks.key('hist', 'q', randomUUID()), ...terms.map((t) => this.ks.key('hist', 't', t))];
    return (await search.run(this.ks.redis, keys, [max, min, filter.limit])) as string[];
  }
}
