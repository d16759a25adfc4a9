import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { AttachmentRecord, AttachmentStore, BindOutcome, FileOwner } from './attachment.store.js';

/**
 * All or none. KEYS: the files' hashes. ARGV: owner kind, owner id, conversation id.
 * Returns 1, or {0, 'not_found' | 'not_yours'}.
 */
const bind = new LuaScript(`
for i, key in ipairs(KEYS) do
  local f = redis.call('HMGET', key, 'ok', 'oid', 'conv')
  if not f[1] then return {0, 'not_found'} end
  if f[1] ~= ARGV[1] or f[2] ~= ARGV[2] or (f[3] ~= '' and f[3] ~= ARGV[3]) then return {0, 'not_yours'} end
end
for i, key in ipairs(KEYS) do redis.call('HSET', key, 'conv', ARGV[3]) end
return 1
`);

/** `file:<id>` hash: name, type, size, ok/oid (owner kind and id), conv, at. */
export class RedisAttachmentStore implements AttachmentStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async save(r: AttachmentRecord): Promise<void> {
    await this.ks.redis.hset(this.ks.key('file', r.id), {
      name: r.name,
      type: r.type,
      size: r.size,
      ok: r.owner.kind,
      oid: r.owner.id,
      conv: r.conversationId ?? '',
      at: r.createdAt,
    });
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
    const res = await bind.run(this.ks.redis, ids.map((id) => this.ks.key('file', id)), [owner.kind, owner.id, conversationId]);
    if (Array.isArray(res)) return { ok: false, reason: res[1] === 'not_yours' ? 'not_yours' : 'not_found' };
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return { ok: true, attachments: records.flatMap((r) => (r ? [{ id: r.id, name: r.name, type: r.type, size: r.size }] : [])) };
  }
}
