import type { Conversation, ConversationStatus, Cursor, Message, Rating } from '@introserv/shared';
import { conversationFields, pairs, toConversation, toMessage, visitorProfileFields } from '../store/redis-codec.js';
import { previewOf } from './preview.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import * as scripts from './conversation.scripts.js';
import { newConversationRecord, type AppendOutcome, type CloseInput, type CloseOutcome, type ClosedFilter, type ConversationStore, type NewConversation, type NewMessage } from './conversation.store.js';
import type { VisitorProfile } from './visitor.store.js';

export class RedisConversationStore implements ConversationStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private get redis() {
    return this.ks.redis;
  }

  async open(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }> {
    const k = this.ks;
    const fresh = newConversationRecord(input);
    const [created, id] = (await scripts.openConversation.run(
      this.redis,
      [k.key('vis', input.visitorId), k.key('convs'), k.key('queue', input.department), k.key('convs', 'open'), k.key('vis', input.visitorId, 'convs')],
      [k.prefix, input.id, input.now, input.queuedEventId ?? '', JSON.stringify({ type: 'queued', department: input.department }), ...conversationFields(fresh)],
    )) as [number, string];
    const conversation = await this.get(id);
    if (!conversation) throw new Error(`conversation ${id} vanished after it was opened`);
    return { conversation, created: created === 1 };
  }

  async get(id: string): Promise<Conversation | null> {
    const h = await this.redis.hgetall(this.ks.key('conv', id));
    return h.id ? toConversation(h) : null;
  }

  async list(filter: { status?: ConversationStatus; limit: number }): Promise<Conversation[]> {
    // Waiting and assigned ones are looked for among open conversations only, so the scan
    // does not grow with the history of closed ones.
    const index = filter.status === 'queued' || filter.status === 'assigned' ? this.ks.key('convs', 'open') : this.ks.key('convs');
    const out: Conversation[] = [];
    const page = Math.max(filter.limit, 50);
    for (let start = 0; out.length < filter.limit; start += page) {
      const ids = await this.redis.zrevrange(index, start, start + page - 1);
      if (ids.length === 0) break;
      for (const c of await this.getMany(ids)) {
        if (!filter.status || c.status === filter.status) out.push(c);
        if (out.length >= filter.limit) break;
      }
    }
    return out;
  }

  async ofOperator(operatorId: string): Promise<Conversation[]> {
    const ids = await this.redis.smembers(this.ks.key('op', operatorId, 'convs'));
    return (await this.getMany(ids)).filter((c) => c.status === 'assigned' && c.operator?.id === operatorId);
  }

  async ofVisitor(visitorId: string, limit: number): Promise<Conversation[]> {
    return this.getMany(await this.redis.zrevrange(this.ks.key('vis', visitorId, 'convs'), 0, limit - 1));
  }

  private async getMany(ids: string[]): Promise<Conversation[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.ks.key('conv', id));
    const rows = (await pipe.exec()) ?? [];
    return rows.flatMap(([err, h]) => (err || !h || !(h as Record<string, string>).id ? [] : [toConversation(h as Record<string, string>)]));
  }

  async append(input: NewMessage): Promise<AppendOutcome> {
    const base = this.ks.key('conv', input.conversationId);
    const guard = input.onlyIfAssignedTo;
    // An acked write: with REDIS_WAIT_REPLICAS it resolves once replicas have it (store/replica-wait.ts).
    const res = (await this.ks.acked.run((redis) => scripts.appendMessage.run(
      redis,
      [`${base}:mids`, `${base}:msgs`, base],
      [
        input.id,
        input.kind,
        input.author.kind,
        input.author.id ?? '',
        input.author.name ?? '',
        input.text,
        input.event ? JSON.stringify(input.event) : '',
        previewOf(input.text),
        input.onlyIfOpen ? 1 : 0,
        guard?.operatorId ?? '',
        guard?.admin ? 1 : 0,
        input.attachments?.length ? JSON.stringify(input.attachments) : '',
      ],
    ))) as [number, string?, string[]?, string[]?, number?];
    if (res[0] < 0 || !res[1] || !res[2] || !res[3]) {
      return { ok: false, reason: res[0] === -2 ? 'closed' : res[0] === -3 ? 'not_assigned' : 'not_found' };
    }
    return {
      ok: true,
      message: toMessage(input.conversationId, res[1], res[2]),
      created: res[0] === 1,
      conversation: toConversation(pairs(res[3])),
      firstReply: res[4] === 1,
    };
  }

  async messagesAfter(conversationId: string, since: Cursor | undefined, limit: number): Promise<Message[]> {
    const entries = await this.redis.xrange(this.ks.key('conv', conversationId, 'msgs'), since ? `(${since}` : '-', '+', 'COUNT', limit);
    return entries.map(([cursor, fields]) => toMessage(conversationId, cursor, fields));
  }

  async recentMessages(conversationId: string, limit: number): Promise<Message[]> {
    const entries = await this.redis.xrevrange(this.ks.key('conv', conversationId, 'msgs'), '+', '-', 'COUNT', limit);
    return entries.reverse().map(([cursor, fields]) => toMessage(conversationId, cursor, fields));
  }

  async close(input: CloseInput): Promise<CloseOutcome> {
    const k = this.ks;
    const res = (await scripts.closeConversation.run(
      this.redis,
      [k.key('conv', input.conversationId), k.key('convs', 'open'), k.key('convs', 'idle'), k.key('convs', 'closed')],
      [
        k.prefix,
        input.conversationId,
        input.now,
        input.eventId,
        JSON.stringify({ type: 'closed', by: input.by, operator: input.operator }),
        input.onlyIfVisitorLeftBefore ?? '',
        input.onlyIfAssignedTo?.operatorId ?? '',
        input.onlyIfAssignedTo?.admin ? 1 : 0,
      ],
    )) as [number, string, string[]?, string?, string[]?];
    if (res[0] !== 1 || !res[2] || !res[4]) return { ok: false, reason: res[1] as 'not_found' | 'closed' | 'visitor_back' | 'taken' };
    return {
      ok: true,
      conversation: toConversation(pairs(res[4])),
      message: toMessage(input.conversationId, res[1], res[2]),
      freedOperatorId: res[3] || null,
    };
  }

  async setVisitorOnline(visitorId: string, online: boolean, now: number): Promise<Conversation | null> {
    const res = await scripts.setVisitorOnline.run(this.redis, [this.ks.key('vis', visitorId), this.ks.key('convs', 'idle')], [this.ks.prefix, online ? 1 : 0, now]);
    return Array.isArray(res) ? toConversation(pairs(res as string[])) : null;
  }

  async setVisitorProfile(visitorId: string, profile: VisitorProfile): Promise<Conversation | null> {
    const res = await scripts.setVisitorProfile.run(this.redis, [this.ks.key('vis', visitorId)], [this.ks.prefix, ...Object.entries(visitorProfileFields(profile)).flat()]);
    return Array.isArray(res) ? toConversation(pairs(res as string[])) : null;
  }

  async idleSince(before: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.ks.key('convs', 'idle'), '-inf', `(${before}`, 'LIMIT', 0, limit);
  }

  async closedPage(filter: ClosedFilter): Promise<Conversation[]> {
    const max = filter.before !== undefined ? `(${Math.min(filter.before, filter.to !== undefined ? filter.to + 1 : Infinity)}` : filter.to !== undefined ? String(filter.to) : '+inf';
    const min = filter.from !== undefined ? String(filter.from) : '-inf';
    const ids = await this.redis.zrevrangebyscore(this.ks.key('convs', 'closed'), max, min, 'LIMIT', 0, filter.limit);
    // A reopened one may still be indexed for an instant: only closed ones are history.
    return (await this.getMany(ids)).filter((c) => c.status === 'closed');
  }

  async countOpen(): Promise<number> {
    return this.redis.zcard(this.ks.key('convs', 'open'));
  }

  async setRating(conversationId: string, visitorId: string, rating: Rating): Promise<Conversation | null> {
    const res = await scripts.setRating.run(this.redis, [this.ks.key('conv', conversationId)], [visitorId, JSON.stringify(rating)]);
    return Array.isArray(res) ? toConversation(pairs(res as string[])) : null;
  }
}
