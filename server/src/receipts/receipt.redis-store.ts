import type { Cursor, Receipts } from '@introserv/shared';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { ReceiptStore } from './receipt.store.js';

/**
 * Moves the cursors forward in one step. Cursors are `<ms>-<seq>` and compare as number
 * pairs (ms fits a Lua double up to 2^53).
 * KEYS: receipts hash. ARGV: delivered ('' = none), read ('' = none).
 * Returns {moved (1|0), delivered, read} ('' for none).
 */
const advance = new LuaScript(`
local function later(a, b)
  if b == '' then return a end
  if a == '' then return b end
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if bm > am or (bm == am and bs > as) then return b end
  return a
end
local cur = redis.call('HMGET', KEYS[1], 'd', 'r')
local d0, r0 = cur[1] or '', cur[2] or ''
local r = later(r0, ARGV[2])
local d = later(later(d0, ARGV[1]), r)
if d == d0 and r == r0 then return {0, d, r} end
redis.call('HSET', KEYS[1], 'd', d, 'r', r)
return {1, d, r}
`);

/** `conv:<id>:rcpt` hash: d (delivered cursor), r (read cursor). */
export class RedisReceiptStore implements ReceiptStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async get(conversationId: string): Promise<Receipts> {
    const [d, r] = await this.ks.redis.hmget(this.ks.key('conv', conversationId, 'rcpt'), 'd', 'r');
    return { delivered: d || null, read: r || null };
  }

  async advance(conversationId: string, to: { delivered?: Cursor; read?: Cursor }): Promise<Receipts | null> {
    const [moved, d, r] = (await advance.run(this.ks.redis, [this.ks.key('conv', conversationId, 'rcpt')], [to.delivered ?? '', to.read ?? ''])) as [number, string, string];
    return moved === 1 ? { delivered: d || null, read: r || null } : null;
  }
}
