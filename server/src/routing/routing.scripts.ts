import { LuaScript } from '../store/lua-script.js';
import { APPEND_EVENT } from '../store/lua-snippets.js';

/**
 * `set_of(list)`: a comma-separated list (an operator's departments or languages) as a
 * lookup table, or nil for an empty list, which serves everything. Built once per
 * candidate, so each conversation is checked in constant time.
 */
const SET_OF = `
local function set_of(list)
  if not list or list == '' then return nil end
  local s = {}
  for v in string.gmatch(list, '[^,]+') do s[v] = true end
  return s
end
`;

/**
 * The longest-waiting conversation across the queues that some operator may take → the
 * least busy such operator. Candidates: available, not disabled, auto-assigned, below
 * capacity (their own, or the default); they must serve the conversation's department and
 * speak its language, unless it has waited `fallbackMs` since it was queued. The operator
 * who transferred it away is not offered it again before then. Operator records are read
 * here, inside the step, so a change of capacity, departments or languages counts from the
 * next decision. Records the `assigned` event.
 * KEYS: available, then the queues. ARGV: prefix, now, eventId, defaultCapacity, fallbackMs
 * ('' = never), scan (entries looked at per queue).
 * Returns {conversationId, entryId, fields, conversation fields} or false.
 */
export const assignNext = new LuaScript(`${APPEND_EVENT}${SET_OF}
local P = ARGV[1]
local now = tonumber(ARGV[2])
local fallback = tonumber(ARGV[5])
local cands = {}
for _, op in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local h = redis.call('HMGET', P .. 'op:' .. op, 'capacity', 'disabled', 'name', 'departments', 'languages', 'autoAssign')
  if h[2] ~= '1' and h[6] ~= '0' then
    local cap = tonumber(h[1]) or tonumber(ARGV[4])
    local load = redis.call('SCARD', P .. 'op:' .. op .. ':convs')
    if load < cap then table.insert(cands, {id = op, load = load, name = h[3] or '', depts = set_of(h[4]), langs = set_of(h[5])}) end
  end
end
if #cands == 0 then return false end
table.sort(cands, function(a, b) if a.load ~= b.load then return a.load < b.load end return a.id < b.id end)
local entries = {}
for i = 2, #KEYS do
  local q = redis.call('ZRANGE', KEYS[i], 0, tonumber(ARGV[6]) - 1, 'WITHSCORES')
  for j = 1, #q, 2 do table.insert(entries, {id = q[j], score = tonumber(q[j + 1]), queue = KEYS[i]}) end
end
table.sort(entries, function(a, b) if a.score ~= b.score then return a.score < b.score end return a.id < b.id end)
for _, e in ipairs(entries) do
  local ck = P .. 'conv:' .. e.id
  local c = redis.call('HMGET', ck, 'language', 'queue', 'queuedAt', 'notTo')
  local late = fallback and now - (tonumber(c[3]) or e.score) >= fallback
  for _, cand in ipairs(cands) do
    if late or (cand.id ~= c[4] and (not cand.depts or cand.depts[c[2]]) and (not cand.langs or cand.langs[c[1]])) then
      redis.call('ZREM', e.queue, e.id)
      redis.call('HSET', ck, 'status', 'assigned', 'operatorId', cand.id, 'operatorName', cand.name, 'updatedAt', ARGV[2], 'notTo', '')
      redis.call('SADD', P .. 'op:' .. cand.id .. ':convs', e.id)
      local ev = append_event(P, e.id, ARGV[3], cjson.encode({type = 'assigned', operator = {id = cand.id, name = cand.name}}), ARGV[2])
      return {e.id, ev[1], ev[2], redis.call('HGETALL', ck)}
    end
  end
end
return false
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
redis.call('HSET', KEYS[1], 'status', 'assigned', 'operatorId', ARGV[3], 'operatorName', name, 'updatedAt', ARGV[4], 'notTo', '')
redis.call('SADD', ARGV[1] .. 'op:' .. ARGV[3] .. ':convs', ARGV[2])
local ev = append_event(ARGV[1], ARGV[2], ARGV[5], cjson.encode({type = 'assigned', operator = {id = ARGV[3], name = name}}), ARGV[4])
return {'ok', redis.call('HGETALL', KEYS[1]), ev[1], ev[2]}
`);

/**
 * Puts an operator's assigned conversations back in line at their original place, each with
 * a `requeued` event (the fallback clock starts again); nothing when the operator is available again by now.
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
    redis.call('HSET', ck, 'status', 'queued', 'operatorId', '', 'operatorName', '', 'updatedAt', ARGV[3], 'queuedAt', ARGV[3])
    redis.call('ZADD', ARGV[1] .. 'queue:' .. st[3], st[4], id)
    local ev = append_event(ARGV[1], id, ARGV[4], event, ARGV[3])
    table.insert(out, {id, ev[1], ev[2], redis.call('HGETALL', ck)})
  end
end
redis.call('DEL', KEYS[2])
return out
`);

/**
 * A transfer to an available colleague or to a department's queue, with its `transferred`
 * event, in one step: the checks (open, the caller has it or it waits, the colleague is
 * available and not disabled) and the move cannot be split by a concurrent accept, close
 * or transfer.
 * KEYS: conversation, available. ARGV: prefix, conversationId, now, eventId, byOperatorId,
 * byAdmin (1|0), targetType (operator|department), target.
 * Returns {'ok', conversation fields, entryId, fields, previousOperatorId ('' = none)} or {reason}.
 */
export const transferConversation = new LuaScript(`${APPEND_EVENT}
local P = ARGV[1]
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
local st = redis.call('HMGET', KEYS[1], 'status', 'operatorId', 'operatorName', 'queue', 'createdAt')
if st[1] == 'closed' then return {'closed'} end
local assigned = st[1] == 'assigned' and st[2] and st[2] ~= ''
if assigned and st[2] ~= ARGV[5] and ARGV[6] ~= '1' then return {'taken'} end
local from = 'null'
if assigned then from = cjson.encode({id = st[2], name = st[3] or ''}) end
local event
if ARGV[7] == 'operator' then
  if assigned and st[2] == ARGV[8] then return {'same'} end
  local h = redis.call('HMGET', P .. 'op:' .. ARGV[8], 'id', 'name', 'disabled')
  if not h[1] or h[3] == '1' or redis.call('SISMEMBER', KEYS[2], ARGV[8]) == 0 then return {'unavailable'} end
  if st[1] == 'queued' then redis.call('ZREM', P .. 'queue:' .. st[4], ARGV[2]) end
  if assigned then redis.call('SREM', P .. 'op:' .. st[2] .. ':convs', ARGV[2]) end
  redis.call('HSET', KEYS[1], 'status', 'assigned', 'operatorId', ARGV[8], 'operatorName', h[2] or '', 'updatedAt', ARGV[3], 'notTo', '')
  redis.call('SADD', P .. 'op:' .. ARGV[8] .. ':convs', ARGV[2])
  event = '{"type":"transferred","from":' .. from .. ',"to":' .. cjson.encode({id = ARGV[8], name = h[2] or ''}) .. ',"department":null}'
else
  if not assigned and st[4] == ARGV[8] then return {'same'} end
  if st[1] == 'queued' then redis.call('ZREM', P .. 'queue:' .. st[4], ARGV[2]) end
  local notTo = ''
  if assigned then
    redis.call('SREM', P .. 'op:' .. st[2] .. ':convs', ARGV[2])
    notTo = st[2]
  end
  redis.call('HSET', KEYS[1], 'status', 'queued', 'operatorId', '', 'operatorName', '', 'queue', ARGV[8], 'queuedAt', ARGV[3], 'updatedAt', ARGV[3], 'notTo', notTo)
  redis.call('ZADD', P .. 'queue:' .. ARGV[8], st[5], ARGV[2])
  event = '{"type":"transferred","from":' .. from .. ',"to":null,"department":' .. cjson.encode(ARGV[8]) .. '}'
end
local ev = append_event(P, ARGV[2], ARGV[4], event, ARGV[3])
local previous = ''
if assigned then previous = st[2] end
return {'ok', redis.call('HGETALL', KEYS[1]), ev[1], ev[2], previous}
`);

/**
 * A closed conversation opens again, assigned to the operator who reopened it, with a
 * `reopened` event; refused when the visitor has started a newer conversation since. An
 * absent visitor's idle clock starts now.
 * KEYS: conversation, open convs, closed convs, idle convs. ARGV: prefix, conversationId,
 * operatorId, now, eventId.
 * Returns {'ok', conversation fields, entryId, fields}, {'same', conversation fields} or {reason}.
 */
export const reopenConversation = new LuaScript(`${APPEND_EVENT}
local P = ARGV[1]
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
local st = redis.call('HMGET', KEYS[1], 'status', 'operatorId', 'visitorId', 'visitorOnline', 'createdAt')
if st[1] == 'assigned' then
  if st[2] == ARGV[3] then return {'same', redis.call('HGETALL', KEYS[1])} end
  return {'taken'}
end
if st[1] ~= 'closed' then return {'taken'} end
local latest = redis.call('HGET', P .. 'vis:' .. st[3], 'conversationId')
if latest and latest ~= ARGV[2] then return {'superseded'} end
local name = redis.call('HGET', P .. 'op:' .. ARGV[3], 'name') or ''
redis.call('HSET', KEYS[1], 'status', 'assigned', 'operatorId', ARGV[3], 'operatorName', name, 'updatedAt', ARGV[4], 'notTo', '')
redis.call('SADD', P .. 'op:' .. ARGV[3] .. ':convs', ARGV[2])
redis.call('ZADD', KEYS[2], st[5], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
-- Open again: not the retention sweep's any more.
redis.call('ZREM', P .. 'convs:closed-at', ARGV[2])
if st[4] == '0' then redis.call('ZADD', KEYS[4], ARGV[4], ARGV[2]) end
local ev = append_event(P, ARGV[2], ARGV[5], cjson.encode({type = 'reopened', operator = {id = ARGV[3], name = name}}), ARGV[4])
return {'ok', redis.call('HGETALL', KEYS[1]), ev[1], ev[2]}
`);
