import { LuaScript } from '../store/lua-script.js';
import { APPEND_EVENT } from '../store/lua-snippets.js';

/**
 * The visitor's open conversation, or a new one, queued in its department (its `queuedAt`
 * starts routing's fallback clock), with a `queued` event when an event id is given.
 * KEYS: visitor, convs, queue, open convs, visitor's convs. ARGV: prefix, id, now, queued
 * event id ('' = none), queued event JSON, then the new conversation's hash as field/value
 * pairs. Returns {created (1|0), id}.
 */
export const openConversation = new LuaScript(`${APPEND_EVENT}
local cur = redis.call('HGET', KEYS[1], 'conversationId')
if cur then
  local st = redis.call('HGET', ARGV[1] .. 'conv:' .. cur, 'status')
  if st and st ~= 'closed' then return {0, cur} end
end
redis.call('HSET', ARGV[1] .. 'conv:' .. ARGV[2], 'queuedAt', ARGV[3], unpack(ARGV, 6))
if ARGV[4] ~= '' then append_event(ARGV[1], ARGV[2], ARGV[4], ARGV[5], ARGV[3]) end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[2])
redis.call('HSET', KEYS[1], 'conversationId', ARGV[2])
return {1, ARGV[2]}
`);

/**
 * Idempotent append: the client-made id maps to its stream entry, so a resend returns the
 * stored entry instead of adding a second one. One round trip per message: it also returns
 * the conversation hash as it is afterwards. The guards are checked here, in the same step
 * as the write, so a close or a reassignment cannot slip in between check and write.
 * KEYS: ids hash, stream, conversation. ARGV: clientId, kind, authorKind, authorId, authorName,
 * text, eventJson, preview, onlyIfOpen (1|0), guardOperatorId ('' = none), guardAdmin (1|0), attachmentsJson.
 * Returns {created (1|0), entryId, fields, conversation fields, firstReply (1|0): the first text an
 * operator wrote in it}; {-1} no such conversation,
 * {-2} closed, {-3} not assigned to the guard's operator.
 */
export const appendMessage = new LuaScript(`
if redis.call('EXISTS', KEYS[3]) == 0 then return {-1} end
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  local e = redis.call('XRANGE', KEYS[2], existing, existing)
  if e[1] then return {0, existing, e[1][2], redis.call('HGETALL', KEYS[3])} end
end
local st = redis.call('HMGET', KEYS[3], 'status', 'operatorId')
if ARGV[9] == '1' and st[1] == 'closed' then return {-2} end
if ARGV[10] ~= '' and ARGV[11] ~= '1' and not (st[1] == 'assigned' and st[2] == ARGV[10]) then
  if st[1] == 'closed' then return {-2} end
  return {-3}
end
local fields = {'id', ARGV[1], 'k', ARGV[2], 'ak', ARGV[3], 'aid', ARGV[4], 'an', ARGV[5], 't', ARGV[6]}
if ARGV[7] ~= '' then table.insert(fields, 'e'); table.insert(fields, ARGV[7]) end
if ARGV[12] ~= '' then table.insert(fields, 'f'); table.insert(fields, ARGV[12]) end
local id = redis.call('XADD', KEYS[2], '*', unpack(fields))
redis.call('HSET', KEYS[1], ARGV[1], id)
local ms = string.match(id, '^(%d+)')
if ARGV[2] == 'system' then
  redis.call('HSET', KEYS[3], 'updatedAt', ms)
else
  redis.call('HSET', KEYS[3], 'lastText', ARGV[8], 'lastAuthorKind', ARGV[3], 'lastKind', ARGV[2], 'lastAt', ms, 'updatedAt', ms)
end
local first = 0
if ARGV[3] == 'operator' and ARGV[2] == 'text' then first = redis.call('HSETNX', KEYS[3], 'firstReplyAt', ms) end
return {1, id, fields, redis.call('HGETALL', KEYS[3]), first}
`);

/**
 * Closes and records the \`closed\` event in one step; frees the operator's slot; indexes it
 * among the closed ones by when it started (the history).
 * KEYS: conversation, open convs, idle convs, closed convs. ARGV: prefix, conversationId, now, eventId,
 * eventJson, onlyIfVisitorLeftBefore ('' = always), guardOperatorId ('' = none), guardAdmin (1|0).
 * Returns {1, entryId, fields, freedOperatorId, conversation fields} or {0, reason}.
 */
export const closeConversation = new LuaScript(`${APPEND_EVENT}
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 'not_found'} end
local st = redis.call('HMGET', KEYS[1], 'status', 'operatorId', 'queue', 'visitorOnline', 'visitorSeenAt')
if st[1] == 'closed' then return {0, 'closed'} end
if ARGV[6] ~= '' and (st[4] ~= '0' or tonumber(st[5]) >= tonumber(ARGV[6])) then return {0, 'visitor_back'} end
if ARGV[7] ~= '' and ARGV[8] ~= '1' and st[1] == 'assigned' and st[2] ~= ARGV[7] then return {0, 'taken'} end
if st[1] == 'queued' then redis.call('ZREM', ARGV[1] .. 'queue:' .. st[3], ARGV[2]) end
local freed = ''
if st[1] == 'assigned' and st[2] ~= '' then
  freed = st[2]
  redis.call('SREM', ARGV[1] .. 'op:' .. st[2] .. ':convs', ARGV[2])
end
redis.call('HSET', KEYS[1], 'status', 'closed', 'updatedAt', ARGV[3])
-- By when it closed: the retention sweep deletes from this index, oldest first.
redis.call('ZADD', ARGV[1] .. 'convs:closed-at', ARGV[3], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[4], redis.call('HGET', KEYS[1], 'createdAt'), ARGV[2])
local ev = append_event(ARGV[1], ARGV[2], ARGV[4], ARGV[5], ARGV[3])
return {1, ev[1], ev[2], freed, redis.call('HGETALL', KEYS[1])}
`);

/**
 * The visitor's profile changed: updates their open conversation.
 * KEYS: visitor. ARGV: prefix, then field/value pairs. Returns the conversation hash, or false.
 */
export const setVisitorProfile = new LuaScript(`
local conv = redis.call('HGET', KEYS[1], 'conversationId')
if not conv then return false end
local ck = ARGV[1] .. 'conv:' .. conv
local st = redis.call('HGET', ck, 'status')
if not st or st == 'closed' then return false end
redis.call('HSET', ck, unpack(ARGV, 2))
return redis.call('HGETALL', ck)
`);

/**
 * The visitor came back or left: updates their open conversation and the idle index.
 * KEYS: visitor, idle convs. ARGV: prefix, online (1|0), now. Returns the conversation hash, or false.
 */
export const setVisitorOnline = new LuaScript(`
local conv = redis.call('HGET', KEYS[1], 'conversationId')
if not conv then return false end
local ck = ARGV[1] .. 'conv:' .. conv
local st = redis.call('HGET', ck, 'status')
if not st or st == 'closed' then return false end
redis.call('HSET', ck, 'visitorOnline', ARGV[2], 'visitorSeenAt', ARGV[3])
if ARGV[2] == '1' then redis.call('ZREM', KEYS[2], conv) else redis.call('ZADD', KEYS[2], ARGV[3], conv) end
return redis.call('HGETALL', ck)
`);

/**
 * The visitor rates their conversation. KEYS: conversation. ARGV: visitor id, rating JSON.
 * Returns the conversation hash, or false when it is not the visitor's.
 */
export const setRating = new LuaScript(`
if redis.call('HGET', KEYS[1], 'visitorId') ~= ARGV[1] then return false end
redis.call('HSET', KEYS[1], 'rating', ARGV[2])
return redis.call('HGETALL', KEYS[1])
`);
