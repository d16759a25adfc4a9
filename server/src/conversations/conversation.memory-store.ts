import type { Conversation, ConversationStatus, Cursor, Message, Rating } from '@introserv/shared';
import { compareCursor } from '@introserv/shared';
import type { ConversationTables } from './conversation-tables.js';
import { newConversationRecord, type AppendOutcome, type CloseInput, type CloseOutcome, type ClosedFilter, type ConversationStore, type NewConversation, type NewMessage } from './conversation.store.js';
import type { VisitorProfile } from './visitor.store.js';

export class MemoryConversationStore implements ConversationStore {
  /** Conversations an operator has written a text in (for the first-response time). */
  private readonly replied = new Set<string>();

  constructor(private readonly db: ConversationTables) {}

  async open(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }> {
    const visitor = this.db.visitorsById.get(input.visitorId);
    const current = visitor?.conversationId ? this.db.conversations.get(visitor.conversationId) : undefined;
    if (current && current.status !== 'closed') return { conversation: structuredClone(current), created: false };
    const conversation = newConversationRecord(input);
    this.db.conversations.set(conversation.id, conversation);
    this.db.logs.set(conversation.id, { messages: [], byClientId: new Map(), lastCursor: undefined });
    this.db.queue(input.department).set(conversation.id, input.now);
    this.db.queuedAt.set(conversation.id, input.now);
    if (input.queuedEventId) this.db.appendEvent(conversation.id, input.queuedEventId, { type: 'queued', department: input.department }, input.now);
    if (visitor) visitor.conversationId = conversation.id;
    this.db.visitorConversations.set(input.visitorId, [...(this.db.visitorConversations.get(input.visitorId) ?? []), conversation.id]);
    return { conversation: structuredClone(conversation), created: true };
  }

  async get(id: string): Promise<Conversation | null> {
    const c = this.db.conversations.get(id);
    return c ? structuredClone(c) : null;
  }

  async list(filter: { status?: ConversationStatus; limit: number }): Promise<Conversation[]> {
    return [...this.db.conversations.values()]
      .filter((c) => !filter.status || c.status === filter.status)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, filter.limit)
      .map((c) => structuredClone(c));
  }

  async ofOperator(operatorId: string): Promise<Conversation[]> {
    return [...(this.db.assigned.get(operatorId) ?? [])]
      .map((id) => this.db.conversations.get(id))
      .filter((c): c is Conversation => c?.status === 'assigned' && c.operator?.id === operatorId)
      .map((c) => structuredClone(c));
  }

  async ofVisitor(visitorId: string, limit: number): Promise<Conversation[]> {
    return (this.db.visitorConversations.get(visitorId) ?? [])
      .slice(-limit)
      .reverse()
      .flatMap((id) => {
        const c = this.db.conversations.get(id);
        return c ? [structuredClone(c)] : [];
      });
  }

  async append(input: NewMessage): Promise<AppendOutcome> {
    const conversation = this.db.conversations.get(input.conversationId);
    const log = this.db.logs.get(input.conversationId);
    if (!conversation || !log) return { ok: false, reason: 'not_found' };
    const existing = log.byClientId.get(input.id);
    if (existing) return { ok: true, message: structuredClone(existing), created: false, conversation: structuredClone(conversation) };
    if (input.onlyIfOpen && conversation.status === 'closed') return { ok: false, reason: 'closed' };
    const guard = input.onlyIfAssignedTo;
    if (guard && !guard.admin && !(conversation.status === 'assigned' && conversation.operator?.id === guard.operatorId)) {
      return { ok: false, reason: conversation.status === 'closed' ? 'closed' : 'not_assigned' };
    }
    const message = this.db.appendToLog(input.conversationId, {
      id: input.id,
      kind: input.kind,
      author: input.author,
      text: input.text,
      ...(input.event ? { event: input.event } : {}),
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    });
    const firstReply = input.kind === 'text' && input.author.kind === 'operator' && !this.replied.has(input.conversationId);
    if (firstReply) this.replied.add(input.conversationId);
    return { ok: true, message, created: true, conversation: structuredClone(conversation), firstReply };
  }

  async messagesAfter(conversationId: string, since: Cursor | undefined, limit: number): Promise<Message[]> {
    const log = this.db.logs.get(conversationId);
    if (!log) return [];
    const from = since ? log.messages.filter((m) => compareCursor(m.cursor, since) > 0) : log.messages;
    return from.slice(0, limit).map((m) => structuredClone(m));
  }

  async recentMessages(conversationId: string, limit: number): Promise<Message[]> {
    return (this.db.logs.get(conversationId)?.messages.slice(-limit) ?? []).map((m) => structuredClone(m));
  }

  async close(input: CloseInput): Promise<CloseOutcome> {
    const c = this.db.conversations.get(input.conversationId);
    if (!c) return { ok: false, reason: 'not_found' };
    if (c.status === 'closed') return { ok: false, reason: 'closed' };
    if (input.onlyIfVisitorLeftBefore !== undefined && (c.visitor.online || c.visitor.seenAt >= input.onlyIfVisitorLeftBefore)) {
      return { ok: false, reason: 'visitor_back' };
    }
    const guard = input.onlyIfAssignedTo;
    if (guard && !guard.admin && c.status === 'assigned' && c.operator?.id !== guard.operatorId) return { ok: false, reason: 'taken' };
    if (c.status === 'queued') this.db.queue(c.department).delete(c.id);
    const freedOperatorId = c.status === 'assigned' ? this.db.unassign(c) : null;
    c.status = 'closed';
    c.updatedAt = input.now;
    const message = this.db.appendEvent(c.id, input.eventId, { type: 'closed', by: input.by, operator: input.operator }, input.now);
    return { ok: true, conversation: structuredClone(c), message, freedOperatorId };
  }

  async setVisitorOnline(visitorId: string, online: boolean, now: number): Promise<Conversation | null> {
    const id = this.db.visitorsById.get(visitorId)?.conversationId;
    const c = id ? this.db.conversations.get(id) : undefined;
    if (!c || c.status === 'closed') return null;
    c.visitor.online = online;
    c.visitor.seenAt = now;
    return structuredClone(c);
  }

  async setVisitorProfile(visitorId: string, profile: VisitorProfile): Promise<Conversation | null> {
    const id = this.db.visitorsById.get(visitorId)?.conversationId;
    const c = id ? this.db.conversations.get(id) : undefined;
    if (!c || c.status === 'closed') return null;
    Object.assign(c.visitor, profile);
    return structuredClone(c);
  }

  async idleSince(before: number, limit: number): Promise<string[]> {
    const since = (c: Conversation) => Math.max(c.visitor.seenAt, this.db.reopenedAt.get(c.id) ?? 0);
    return [...this.db.conversations.values()]
      .filter((c) => c.status !== 'closed' && !c.visitor.online && since(c) < before)
      .sort((a, b) => since(a) - since(b))
      .slice(0, limit)
      .map((c) => c.id);
  }

  async closedPage(filter: ClosedFilter): Promise<Conversation[]> {
    return [...this.db.conversations.values()]
      .filter((c) => c.status === 'closed' && c.createdAt >= (filter.from ?? -Infinity) && c.createdAt <= (filter.to ?? Infinity) && c.createdAt < (filter.before ?? Infinity))
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .slice(0, filter.limit)
      .map((c) => structuredClone(c));
  }

  async countOpen(): Promise<number> {
    let n = 0;
    for (const c of this.db.conversations.values()) if (c.status !== 'closed') n++;
    return n;
  }

  async setRating(conversationId: string, visitorId: string, rating: Rating): Promise<Conversation | null> {
    const c = this.db.conversations.get(conversationId);
    if (!c || c.visitor.id !== visitorId) return null;
    c.rating = structuredClone(rating);
    return structuredClone(c);
  }
}
