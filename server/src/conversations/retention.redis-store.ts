import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { RetentionStore } from './retention.store.js';

/**
 * KEYS: visitors:seen. ARGV: prefix, before, limit, now. Deletes visitors unseen since before
 * `before` (their hash and token) unless their conversation is still open; those are looked
 * at again a retention period later. Returns how many went.
 */
const expireVisitors = new LuaScript(`
local n = 0
for _, v in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))) do
  local vk = ARGV[1] .. 'vis:' .. v
  local conv = redis.call('HGET', vk, 'conversationId')
  local st = conv and redis.call('HGET', ARGV[1] .. 'conv:' .. conv, 'status')
  if st and st ~= 'closed' then
    redis.call('ZADD', KEYS[1], ARGV[4], v)
  else
    local tok = redis.call('HGET', vk, 'tok')
    if tok then redis.call('DEL', ARGV[1] .. 'vtoken:' .. tok) end
    -- With its record go its page views and its list of conversations (each expires on its own).
    redis.call('DEL', vk, vk .. ':pages', vk .. ':convs')
    redis.call('ZREM', KEYS[1], v)
    n = n + 1
  end
end
return n
`);

/**
 * KEYS: convs:closed-at, convs, convs:closed. ARGV: prefix, before, limit. Deletes conversations
 * closed before `before`: the hash, the message stream and the id and history indexes. Returns how many went.
 */
const expireConversations = new LuaScript(`
local n = 0
for _, c in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))) do
  local ck = ARGV[1] .. 'conv:' .. c
  redis.call('ZREM', KEYS[1], c)
  -- Reopened since (a later feature): not closed any more, so not expired.
  local st = redis.call('HGET', ck, 'status')
  if not st or st == 'closed' then
    local visitor = redis.call('HGET', ck, 'visitorId')
    if visitor then redis.call('ZREM', ARGV[1] .. 'vis:' .. visitor .. ':convs', c) end
    redis.call('DEL', ck, ck .. ':msgs', ck .. ':mids')
    redis.call('ZREM', KEYS[2], c)
    redis.call('ZREM', KEYS[3], c)
    n = n + 1
  end
end
return n
`);

export class RedisRetentionStore implements RetentionStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async touchVisitor(visitorId: string, tokenHash: string, now: number): Promise<void> {
    const k = this.ks;
    await k.redis.multi().zadd(k.key('visitors', 'seen'), now, visitorId).hset(k.key('vis', visitorId), 'tok', tokenHash).exec();
  }

  async expireVisitors(before: number, limit: number): Promise<number> {
    const k = this.ks;
    return Number(await expireVisitors.run(k.redis, [k.key('visitors', 'seen')], [k.prefix, before, limit, Date.now()]));
  }

  async expireClosedConversations(before: number, limit: number): Promise<number> {
    const k = this.ks;
    return Number(await expireConversations.run(k.redis, [k.key('convs', 'closed-at'), k.key('convs'), k.key('convs', 'closed')], [k.prefix, before, limit]));
  }
}
