import { DepartmentId, Language } from '@introserv/shared';
import type { z } from 'zod';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { completeOperator, type OperatorInput, type OperatorRecord, type OperatorStore, type SaveOutcome } from './operator.store.js';

/**
 * Saves an operator and keeps the e-mail index true in one step: refuses an e-mail another
 * operator holds, and frees the old one on a change. Refuses a save that turns the last
 * enabled admin into a non-admin or disables them: the other operators are read inside the
 * same step, so two admins demoting each other at once cannot leave none.
 * KEYS: operator hash, ids set. ARGV: prefix, id, email, role, disabled (1|0), then field/value pairs.
 * Returns 1, 0 when the e-mail is taken, -1 when it would leave no enabled admin.
 */
const saveOperator = new LuaScript(`
local holder = redis.call('GET', ARGV[1] .. 'op:email:' .. ARGV[3])
if holder and holder ~= ARGV[2] then return 0 end
local was = redis.call('HMGET', KEYS[1], 'role', 'disabled')
if was[1] == 'admin' and was[2] ~= '1' and not (ARGV[4] == 'admin' and ARGV[5] ~= '1') then
  local another = false
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    if id ~= ARGV[2] then
      local h = redis.call('HMGET', ARGV[1] .. 'op:' .. id, 'role', 'disabled')
      if h[1] == 'admin' and h[2] ~= '1' then another = true break end
    end
  end
  if not another then return -1 end
end
local old = redis.call('HGET', KEYS[1], 'email')
if old and old ~= ARGV[3] then redis.call('DEL', ARGV[1] .. 'op:email:' .. old) end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('SET', ARGV[1] .. 'op:email:' .. ARGV[3], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
`);

/**
 * `op:<id>` hash fields: id, email, name, role, capacity ('' = default), disabled (1|0),
 * passwordHash, departments and languages (comma-separated; empty = all), autoAssign (1|0;
 * absent = 1, as records saved before it existed).
 */
export class RedisOperatorStore implements OperatorStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async save(input: OperatorInput): Promise<SaveOutcome> {
    const op = completeOperator(input);
    const email = op.email.toLowerCase();
    const fields: Record<string, string> = {
      id: op.id,
      email,
      name: op.name,
      role: op.role,
      capacity: op.capacity === null ? '' : String(op.capacity),
      disabled: op.disabled ? '1' : '0',
      passwordHash: op.passwordHash,
      departments: op.departments.join(','),
      languages: op.languages.join(','),
      autoAssign: op.autoAssign ? '1' : '0',
    };
    const saved = await saveOperator.run(
      this.ks.redis,
      [this.ks.key('op', op.id), this.ks.key('ops')],
      [this.ks.prefix, op.id, email, op.role, op.disabled ? 1 : 0, ...Object.entries(fields).flat()],
    );
    if (saved === 1) return { ok: true };
    return { ok: false, reason: saved === -1 ? 'last_admin' : 'email_taken' };
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

/** A comma list, each item parsed: a hand-edited bad value drops out rather than reaching routing. */
function listOf<T>(raw: string | undefined, schema: z.ZodType<T>): T[] {
  if (!raw) return [];
  return raw.split(',').flatMap((v) => {
    const r = schema.safeParse(v);
    return r.success ? [r.data] : [];
  });
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
    departments: listOf(h.departments, DepartmentId),
    languages: listOf(h.languages, Language),
    autoAssign: h.autoAssign !== '0',
  };
}
