import { LuaScript } from '../store/lua-script.js';
import { LIVE_CONNECTIONS } from '../store/lua-snippets.js';

/**
 * Renews this process's lease, and takes over the visitors of processes whose lease lapsed:
 * each of them is leaving from now unless they have a connection on a live process.
 * KEYS: lease, processes. ARGV: prefix, processId, ttlMs, now.
 */
export const heartbeat = new LuaScript(`${LIVE_CONNECTIONS}
redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], tonumber(ARGV[4]) + tonumber(ARGV[3]), ARGV[2])
for _, proc in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])) do
  if redis.call('EXISTS', ARGV[1] .. 'proc:' .. proc) == 0 then
    local set = ARGV[1] .. 'proc:' .. proc .. ':visitors'
    for _, v in ipairs(redis.call('SMEMBERS', set)) do
      local conns = ARGV[1] .. 'vis:' .. v .. ':conns'
      redis.call('HDEL', conns, proc)
      if live(conns, ARGV[1]) == 0 then redis.call('ZADD', ARGV[1] .. 'visitors:leaving', 'NX', ARGV[4], v) end
    end
    redis.call('DEL', set)
    redis.call('ZREM', KEYS[2], proc)
  end
end
return 1
`);

/** KEYS: connections, away, status hash, available, tracked. ARGV: operatorId, processId. */
export const operatorConnected = new LuaScript(`
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('DEL', KEYS[2])
redis.call('SADD', KEYS[5], ARGV[1])
local status = redis.call('HGET', KEYS[3], ARGV[1])
if not status or status == 'online' then redis.call('SADD', KEYS[4], ARGV[1]) end
return 1
`);

/**
 * KEYS: connections, away, available. ARGV: processId, now, prefix, operatorId. Returns the
 * live connections left; at zero the operator takes no new chats and is away from now.
 */
export const operatorDisconnected = new LuaScript(`${LIVE_CONNECTIONS}
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
local n = live(KEYS[1], ARGV[3])
if n == 0 then
  redis.call('SET', KEYS[2], ARGV[2], 'NX')
  redis.call('SREM', KEYS[3], ARGV[4])
end
return n
`);

/** KEYS: connections, status hash, available. ARGV: operatorId, status, prefix. */
export const setOperatorStatus = new LuaScript(`${LIVE_CONNECTIONS}
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[2] == 'online' and live(KEYS[1], ARGV[3]) > 0 then redis.call('SADD', KEYS[3], ARGV[1]) else redis.call('SREM', KEYS[3], ARGV[1]) end
return 1
`);

/**
 * KEYS: connections, away, available, tracked. ARGV: prefix, operatorId, now, graceMs.
 * Returns 1 when the operator has been without a live connection for the grace period
 * (they are then unavailable and no longer tracked), else 0.
 */
export const markOperatorGone = new LuaScript(`${LIVE_CONNECTIONS}
if live(KEYS[1], ARGV[1]) > 0 then return 0 end
local away = redis.call('GET', KEYS[2])
if not away then
  -- Noticed by a sweep (their process died): the grace period starts now.
  redis.call('SET', KEYS[2], ARGV[3])
  away = ARGV[3]
end
if tonumber(ARGV[3]) - tonumber(away) < tonumber(ARGV[4]) then return 0 end
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('SREM', KEYS[4], ARGV[2])
redis.call('DEL', KEYS[1], KEYS[2])
return 1
`);

/**
 * KEYS: connections, process's visitors, leaving. ARGV: visitorId, processId, prefix.
 * Returns 1 when the visitor had no live connection and was not within the reload grace.
 */
export const visitorConnected = new LuaScript(`${LIVE_CONNECTIONS}
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('SADD', KEYS[2], ARGV[1])
local n = live(KEYS[1], ARGV[3])
local withinGrace = redis.call('ZREM', KEYS[3], ARGV[1])
if n == 1 and withinGrace == 0 then return 1 end
return 0
`);

/** KEYS: connections, process's visitors, leaving. ARGV: visitorId, processId, prefix, now. */
export const visitorDisconnected = new LuaScript(`${LIVE_CONNECTIONS}
if redis.call('HINCRBY', KEYS[1], ARGV[2], -1) <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('SREM', KEYS[2], ARGV[1])
end
if live(KEYS[1], ARGV[3]) == 0 then redis.call('ZADD', KEYS[3], 'NX', ARGV[4], ARGV[1]) end
return 1
`);

/**
 * KEYS: leaving. ARGV: prefix, now, graceMs, limit. Takes the visitors gone for the grace
 * period; returns a flat list {visitorId, since, …}. A visitor who has a live connection
 * again is dropped from the list without being returned.
 */
export const takeGoneVisitors = new LuaScript(`${LIVE_CONNECTIONS}
local out = {}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]), 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[4]))
for i = 1, #due, 2 do
  local v = due[i]
  redis.call('ZREM', KEYS[1], v)
  if live(ARGV[1] .. 'vis:' .. v .. ':conns', ARGV[1]) == 0 then
    table.insert(out, v)
    table.insert(out, due[i + 1])
  end
end
return out
`);
