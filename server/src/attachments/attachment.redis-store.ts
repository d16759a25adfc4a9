import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { AttachmentRecord, AttachmentStore, BindOutcome, FileOwner } from './attachment.store.js';

/**
 * All or none. KEYS: the files' hashes, then `files:unbound`. ARGV: owner kind, owner id,
 * conversation id, then the files' ids. Returns 1, or {0, 'not_found' | 'not_yours'}.
 */
const bind = new LuaScript(`
local n = #KEYS - 1
for i = 1, n do
  local f = redis.call('HMGET', KEYS[i], 'ok', 'oid', 'conv')
  if not f[1] then return {0, 'not_found'} end
  if f[1] ~= ARGV[1] or f[2] ~= ARGV[2] or (f[3] ~= '' and f[3] ~= ARGV[3]) then return {0, 'not_yours'} end
end
for i = 1, n do
  redis.call('HSET', KEYS[i], 'conv', ARGV[3])
  redis.call('ZREM', KEYS[n + 1], ARGV[3 + i])
end
return 1
`);

/**
 * KEYS: `files`, `files:unbound`. ARGV: before, unbound before, limit, the key prefix.
 * Deletes the oldest files past either line, at most `limit`; returns their ids.
 */
const expire = new LuaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local left = tonumber(ARGV[3]) - #ids
if left > 0 then
  local unbound = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2], 'LIMIT', 0, left)
  for _, id in ipairs(unbound) do ids[#ids + 1] = id end
end
local gone = {}
for _, id in ipairs(ids) do
  if redis.call('ZREM', KEYS[1], id) == 1 or redis.call('ZREM', KEYS[2], id) == 1 then
    redis.call('ZREM', KEYS[2], id)
    redis.call('DEL', ARGV[4] .. 'file:' .. id)
    gone[#gone + 1] = id
  end
end
return gone
`);

/**
 * `file:<id>` hash: name, type, size, ok/oid (owner kind and id), conv, at; `files` sorted set
 * of every file by upload time, `files:unbound` those no message carries yet (for expiry).
 */
export class RedisAttachmentStore implements AttachmentStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async save(r: AttachmentRecord): Promise<void> {
    const tx = this.ks.redis.multi().hset(this.ks.key('file', r.id), {
      name: r.name,
      type: r.type,
      size: r.size,
      ok: r.owner.kind,
      oid: r.owner.id,
      conv: r.conversationId ?? '',
      at: r.createdAt,
    });
    tx.zadd(this.ks.key('files'), r.createdAt, r.id);
    if (r.conversationId === null) tx.zadd(this.ks.key('files', 'unbound'), r.createdAt, r.id);
    await tx.exec();
  }

  async get(id: string): Promise<AttachmentRecord | null> {
    const h = await this.ks.redis.hgetall(this.ks.key('file', id));
    if (!h.ok || !h.oid) return null;
    return {
      id,
      name: h.name ?? 'file',
      type: h.type ?? 'application/octet-stream',
      size: Number(h.size ?? 0),
      owner: { kind: h.ok === 'operator' ? 'operator' : 'visitor', id: h.oid },
      conversationId: h.conv || null,
      createdAt: Number(h.at ?? 0),
    };
  }

  async bind(ids: readonly string[], owner: FileOwner, conversationId: string): Promise<BindOutcome> {
    if (ids.length === 0) return { ok: true, attachments: [] };
    const res = await bind.run(this.ks.redis, [...ids.map((id) => this.ks.key('file', id)), this.ks.key('files', 'unbound')], [owner.kind, owner.id, conversationId, ...ids]);
    if (Array.isArray(res)) return { ok: false, reason: res[1] === 'not_yours' ? 'not_yours' : 'not_found' };
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return { ok: true, attachments: records.flatMap((r) => (r ? [{ id: r.id, name: r.name, type: r.type, size: r.size }] : [])) };
  }

  async expire(before: number, unboundBefore: number, limit: number): Promise<string[]> {
    const res = await expire.run(this.ks.redis, [this.ks.key('files'), this.ks.key('files', 'unbound')], [before, unboundBefore, limit, this.ks.prefix]);
    return Array.isArray(res) ? res.map(String) : [];
  }
}
