import { CannedResponse } from '@introserv/shared';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { byLanguageThenShortcut, type CannedStore } from './canned.store.js';

/**
 * KEYS: responses hash. ARGV: prefix, id, language, shortcut, json.
 * Returns 1, or 0 when another response of the language has the shortcut.
 */
const save = new LuaScript(`
local sc = ARGV[1] .. 'canned:sc:' .. ARGV[3] .. ':' .. ARGV[4]
local holder = redis.call('GET', sc)
if holder and holder ~= ARGV[2] then return 0 end
local old = redis.call('HGET', KEYS[1], ARGV[2])
if old then
  local o = cjson.decode(old)
  if o.language ~= ARGV[3] or o.shortcut ~= ARGV[4] then redis.call('DEL', ARGV[1] .. 'canned:sc:' .. o.language .. ':' .. o.shortcut) end
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[5])
redis.call('SET', sc, ARGV[2])
return 1
`);

/** KEYS: responses hash. ARGV: prefix, id. Returns 1 when deleted. */
const remove = new LuaScript(`
local old = redis.call('HGET', KEYS[1], ARGV[2])
if not old then return 0 end
local o = cjson.decode(old)
redis.call('DEL', ARGV[1] .. 'canned:sc:' .. o.language .. ':' .. o.shortcut)
redis.call('HDEL', KEYS[1], ARGV[2])
return 1
`);

/** `canned` hash: id → JSON; `canned:sc:<language>:<shortcut>` → id. */
export class RedisCannedStore implements CannedStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async list(): Promise<CannedResponse[]> {
    const all = await this.ks.redis.hvals(this.ks.key('canned'));
    return all.flatMap((json) => parse(json) ?? []).sort(byLanguageThenShortcut);
  }

  async get(id: string): Promise<CannedResponse | null> {
    const json = await this.ks.redis.hget(this.ks.key('canned'), id);
    return json ? parse(json) : null;
  }

  async save(response: CannedResponse): Promise<{ ok: true } | { ok: false; reason: 'shortcut_taken' }> {
    const ok = await save.run(this.ks.redis, [this.ks.key('canned')], [this.ks.prefix, response.id, response.language, response.shortcut, JSON.stringify(response)]);
    return ok === 1 ? { ok: true } : { ok: false, reason: 'shortcut_taken' };
  }

  async delete(id: string): Promise<boolean> {
    return (await remove.run(this.ks.redis, [this.ks.key('canned')], [this.ks.prefix, id])) === 1;
  }
}

/** Parsed, not trusted: a hand-edited value that no longer fits is left out rather than shown. */
function parse(json: string): CannedResponse | null {
  try {
    const r = CannedResponse.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
