import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { OperatorRecord, OperatorStore } from './operator.store.js';

/**
 * Saves an operator and keeps the e-mail index true in one step: refuses an e-mail another
 * operator holds, and frees the old one on a change.
 * KEYS: operator hash, ids set. ARGV: prefix, id, email, then field/value pairs. Returns 1, or 0 when the e-mail is taken.
 */
const saveOperator = new LuaScript(`
local holder = redis.call('GET', ARGV[1] .. 'op:email:' .. ARGV[3])
if holder and holder ~= ARGV[2] then return 0 end
local old = redis.call('HGET', KEYS[1], 'email')
if old and old ~= ARGV[3] then redis.call('DEL', ARGV[1] .. 'op:email:' .. old) end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('SET', ARGV[1] .. 'op:email:' .. ARGV[3], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
`);

export class RedisOperatorStore implements OperatorStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async save(op: OperatorRecord): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }> {
    const email = op.email.toLowerCase();
    const fields: Record<string, string> = {
      id: op.id,
      email,
      name: op.name,
      role: op.role,
      capacity: op.capacity === null ? '' : String(op.capacity),
      disabled: op.disabled ? '1' : '0',
      passwordHash: op.passwordHash,
    };
    const saved = await saveOperator.run(this.ks.redis, [this.ks.key('op', op.id), this.ks.key('ops')], [this.ks.prefix, op.id, email, ...Object.entries(fields).flat()]);
    return saved === 1 ? { ok: true } : { ok: false, reason: 'email_taken' };
  }

  async get(id: string): Promise<OperatorRecord | null> {
    return toOperator(await this.ks.redis.hgetall(this.ks.key('op', id)));
  }

  async findByEmail(email: string): Promise<OperatorRecord | null> {
    const id = await this.ks.redis.get(this.ks.key('op', 'email', email.toLowerCase()));
    return id ? this.get(id) : null;
  }

  async list(): Promise<OperatorRecord[]> {
    const ids = await this.ks.redis.smembers(this.ks.key('ops'));
    const pipe = this.ks.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.ks.key('op', id));
    const rows = (await pipe.exec()) ?? [];
    return rows
      .map(([, h]) => toOperator(h as Record<string, string>))
      .filter((o): o is OperatorRecord => o !== null)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async count(): Promise<number> {
    return this.ks.redis.scard(this.ks.key('ops'));
  }
}

function toOperator(h: Record<string, string> | null | undefined): OperatorRecord | null {
  if (!h?.id) return null;
  return {
    id: h.id,
    email: h.email ?? '',
    name: h.name ?? '',
    role: h.role === 'admin' ? 'admin' : 'operator',
    capacity: h.capacity ? Number(h.capacity) : null,
    disabled: h.disabled === '1',
    passwordHash: h.passwordHash ?? '',
  };
}
