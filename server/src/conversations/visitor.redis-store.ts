import type { PageInfo } from '@introserv/shared';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { PAGES_KEPT, type PageVisit, type VisitorProfile, type VisitorRecord, type VisitorStore } from './visitor.store.js';

/** `vtoken:<sha256>` → id; `vis:<id>` hash (id, conversationId, name, email, verified, userId); `vis:<id>:pages` list of JSON page views, newest first. */
export class RedisVisitorStore implements VisitorStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async create(tokenHash: string, visitorId: string): Promise<void> {
    await this.ks.redis.multi().set(this.ks.key('vtoken', tokenHash), visitorId).hset(this.ks.key('vis', visitorId), 'id', visitorId).exec();
  }

  async findByToken(tokenHash: string): Promise<VisitorRecord | null> {
    const id = await this.ks.redis.get(this.ks.key('vtoken', tokenHash));
    return id ? this.get(id) : null;
  }

  async get(visitorId: string): Promise<VisitorRecord | null> {
    return toVisitor(await this.ks.redis.hgetall(this.ks.key('vis', visitorId)));
  }

  async updateProfile(visitorId: string, profile: Partial<VisitorProfile>): Promise<VisitorRecord | null> {
    const fields: Record<string, string> = {};
    if (profile.name !== undefined) fields.name = profile.name ?? '';
    if (profile.email !== undefined) fields.email = profile.email ?? '';
    if (profile.userId !== undefined) fields.userId = profile.userId ?? '';
    if (profile.verified !== undefined) fields.verified = profile.verified ? '1' : '0';
    const key = this.ks.key('vis', visitorId);
    // Only an existing visitor: a stray id must not create a half record.
    if (!(await this.ks.redis.exists(key))) return null;
    if (Object.keys(fields).length) await this.ks.redis.hset(key, fields);
    return this.get(visitorId);
  }

  async recordPage(visitorId: string, page: PageInfo, at: number): Promise<void> {
    const key = this.ks.key('vis', visitorId, 'pages');
    await this.ks.redis
      .multi()
      .lpush(key, JSON.stringify({ ...page, at }))
      .ltrim(key, 0, PAGES_KEPT - 1)
      .exec();
  }

  async pages(visitorId: string, limit: number): Promise<PageVisit[]> {
    const rows = await this.ks.redis.lrange(this.ks.key('vis', visitorId, 'pages'), 0, limit - 1);
    return rows.map((r) => JSON.parse(r) as PageVisit);
  }
}

function toVisitor(h: Record<string, string>): VisitorRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    conversationId: h.conversationId || null,
    name: h.name || null,
    email: h.email || null,
    verified: h.verified === '1',
    userId: h.userId || null,
  };
}
