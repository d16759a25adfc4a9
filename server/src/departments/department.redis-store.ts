import { BUILT_IN_DEPARTMENTS, Department } from '@introserv/shared';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { DepartmentStore } from './department.store.js';

/** `depts` hash: id → names JSON; `depts:order` sorted set: added departments by when. Built-ins need no key until renamed. */
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
    await this.ks.redis
      .multi()
      .hset(this.ks.key('depts'), department.id, JSON.stringify(department.names))
      .zadd(this.ks.key('depts', 'order'), 'NX', Date.now(), department.id)
      .exec();
  }
}

function toDepartment(id: string, names: string | null): Department {
  // Parsed, not trusted: a hand-edited value degrades to "no names", never to bad data on screens.
  const parsed = Department.safeParse({ id, names: names ? (JSON.parse(names) as unknown) : {} });
  return parsed.success ? parsed.data : { id, names: {} };
}
