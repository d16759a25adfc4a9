import { BUILT_IN_DEPARTMENTS, Department } from '@introserv/shared';
import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { DepartmentStore } from './department.store.js';

/**
 * KEYS: `depts`, `depts:order`. ARGV: id, names JSON. A new department goes one after the last
 * (a counter, not the clock: two added in the same millisecond keep the order they were added).
 */
const save = new LuaScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  redis.call('ZADD', KEYS[2], (tonumber(last[2]) or 0) + 1, ARGV[1])
end
return 1
`);

/** `depts` hash: id → names JSON; `depts:order` sorted set: added departments in the order added. Built-ins need no key until renamed. */
export class RedisDepartmentStore implements DepartmentStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async list(): Promise<Department[]> {
    const added = await this.ks.redis.zrange(this.ks.key('depts', 'order'), 0, -1);
    const ids = [...BUILT_IN_DEPARTMENTS, ...added.filter((id) => !(BUILT_IN_DEPARTMENTS as readonly string[]).includes(id))];
    const names = ids.length ? await this.ks.redis.hmget(this.ks.key('depts'), ...ids) : [];
    return ids.map((id, i) => toDepartment(id, names[i] ?? null));
  }

  async get(id: string): Promise<Department | null> {
    const names = await this.ks.redis.hget(this.ks.key('depts'), id);
    if (names === null && !(BUILT_IN_DEPARTMENTS as readonly string[]).includes(id)) return null;
    return toDepartment(id, names);
  }

  async save(department: Department): Promise<void> {
    await save.run(this.ks.redis, [this.ks.key('depts'), this.ks.key('depts', 'order')], [department.id, JSON.stringify(department.names)]);
  }
}

function toDepartment(id: string, names: string | null): Department {
  // Parsed, not trusted: a hand-edited value degrades to "no names", never to bad data on screens.
  const parsed = Department.safeParse({ id, names: names ? (JSON.parse(names) as unknown) : {} });
  return parsed.success ? parsed.data : { id, names: {} };
}
