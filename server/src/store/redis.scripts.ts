import { LuaScript } from './lua-script.js';

/*
 * Every decision two server processes could race on is one of these scripts, so Redis
 * runs it whole. They touch keys they compute from the prefix (ARGV[1]) as well as
 * their declared KEYS, which is fine on a single Redis or a primary with replicas but
 * not on Redis Cluster (see docs/OPERATIONS.md).
 */

/** KEYS: visitor, convs, queue, open convs. ARGV: prefix, id, siteId, language, visitorId, pageUrl, pageTitle, timeZone, queue, now. */
export const openConversation = new LuaScript(`
local cur = redis.call('HGET', KEYS[1], 'conversationId')
if cur then
  local st = redis.call('HGET', ARGV[1] .. 'conv:' .. cur, 'status')
  if st and st ~= 'closed' then return {0, cur} end
end
redis.call('HSET', ARGV[1] .. 'conv:' .. ARGV[2], 'id', ARGV[2], 'siteId', ARGV[3], 'status', 'queued', 'queue', ARGV[9],
  'language', ARGV[4], 'visitorId', ARGV[5], 'pageUrl', ARGV[6], 'pageTitle', ARGV[7], 'timeZone', ARGV[8],
  'operatorId', '', 'operatorName', '', 'createdAt', ARGV[10], 'updatedAt', ARGV[10])
redis.call('ZADD', KEYS[2], ARGV[10], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[10], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[10], ARGV[2])
redis.call('HSET', KEYS[1], 'conversationId', ARGV[2])
return {1, ARGV[2]}
`);

/**
 * Idempotent append: the client-made id maps to its stream entry, so a resend returns
 * the stored entry instead of adding a second one. One round trip per message: it also
 * returns the conversation hash as it is afterwards.
 * KEYS: ids hash, stream, conversation. ARGV: clientId, authorKind, authorId, authorName, text, onlyIfOpen (1|0).
 * Returns {created (1|0), entryId, fields, conversation fields}, {-1} when the conversation
 * does not exist, {-2} when it is closed and onlyIfOpen.
 */
export const appendMessage = new LuaScript(`
if redis.call('EXISTS', KEYS[3]) == 0 then return {-1} end
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  local e = redis.call('XRANGE', KEYS[2], existing, existing)
  if e[1] then return {0, existing, e[1][2], redis.call('HGETALL', KEYS[3])} end
end
if ARGV[6] == '1' and redis.call('HGET', KEYS[3], 'status') == 'closed' then return {-2} end
local fields = {'id', ARGV[1], 'ak', ARGV[2], 'aid', ARGV[3], 'an', ARGV[4], 't', ARGV[5]}
local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
redis.call('HSET', KEYS[1], ARGV[1], id)
local ms = string.match(id, '^(%d+)')
redis.call('HSET', KEYS[3], 'lastText', string.sub(ARGV[5], 1, 200), 'lastAuthorKind', ARGV[2], 'lastAt', ms, 'updatedAt', ms)
return {1, id, fields, redis.call('HGETALL', KEYS[3])}
`);

/**
 * Live connections of an operator: the per-process counts in the `conns` hash whose process
 * still holds its lease (`proc:<id>`). Counts of processes that died are dropped on the way.
 */
const LIVE_CONNECTIONS = `
local function live(conns, prefix)
  local flat = redis.call('HGETALL', conns)
  local n = 0
  for i = 1, #flat, 2 do
    local c = tonumber(flat[i + 1])
    if c > 0 and redis.call('EXISTS', prefix .. 'proc:' .. flat[i]) == 1 then
      n = n + c
    else
      redis.call('HDEL', conns, flat[i])
    end
  end
  return n
end
`;

/** KEYS: connections, capacities, loads, operator's conversations, away. ARGV: operatorId, capacity, processId. */
export const operatorConnected = new LuaScript(`
redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('DEL', KEYS[5])
if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
  redis.call('ZADD', KEYS[3], redis.call('SCARD', KEYS[4]), ARGV[1])
end
return 1
`);

/**
 * KEYS: connections, away. ARGV: processId, now, prefix. Returns the live connections left;
 * at zero, notes since when the operator is away (for the grace period).
 */
export const operatorDisconnected = new LuaScript(`${LIVE_CONNECTIONS}
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
local n = live(KEYS[1], ARGV[3])
if n == 0 then redis.call('SET', KEYS[2], ARGV[2], 'NX') end
return n
`);

/**
 * Releases an operator with no live connection who has been away for the grace period:
 * out of routing, their assigned conversations back in the queue at their original place.
 * KEYS: connections, loads, operator's conversations, away. ARGV: prefix, operatorId, now, graceMs.
 * Returns the requeued ids, or nil while the operator is connected or within the grace period.
 */
export const releaseOperatorIfGone = new LuaScript(`${LIVE_CONNECTIONS}
if live(KEYS[1], ARGV[1]) > 0 then return false end
local away = redis.call('GET', KEYS[4])
if not away then
  -- Noticed by a sweep (their process died): the grace period starts now.
  redis.call('SET', KEYS[4], ARGV[3])
  away = ARGV[3]
end
if tonumber(ARGV[3]) - tonumber(away) < tonumber(ARGV[4]) then return false end
redis.call('ZREM', KEYS[2], ARGV[2])
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local ck = ARGV[1] .. 'conv:' .. id
  local st = redis.call('HMGET', ck, 'status', 'operatorId', 'queue', 'createdAt')
  if st[1] == 'assigned' and st[2] == ARGV[2] then
    redis.call('HSET', ck, 'status', 'queued', 'operatorId', '', 'operatorName', '', 'updatedAt', ARGV[3])
    redis.call('ZADD', ARGV[1] .. 'queue:' .. st[3], st[4], id)
    table.insert(out, id)
  end
end
redis.call('DEL', KEYS[3], KEYS[1], KEYS[4])
return out
`);

/**
 * Oldest waiting conversation → least busy online operator below capacity.
 * KEYS: queue, loads, capacities. ARGV: prefix, now. Returns {conversationId, operatorId} or nil.
 */
export const assignNext = new LuaScript(`
local q = redis.call('ZRANGE', KEYS[1], 0, 0)
if #q == 0 then return false end
local ops = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #ops, 2 do
  local op = ops[i]
  local cap = tonumber(redis.call('HGET', KEYS[3], op) or '0')
  if tonumber(ops[i + 1]) < cap then
    local conv = q[1]
    redis.call('ZREM', KEYS[1], conv)
    local name = redis.call('HGET', ARGV[1] .. 'op:' .. op, 'name') or ''
    redis.call('HSET', ARGV[1] .. 'conv:' .. conv, 'status', 'assigned', 'operatorId', op, 'operatorName', name, 'updatedAt', ARGV[2])
    redis.call('ZINCRBY', KEYS[2], 1, op)
    redis.call('SADD', ARGV[1] .. 'op:' .. op .. ':convs', conv)
    return {conv, op}
  end
end
return false
`);

/** KEYS: conversation, loads. ARGV: prefix, conversationId, operatorId, now. Returns ok|same|taken|closed|not_found. */
export const acceptConversation = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not_found' end
local st = redis.call('HMGET', KEYS[1], 'status', 'operatorId', 'queue')
if st[1] == 'closed' then return 'closed' end
if st[1] == 'assigned' then
  if st[2] == ARGV[3] then return 'same' end
  return 'taken'
end
redis.call('ZREM', ARGV[1] .. 'queue:' .. st[3], ARGV[2])
local name = redis.call('HGET', ARGV[1] .. 'op:' .. ARGV[3], 'name') or ''
redis.call('HSET', KEYS[1], 'status', 'assigned', 'operatorId', ARGV[3], 'operatorName', name, 'updatedAt', ARGV[4])
redis.call('ZADD', KEYS[2], 'XX', 'INCR', 1, ARGV[3])
redis.call('SADD', ARGV[1] .. 'op:' .. ARGV[3] .. ':convs', ARGV[2])
return 'ok'
`);

/** KEYS: conversation, loads, open convs. ARGV: prefix, conversationId, now. Returns 1, or 0 when not found. */
export const closeConversation = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local st = redis.call('HMGET', KEYS[1], 'status', 'operatorId', 'queue')
if st[1] == 'queued' then redis.call('ZREM', ARGV[1] .. 'queue:' .. st[3], ARGV[2]) end
if st[1] == 'assigned' and st[2] ~= '' then
  if redis.call('SREM', ARGV[1] .. 'op:' .. st[2] .. ':convs', ARGV[2]) == 1 and redis.call('ZSCORE', KEYS[2], st[2]) then
    redis.call('ZINCRBY', KEYS[2], -1, st[2])
  end
end
redis.call('HSET', KEYS[1], 'status', 'closed', 'updatedAt', ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[2])
return 1
`);

/** KEYS: counter. ARGV: window ms. Fixed-window rate-limit counter. */
export const hit = new LuaScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`);
