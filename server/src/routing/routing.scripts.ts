import { LuaScript } from '../store/lua-script.js';
import { APPEND_EVENT } from '../store/lua-snippets.js';

/**
 * Oldest waiting conversation → least busy available operator below capacity (their own,
 * or the default when they have none), never a disabled one; records the `assigned` event.
 * An operator's load is the size of their set of assigned open conversations, so it cannot drift.
 * KEYS: queue, available. ARGV: prefix, now, eventId, defaultCapacity.
 * Returns {conversationId, entryId, fields, conversation fields} or false.
 */
export const assignNext = new LuaScript(`${APPEND_EVENT}
local q = redis.call('ZRANGE', KEYS[1], 0, 0)
if #q == 0 then return false end
local best, bestLoad, bestName
for _, op in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local h = redis.call('HMGET', ARGV[1] .. 'op:' .. op, 'capacity', 'disabled', 'name')
  local cap = tonumber(h[1]) or tonumber(ARGV[4])
  if h[2] ~= '1' then
    local load = redis.call('SCARD', ARGV[1] .. 'op:' .. op .. ':convs')
    if load < cap and (not best or load < bestLoad or (load == bestLoad and op < best)) then
      best, bestLoad, bestName = op, load, h[3] or ''
    end
  end
end
if not best then return false end
local conv = q[1]
local ck = ARGV[1] .. 'conv:' .. conv
redis.call('ZREM', KEYS[1], conv)
redis.call('HSET', ck, 'status', 'assigned', 'operatorId', best, 'operatorName', bestName, 'updatedAt', ARGV[2])
redis.call('SADD', ARGV[1] .. 'op:' .. best .. ':convs', conv)
local ev = append_event(ARGV[1], conv, ARGV[3], cjson.encode({type = 'assigned', operator = {id = best, name = bestName}}), ARGV[2])
return {conv, ev[1], ev[2], redis.call('HGETALL', ck)}
`);

/**
 * KEYS: conversation. ARGV: prefix, conversationId, operatorId, now, eventId.
 * Returns {'ok', conversation fields, entryId, fields}, {'same', conversation fields}, {'taken'}, {'closed'} or {'not_found'}.
 */
export const acceptConversation = new LuaScript(`${APPEND_EVENT}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
local st = redis.call('HMGET', KEYS[1], 'status', 'operatorId', 'queue')
if st[1] == 'closed' then return {'closed'} end
if st[1] == 'assigned' then
  if st[2] == ARGV[3] then return {'same', redis.call('HGETALL', KEYS[1])} end
  return {'taken'}
end
redis.call('ZREM', ARGV[1] .. 'queue:' .. st[3], ARGV[2])
local name = redis.call('HGET', ARGV[1] .. 'op:' .. ARGV[3], 'name') or ''
redis.call('HSET', KEYS[1], 'status', 'assigned', 'operatorId', ARGV[3], 'operatorName', name, 'updatedAt', ARGV[4])
redis.call('SADD', ARGV[1] .. 'op:' .. ARGV[3] .. ':convs', ARGV[2])
local ev = append_event(ARGV[1], ARGV[2], ARGV[5], cjson.encode({type = 'assigned', operator = {id = ARGV[3], name = name}}), ARGV[4])
return {'ok', redis.call('HGETALL', KEYS[1]), ev[1], ev[2]}
`);

/**
 * Puts an operator's assigned conversations back in line at their original place, each with
 * a `requeued` event; nothing when the operator is available again by now.
 * KEYS: available, operator's conversations. ARGV: prefix, operatorId, now, eventId, reason.
 * Returns a list of {conversationId, entryId, fields, conversation fields}.
 */
export const requeueOperator = new LuaScript(`${APPEND_EVENT}
if redis.call('SISMEMBER', KEYS[1], ARGV[2]) == 1 then return {} end
local out = {}
local event = cjson.encode({type = 'requeued', reason = ARGV[5]})
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local ck = ARGV[1] .. 'conv:' .. id
  local st = redis.call('HMGET', ck, 'status', 'operatorId', 'queue', 'createdAt')
  if st[1] == 'assigned' and st[2] == ARGV[2] then
    redis.call('HSET', ck, 'status', 'queued', 'operatorId', '', 'operatorName', '', 'updatedAt', ARGV[3])
    redis.call('ZADD', ARGV[1] .. 'queue:' .. st[3], st[4], id)
    local ev = append_event(ARGV[1], id, ARGV[4], event, ARGV[3])
    table.insert(out, {id, ev[1], ev[2], redis.call('HGETALL', ck)})
  end
end
redis.call('DEL', KEYS[2])
return out
`);
