import type { AuthorKind, Conversation, ConversationStatus, Cursor, Language, Message } from '@introserv/shared';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as scripts from './redis.scripts.js';
import type {
  AcceptOutcome,
  AppendOutcome,
  Assignment,
  NewConversation,
  NewMessage,
  OperatorRecord,
  SessionRecord,
  Store,
  VisitorRecord,
} from './store.js';

/**
 * The production store. Layout (every key behind the configured prefix):
 * - `conv:<id>` hash: the conversation; `conv:<id>:msgs` stream: its messages, entry id = cursor;
 *   `conv:<id>:mids` hash: client message id → entry id (idempotency);
 * - `convs` sorted set by creation time, `convs:open` the same for those not closed; `queue:<name>` sorted set of waiting conversations by wait start;
 * - `ops:load` sorted set: online operators by assigned-chat count; `ops:cap` hash: their capacity;
 *   `op:<id>` hash: the operator; `op:<id>:convs` set; `op:<id>:conns` hash: process id → live connections;
 *   `op:<id>:away` since when the operator has had none; `proc:<id>` a process's lease (TTL);
 *   `op:email:<email>` → id; `ops` set of ids;
 * - `vtoken:<sha256>` → visitor id; `vis:<id>` hash; `sess:<key>` session JSON with TTL; `rl:<key>` counters.
 */
export class RedisStore implements Store {
  readonly kind = 'redis';
  /** This process, for connection counts that die with it (see `heartbeat`). */
  readonly processId = randomUUID();

  constructor(
    readonly redis: Redis,
    private readonly prefix = 'lc:',
  ) {}

  /** `onError` hears connection errors (ioredis keeps reconnecting by itself meanwhile). */
  static connect(url: string, prefix?: string, onError: (err: Error) => void = () => {}): RedisStore {
    // Commands wait in ioredis's offline queue during a reconnect instead of failing at once.
    const redis = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
    redis.on('error', onError);
    return new RedisStore(redis, prefix);
  }

  private k(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async createVisitor(tokenHash: string, visitorId: string): Promise<void> {
    await this.redis.multi().set(this.k('vtoken', tokenHash), visitorId).hset(this.k('vis', visitorId), 'id', visitorId).exec();
  }

  async findVisitor(tokenHash: string): Promise<VisitorRecord | null> {
    const id = await this.redis.get(this.k('vtoken', tokenHash));
    if (!id) return null;
    const conversationId = await this.redis.hget(this.k('vis', id), 'conversationId');
    return { id, conversationId: conversationId || null };
  }

  async openConversation(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }> {
    const [created, id] = (await scripts.openConversation.run(
      this.redis,
      [this.k('vis', input.visitorId), this.k('convs'), this.k('queue', input.queue), this.k('convs', 'open')],
      [this.prefix, input.id, input.siteId, input.language, input.visitorId, input.page.url, input.page.title, input.timeZone, input.queue, input.now],
    )) as [number, string];
    const conversation = await this.getConversation(id);
    if (!conversation) throw new Error(`conversation ${id} vanished after it was opened`);
    return { conversation, created: created === 1 };
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const h = await this.redis.hgetall(this.k('conv', id));
    return h.id ? toConversation(h) : null;
  }

  async listConversations(filter: { status?: ConversationStatus; limit: number }): Promise<Conversation[]> {
    // Waiting and assigned ones are looked for among open conversations only, so the scan
    // does not grow with the history of closed ones.
    const index = filter.status === 'queued' || filter.status === 'assigned' ? this.k('convs', 'open') : this.k('convs');
    const out: Conversation[] = [];
    const page = Math.max(filter.limit, 50);
    for (let start = 0; out.length < filter.limit; start += page) {
      const ids = await this.redis.zrevrange(index, start, start + page - 1);
      if (ids.length === 0) break;
      for (const c of await this.getConversations(ids)) {
        if (!filter.status || c.status === filter.status) out.push(c);
        if (out.length >= filter.limit) break;
      }
    }
    return out;
  }

  async operatorConversations(operatorId: string): Promise<Conversation[]> {
    const ids = await this.redis.smembers(this.k('op', operatorId, 'convs'));
    return (await this.getConversations(ids)).filter((c) => c.status === 'assigned' && c.operator?.id === operatorId);
  }

  private async getConversations(ids: string[]): Promise<Conversation[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.k('conv', id));
    const rows = (await pipe.exec()) ?? [];
    return rows.flatMap(([err, h]) => (err || !h || !(h as Record<string, string>).id ? [] : [toConversation(h as Record<string, string>)]));
  }

  async appendMessage(input: NewMessage): Promise<AppendOutcome> {
    const base = this.k('conv', input.conversationId);
    const res = (await scripts.appendMessage.run(
      this.redis,
      [`${base}:mids`, `${base}:msgs`, base],
      [input.id, input.author.kind, input.author.id ?? '', input.author.name ?? '', input.text, input.onlyIfOpen ? 1 : 0],
    )) as [number, string?, string[]?, string[]?];
    if (res[0] === -1 || !res[1] || !res[2] || !res[3]) return { ok: false, reason: res[0] === -2 ? 'closed' : 'not_found' };
    return {
      ok: true,
      message: toMessage(input.conversationId, res[1], res[2]),
      created: res[0] === 1,
      conversation: toConversation(pairs(res[3])),
    };
  }

  async listMessages(conversationId: string, since: Cursor | undefined, limit: number): Promise<Message[]> {
    const entries = await this.redis.xrange(this.k('conv', conversationId, 'msgs'), since ? `(${since}` : '-', '+', 'COUNT', limit);
    return entries.map(([cursor, fields]) => toMessage(conversationId, cursor, fields));
  }

  async recentMessages(conversationId: string, limit: number): Promise<Message[]> {
    const entries = await this.redis.xrevrange(this.k('conv', conversationId, 'msgs'), '+', '-', 'COUNT', limit);
    return entries.reverse().map(([cursor, fields]) => toMessage(conversationId, cursor, fields));
  }

  async saveOperator(op: OperatorRecord): Promise<void> {
    await this.redis
      .multi()
      .hset(this.k('op', op.id), { id: op.id, email: op.email, name: op.name, role: op.role, capacity: op.capacity, passwordHash: op.passwordHash })
      .set(this.k('op', 'email', op.email.toLowerCase()), op.id)
      .sadd(this.k('ops'), op.id)
      .exec();
  }

  async getOperator(id: string): Promise<OperatorRecord | null> {
    const h = await this.redis.hgetall(this.k('op', id));
    if (!h.id) return null;
    return {
      id: h.id,
      email: h.email ?? '',
      name: h.name ?? '',
      role: h.role === 'admin' ? 'admin' : 'operator',
      capacity: Number(h.capacity ?? 0),
      passwordHash: h.passwordHash ?? '',
    };
  }

  async findOperatorByEmail(email: string): Promise<OperatorRecord | null> {
    const id = await this.redis.get(this.k('op', 'email', email.toLowerCase()));
    return id ? this.getOperator(id) : null;
  }

  async countOperators(): Promise<number> {
    return this.redis.scard(this.k('ops'));
  }

  async putSession(key: string, session: SessionRecord, ttlMs: number): Promise<void> {
    await this.redis.set(this.k('sess', key), JSON.stringify(session), 'PX', ttlMs);
  }

  async getSession(key: string): Promise<SessionRecord | null> {
    const raw = await this.redis.get(this.k('sess', key));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async deleteSession(key: string): Promise<void> {
    await this.redis.del(this.k('sess', key));
  }

  async heartbeat(ttlMs: number): Promise<void> {
    await this.redis.set(this.k('proc', this.processId), '1', 'PX', ttlMs);
  }

  async operatorConnected(operatorId: string, capacity: number): Promise<void> {
    await scripts.operatorConnected.run(
      this.redis,
      [this.k('op', operatorId, 'conns'), this.k('ops', 'cap'), this.k('ops', 'load'), this.k('op', operatorId, 'convs'), this.k('op', operatorId, 'away')],
      [operatorId, capacity, this.processId],
    );
  }

  async operatorDisconnected(operatorId: string, now: number): Promise<number> {
    return Number(
      await scripts.operatorDisconnected.run(this.redis, [this.k('op', operatorId, 'conns'), this.k('op', operatorId, 'away')], [this.processId, now, this.prefix]),
    );
  }

  async releaseOperatorIfGone(operatorId: string, now: number, graceMs: number): Promise<string[] | null> {
    const res = await scripts.releaseOperatorIfGone.run(
      this.redis,
      [this.k('op', operatorId, 'conns'), this.k('ops', 'load'), this.k('op', operatorId, 'convs'), this.k('op', operatorId, 'away')],
      [this.prefix, operatorId, now, graceMs],
    );
    return Array.isArray(res) ? (res as string[]) : null;
  }

  async assignNext(queue: string, now: number): Promise<Assignment | null> {
    const res = await scripts.assignNext.run(this.redis, [this.k('queue', queue), this.k('ops', 'load'), this.k('ops', 'cap')], [this.prefix, now]);
    if (!Array.isArray(res)) return null;
    const [conversationId, operatorId] = res as [string, string];
    return { conversationId, operatorId };
  }

  async acceptConversation(conversationId: string, operatorId: string, now: number): Promise<AcceptOutcome> {
    const res = (await scripts.acceptConversation.run(
      this.redis,
      [this.k('conv', conversationId), this.k('ops', 'load')],
      [this.prefix, conversationId, operatorId, now],
    )) as string;
    if (res === 'taken' || res === 'closed' || res === 'not_found') return { ok: false, reason: res };
    const conversation = await this.getConversation(conversationId);
    if (!conversation) return { ok: false, reason: 'not_found' };
    return { ok: true, conversation, changed: res === 'ok' };
  }

  async closeConversation(conversationId: string, now: number): Promise<Conversation | null> {
    const res = await scripts.closeConversation.run(
      this.redis,
      [this.k('conv', conversationId), this.k('ops', 'load'), this.k('convs', 'open')],
      [this.prefix, conversationId, now],
    );
    return res === 1 ? this.getConversation(conversationId) : null;
  }

  async operatorLoads(): Promise<Map<string, number>> {
    const flat = await this.redis.zrange(this.k('ops', 'load'), 0, -1, 'WITHSCORES');
    const out = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) out.set(flat[i] as string, Number(flat[i + 1]));
    return out;
  }

  async hit(key: string, windowMs: number): Promise<number> {
    return Number(await scripts.hit.run(this.redis, [this.k('rl', key)], [windowMs]));
  }
}

function toConversation(h: Record<string, string>): Conversation {
  const lastAt = h.lastAt ? Number(h.lastAt) : null;
  return {
    id: h.id ?? '',
    siteId: h.siteId ?? '',
    status: (h.status ?? 'queued') as ConversationStatus,
    queue: h.queue ?? '',
    language: (h.language ?? 'en') as Language,
    visitor: { id: h.visitorId ?? '', page: { url: h.pageUrl ?? '', title: h.pageTitle ?? '' }, timeZone: h.timeZone ?? '' },
    operator: h.operatorId ? { id: h.operatorId, name: h.operatorName ?? '' } : null,
    createdAt: Number(h.createdAt ?? 0),
    updatedAt: Number(h.updatedAt ?? 0),
    lastMessage: lastAt === null ? null : { text: h.lastText ?? '', authorKind: (h.lastAuthorKind ?? 'visitor') as AuthorKind, at: lastAt },
  };
}

/** Stream entries and HGETALL inside Lua come as a flat [name, value, …] list. */
function pairs(flat: string[]): Record<string, string> {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i] as string] = flat[i + 1] as string;
  return f;
}

function toMessage(conversationId: string, cursor: string, flat: string[]): Message {
  const f = pairs(flat);
  const kind = (f.ak ?? 'system') as AuthorKind;
  return {
    id: f.id ?? '',
    conversationId,
    cursor,
    author: {
      kind,
      ...(f.aid ? { id: f.aid } : {}),
      ...(f.an ? { name: f.an } : {}),
    },
    text: f.t ?? '',
    createdAt: Number(cursor.slice(0, cursor.indexOf('-'))),
  };
}
