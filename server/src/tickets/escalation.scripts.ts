import { LuaScript } from '../store/lua-script.js';

/*
 * The outbox's transitions, each one script: the state it starts from is checked in the same
 * step as the write. An escalation is a hash `esc:<id>`: `doc` (what never changes, JSON, never
 * decoded here) and one field per changing value, so no script needs a JSON codec.
 */

/**
 * KEYS: key index, escalation hash, conversation's list, all (zset), due (zset).
 * ARGV: id, known ('' = no check), createdAt, hasConversation (1|0), then the hash's field/value pairs.
 * Returns {1, id} created, {0, existing id} the key was used before, {-1} conflict.
 */
export const createEscalation = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return {0, existing} end
if ARGV[2] ~= '' and redis.call('LLEN', KEYS[3]) ~= tonumber(ARGV[2]) then return {-1} end
redis.call('HSET', KEYS[2], unpack(ARGV, 5))
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[4] == '1' then redis.call('RPUSH', KEYS[3], ARGV[1]) end
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
return {1, ARGV[1]}
`);

/**
 * KEYS: escalation hash, due (zset). ARGV: id, owner, now, until.
 * Returns the hash after the claim, or false when the entry is not due or is someone else's.
 */
export const claimEscalation = new LuaScript(`
local h = redis.call('HMGET', KEYS[1], 'state', 'next', 'until')
if not h[1] then return false end
local now = tonumber(ARGV[3])
local stale = h[1] == 'sending' and h[3] and h[3] ~= '' and tonumber(h[3]) < now
local due = h[1] == 'pending' and h[2] and h[2] ~= '' and tonumber(h[2]) <= now
if not (due or stale) then return false end
redis.call('HSET', KEYS[1], 'state', 'sending', 'owner', ARGV[2], 'until', ARGV[4], 'updatedAt', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if stale then redis.call('HSET', KEYS[1], 'unclear', '1') end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return redis.call('HGETALL', KEYS[1])
`);

/**
 * KEYS: escalation hash, due (zset), attention (zset). ARGV: id, owner, now, new state,
 * next attempt ('' = none), then field/value pairs to set.
 * Returns the hash after, or false when the caller no longer owns the entry.
 */
export const settleEscalation = new LuaScript(`
local h = redis.call('HMGET', KEYS[1], 'state', 'owner')
if h[1] ~= 'sending' or h[2] ~= ARGV[2] then return false end
redis.call('HSET', KEYS[1], 'state', ARGV[4], 'owner', '', 'until', '', 'updatedAt', ARGV[3], 'next', ARGV[5], unpack(ARGV, 6))
if ARGV[4] == 'pending' then redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1]) else redis.call('ZREM', KEYS[2], ARGV[1]) end
if ARGV[4] == 'failed' or ARGV[4] == 'unconfirmed' then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1]) else redis.call('ZREM', KEYS[3], ARGV[1]) end
return redis.call('HGETALL', KEYS[1])
`);

/**
 * KEYS: escalation hash, due (zset), attention (zset). ARGV: id, now.
 * Returns {changed (1|0), hash} or false when there is no such escalation.
 */
export const retryEscalation = new LuaScript(`
local st = redis.call('HGET', KEYS[1], 'state')
if not st then return false end
if st ~= 'failed' and st ~= 'unconfirmed' then return {0, redis.call('HGETALL', KEYS[1])} end
local attempts = redis.call('HGET', KEYS[1], 'attempts')
redis.call('HSET', KEYS[1], 'state', 'pending', 'next', ARGV[2], 'failure', '', 'unclear', '0', 'roundStart', attempts, 'updatedAt', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return {1, redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: lease. ARGV: owner, ttlMs. Takes a free (or lapsed) lease, or renews one's own. Returns 1 when held. */
export const acquireLease = new LuaScript(`
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`);

/** KEYS: lease. ARGV: owner. Lets go of one's own lease only. */
export const releaseLease = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`);
