import type { Conversation, ConversationStatus, Cursor, Message } from '@introserv/shared';
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
import { compareCursors, nextCursor } from './cursor.js';

interface ConversationLog {
  messages: Message[];
  byClientId: Map<string, Message>;
  lastCursor: Cursor | undefined;
}

/**
 * The embedded store: everything in this process's memory. Each method runs to completion
 * without awaiting, so it is as atomic as the Redis scripts it mirrors. Nothing survives a
 * restart, and a second process would not see any of it: for one process only.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  private visitors = new Map<string, VisitorRecord>();
  private visitorsById = new Map<string, VisitorRecord>();
  private conversations = new Map<string, Conversation>();
  private logs = new Map<string, ConversationLog>();
  private queues = new Map<string, Map<string, number>>();
  private operators = new Map<string, OperatorRecord>();
  private sessions = new Map<string, { session: SessionRecord; expiresAt: number }>();
  private connections = new Map<string, number>();
  private away = new Map<string, number>();
  private loads = new Map<string, number>();
  private capacities = new Map<string, number>();
  private assigned = new Map<string, Set<string>>();
  private windows = new Map<string, { count: number; resetAt: number }>();

  async ping(): Promise<void> {}
  async close(): Promise<void> {}

  async createVisitor(tokenHash: string, visitorId: string): Promise<void> {
    const visitor: VisitorRecord = { id: visitorId, conversationId: null };
    this.visitors.set(tokenHash, visitor);
    this.visitorsById.set(visitorId, visitor);
  }

  async findVisitor(tokenHash: string): Promise<VisitorRecord | null> {
    const v = this.visitors.get(tokenHash);
    return v ? { ...v } : null;
  }

  async openConversation(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }> {
    const visitor = this.visitorsById.get(input.visitorId);
    const current = visitor?.conversationId ? this.conversations.get(visitor.conversationId) : undefined;
    if (current && current.status !== 'closed') return { conversation: structuredClone(current), created: false };
    const conversation: Conversation = {
      id: input.id,
      siteId: input.siteId,
      status: 'queued',
      queue: input.queue,
      language: input.language,
      visitor: { id: input.visitorId, page: input.page, timeZone: input.timeZone },
      operator: null,
      createdAt: input.now,
      updatedAt: input.now,
      lastMessage: null,
    };
    this.conversations.set(conversation.id, conversation);
    this.logs.set(conversation.id, { messages: [], byClientId: new Map(), lastCursor: undefined });
    this.queue(input.queue).set(conversation.id, input.now);
    if (visitor) visitor.conversationId = conversation.id;
    return { conversation: structuredClone(conversation), created: true };
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const c = this.conversations.get(id);
    return c ? structuredClone(c) : null;
  }

  async listConversations(filter: { status?: ConversationStatus; limit: number }): Promise<Conversation[]> {
    return [...this.conversations.values()]
      .filter((c) => !filter.status || c.status === filter.status)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, filter.limit)
      .map((c) => structuredClone(c));
  }

  async operatorConversations(operatorId: string): Promise<Conversation[]> {
    return [...(this.assigned.get(operatorId) ?? [])]
      .map((id) => this.conversations.get(id))
      .filter((c): c is Conversation => c?.status === 'assigned' && c.operator?.id === operatorId)
      .map((c) => structuredClone(c));
  }

  async appendMessage(input: NewMessage): Promise<AppendOutcome> {
    const conversation = this.conversations.get(input.conversationId);
    const log = this.logs.get(input.conversationId);
    if (!conversation || !log) return { ok: false, reason: 'not_found' };
    const existing = log.byClientId.get(input.id);
    if (existing) return { ok: true, message: structuredClone(existing), created: false, conversation: structuredClone(conversation) };
    if (input.onlyIfOpen && conversation.status === 'closed') return { ok: false, reason: 'closed' };
    const cursor = nextCursor(log.lastCursor, Date.now());
    const message: Message = {
      id: input.id,
      conversationId: input.conversationId,
      cursor,
      author: input.author,
      text: input.text,
      createdAt: Number(cursor.split('-')[0]),
    };
    log.messages.push(message);
    log.byClientId.set(message.id, message);
    log.lastCursor = cursor;
    conversation.lastMessage = { text: message.text.slice(0, 200), authorKind: message.author.kind, at: message.createdAt };
    conversation.updatedAt = message.createdAt;
    return { ok: true, message: structuredClone(message), created: true, conversation: structuredClone(conversation) };
  }

  async listMessages(conversationId: string, since: Cursor | undefined, limit: number): Promise<Message[]> {
    const log = this.logs.get(conversationId);
    if (!log) return [];
    const from = since ? log.messages.filter((m) => compareCursors(m.cursor, since) > 0) : log.messages;
    return from.slice(0, limit).map((m) => structuredClone(m));
  }

  async recentMessages(conversationId: string, limit: number): Promise<Message[]> {
    return (this.logs.get(conversationId)?.messages.slice(-limit) ?? []).map((m) => structuredClone(m));
  }

  async saveOperator(operator: OperatorRecord): Promise<void> {
    this.operators.set(operator.id, { ...operator });
  }

  async getOperator(id: string): Promise<OperatorRecord | null> {
    const o = this.operators.get(id);
    return o ? { ...o } : null;
  }

  async findOperatorByEmail(email: string): Promise<OperatorRecord | null> {
    const o = [...this.operators.values()].find((op) => op.email === email.toLowerCase());
    return o ? { ...o } : null;
  }

  async countOperators(): Promise<number> {
    return this.operators.size;
  }

  async putSession(key: string, session: SessionRecord, ttlMs: number): Promise<void> {
    this.sessions.set(key, { session: { ...session }, expiresAt: Date.now() + ttlMs });
  }

  async getSession(key: string): Promise<SessionRecord | null> {
    const s = this.sessions.get(key);
    if (!s) return null;
    if (s.expiresAt <= Date.now()) {
      this.sessions.delete(key);
      return null;
    }
    return { ...s.session };
  }

  async deleteSession(key: string): Promise<void> {
    this.sessions.delete(key);
  }

  /** One process holds a memory store, and it is alive while it can call this. */
  async heartbeat(): Promise<void> {}

  async operatorConnected(operatorId: string, capacity: number): Promise<void> {
    this.connections.set(operatorId, (this.connections.get(operatorId) ?? 0) + 1);
    this.away.delete(operatorId);
    this.capacities.set(operatorId, capacity);
    if (!this.loads.has(operatorId)) this.loads.set(operatorId, this.assigned.get(operatorId)?.size ?? 0);
  }

  async operatorDisconnected(operatorId: string, now: number): Promise<number> {
    const left = Math.max(0, (this.connections.get(operatorId) ?? 0) - 1);
    this.connections.set(operatorId, left);
    if (left === 0 && !this.away.has(operatorId)) this.away.set(operatorId, now);
    return left;
  }

  async releaseOperatorIfGone(operatorId: string, now: number, graceMs: number): Promise<string[] | null> {
    if ((this.connections.get(operatorId) ?? 0) > 0) return null;
    const away = this.away.get(operatorId) ?? now;
    this.away.set(operatorId, away);
    if (now - away < graceMs) return null;
    this.away.delete(operatorId);
    this.loads.delete(operatorId);
    const requeued: string[] = [];
    for (const id of this.assigned.get(operatorId) ?? []) {
      const c = this.conversations.get(id);
      if (!c || c.status !== 'assigned' || c.operator?.id !== operatorId) continue;
      c.status = 'queued';
      c.operator = null;
      c.updatedAt = now;
      // Back at its original place in line: it has waited longest.
      this.queue(c.queue).set(id, c.createdAt);
      requeued.push(id);
    }
    this.assigned.delete(operatorId);
    return requeued;
  }

  async assignNext(queueName: string, now: number): Promise<Assignment | null> {
    const queue = this.queue(queueName);
    const oldest = [...queue.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    if (!oldest) return null;
    const candidates = [...this.loads.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    const free = candidates.find(([id, load]) => load < (this.capacities.get(id) ?? 0));
    if (!free) return null;
    const [operatorId] = free;
    const conversationId = oldest[0];
    queue.delete(conversationId);
    this.assign(conversationId, operatorId, now);
    return { conversationId, operatorId };
  }

  async acceptConversation(conversationId: string, operatorId: string, now: number): Promise<AcceptOutcome> {
    const c = this.conversations.get(conversationId);
    if (!c) return { ok: false, reason: 'not_found' };
    if (c.status === 'closed') return { ok: false, reason: 'closed' };
    if (c.status === 'assigned') {
      return c.operator?.id === operatorId ? { ok: true, conversation: structuredClone(c), changed: false } : { ok: false, reason: 'taken' };
    }
    this.queue(c.queue).delete(conversationId);
    this.assign(conversationId, operatorId, now);
    return { ok: true, conversation: structuredClone(c), changed: true };
  }

  async closeConversation(conversationId: string, now: number): Promise<Conversation | null> {
    const c = this.conversations.get(conversationId);
    if (!c) return null;
    if (c.status === 'queued') this.queue(c.queue).delete(conversationId);
    if (c.status === 'assigned' && c.operator) this.unassign(conversationId, c.operator.id);
    c.status = 'closed';
    c.updatedAt = now;
    return structuredClone(c);
  }

  async operatorLoads(): Promise<Map<string, number>> {
    return new Map(this.loads);
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + windowMs });
      return 1;
    }
    w.count += 1;
    return w.count;
  }

  private queue(name: string): Map<string, number> {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Map()));
    return q;
  }

  private assign(conversationId: string, operatorId: string, now: number): void {
    const c = this.conversations.get(conversationId);
    const op = this.operators.get(operatorId);
    if (!c) return;
    c.status = 'assigned';
    c.operator = { id: operatorId, name: op?.name ?? '' };
    c.updatedAt = now;
    if (this.loads.has(operatorId)) this.loads.set(operatorId, (this.loads.get(operatorId) ?? 0) + 1);
    let set = this.assigned.get(operatorId);
    if (!set) this.assigned.set(operatorId, (set = new Set()));
    set.add(conversationId);
  }

  private unassign(conversationId: string, operatorId: string): void {
    if (this.loads.has(operatorId)) this.loads.set(operatorId, Math.max(0, (this.loads.get(operatorId) ?? 0) - 1));
    this.assigned.get(operatorId)?.delete(conversationId);
  }
}
