/*
 * Lua shared by the scripts of several ports. Each script that uses one prepends it.
 */

/**
 * `append_event(prefix, conv, mid, event_json, now)`: records a system event in the
 * conversation's stream once per message id; returns {entry id, fields}.
 */
export const APPEND_EVENT = `
local function append_event(prefix, conv, mid, event_json, now)
  local base = prefix .. 'conv:' .. conv
  local existing = redis.call('HGET', base .. ':mids', mid)
  if existing then
    local e = redis.call('XRANGE', base .. ':msgs', existing, existing)
    if e[1] then return {existing, e[1][2]} end
  end
  local fields = {'id', mid, 'k', 'system', 'ak', 'system', 't', '', 'e', event_json}
  local id = redis.call('XADD', base .. ':msgs', '*', unpack(fields))
  redis.call('HSET', base .. ':mids', mid, id)
  redis.call('HSET', base, 'updatedAt', now)
  return {id, fields}
end
`;

/**
 * \`live(conns, prefix)\`: the live connections in a per-process count hash, counting only
 * processes that still hold their lease (\`proc:<id>\`); counts of dead ones are dropped.
 */
export const LIVE_CONNECTIONS = `
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
