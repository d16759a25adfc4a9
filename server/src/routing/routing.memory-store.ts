import type { Conversation, OperatorRef } from '@introserv/shared';
import type { ConversationTables } from '../conversations/conversation-tables.js';
import type { MemoryOperatorStore } from '../operators/operator.memory-store.js';
import type { MemoryPresenceStore } from '../presence/presence.memory-store.js';
import type { AcceptOutcome, AssignInput, EventInput, ReopenOutcome, RequeueReason, Routed, RoutingStore, TransferInput, TransferOutcome } from './routing.store.js';

/** An empty list serves everything. */
const serves = <T>(list: readonly T[] | undefined, item: T): boolean => !list || list.length === 0 || list.includes(item);

/**
 * The routing rules over the embedded tables. Every method runs to completion without
 * awaiting, so each is as atomic as the Lua script it mirrors (`routing.scripts.ts`).
 */
export class MemoryRoutingStore implements RoutingStore {
  /** Conversation → the operator who transferred it away, not offered it again before the fallback. */
  private readonly notTo = new Map<string, string>();

  constructor(
    private readonly db: ConversationTables,
    private readonly operators: MemoryOperatorStore,
    private readonly presence: MemoryPresenceStore,
  ) {}

  private ref(operatorId: string): OperatorRef {
    return { id: operatorId, name: this.operators.peek(operatorId)?.name ?? '' };
  }

  async assignNext(queues: string | readonly string[], input: AssignInput): Promise<Routed | null> {
    const { db } = this;
    const candidates = [...this.presence.available]
      .map((id) => ({ id, load: db.assigned.get(id)?.size ?? 0, op: this.operators.peek(id) }))
      .filter((c) => c.op && !c.op.disabled && c.op.autoAssign && c.load < (c.op.capacity ?? input.defaultCapacity))
      .sort((a, b) => a.load - b.load || (a.id < b.id ? -1 : 1));
    if (candidates.length === 0) return null;
    const entries = (typeof queues === 'string' ? [queues] : queues)
      .flatMap((name) => [...db.queue(name).entries()].map(([id, place]) => ({ id, place, queue: name })))
      .sort((a, b) => a.place - b.place || (a.id < b.id ? -1 : 1));
    for (const entry of entries) {
      const conversation = db.conversations.get(entry.id);
      if (!conversation) continue;
      const waited = input.now - (db.queuedAt.get(entry.id) ?? entry.place);
      const late = input.fallbackMs !== undefined && waited >= input.fallbackMs;
      const chosen = candidates.find(
        (c) => late || (c.id !== this.notTo.get(entry.id) && serves(c.op?.departments, conversation.department) && serves(c.op?.languages, conversation.language)),
      );
      if (!chosen) continue;
      db.queue(entry.queue).delete(conversation.id);
      return this.give(conversation, chosen.id, input);
    }
    return null;
  }

  private give(conversation: Conversation, operatorId: string, input: EventInput): Routed {
    const operator = this.ref(operatorId);
    this.db.assign(conversation, operator, input.now);
    this.notTo.delete(conversation.id);
    const message = this.db.appendEvent(conversation.id, input.eventId, { type: 'assigned', operator }, input.now);
    return { conversation: structuredClone(conversation), message };
  }

  async accept(conversationId: string, operator: OperatorRef, input: EventInput): Promise<AcceptOutcome> {
    const { db } = this;
    const c = db.conversations.get(conversationId);
    if (!c) return { ok: false, reason: 'not_found' };
    if (c.status === 'closed') return { ok: false, reason: 'closed' };
    if (c.status === 'assigned') {
      return c.operator?.id === operator.id ? { ok: true, conversation: structuredClone(c), message: null } : { ok: false, reason: 'taken' };
    }
    db.queue(c.department).delete(conversationId);
    return { ok: true, ...this.give(c, operator.id, input) };
  }

  async requeueOperator(operatorId: string, reason: RequeueReason, input: EventInput): Promise<Routed[]> {
    const { db } = this;
    if (this.presence.available.has(operatorId)) return [];
    const out: Routed[] = [];
    for (const id of db.assigned.get(operatorId) ?? []) {
      const c = db.conversations.get(id);
      if (!c || c.status !== 'assigned' || c.operator?.id !== operatorId) continue;
      c.status = 'queued';
      c.operator = null;
      c.updatedAt = input.now;
      // Back at its original place in line: it has waited longest.
      db.queue(c.department).set(id, c.createdAt);
      db.queuedAt.set(id, input.now);
      const message = db.appendEvent(id, input.eventId, { type: 'requeued', reason }, input.now);
      out.push({ conversation: structuredClone(c), message });
    }
    db.assigned.delete(operatorId);
    return out;
  }

  async transfer(conversationId: string, input: TransferInput): Promise<TransferOutcome> {
    const { db } = this;
    const c = db.conversations.get(conversationId);
    if (!c) return { ok: false, reason: 'not_found' };
    if (c.status === 'closed') return { ok: false, reason: 'closed' };
    const from = c.status === 'assigned' ? c.operator : null;
    if (from && from.id !== input.by.operatorId && !input.by.admin) return { ok: false, reason: 'taken' };
    const { to } = input;
    if (to.type === 'operator') {
      if (from?.id === to.operatorId) return { ok: false, reason: 'same' };
      const target = this.operators.peek(to.operatorId);
      if (!target || target.disabled || !this.presence.available.has(to.operatorId)) return { ok: false, reason: 'unavailable' };
      if (c.status === 'queued') db.queue(c.department).delete(c.id);
      if (from) db.unassign(c);
      const ref = this.ref(to.operatorId);
      db.assign(c, ref, input.now);
      this.notTo.delete(c.id);
      const message = db.appendEvent(c.id, input.eventId, { type: 'transferred', from: from && { ...from }, to: ref, department: null }, input.now);
      return { ok: true, conversation: structuredClone(c), message, previousOperatorId: from?.id ?? null };
    }
    if (!from && c.department === to.department) return { ok: false, reason: 'same' };
    if (c.status === 'queued') db.queue(c.department).delete(c.id);
    if (from) {
      db.unassign(c);
      this.notTo.set(c.id, from.id);
    }
    c.status = 'queued';
    c.operator = null;
    c.department = to.department;
    c.updatedAt = input.now;
    db.queue(to.department).set(c.id, c.createdAt);
    db.queuedAt.set(c.id, input.now);
    const message = db.appendEvent(c.id, input.eventId, { type: 'transferred', from: from && { ...from }, to: null, department: to.department }, input.now);
    return { ok: true, conversation: structuredClone(c), message, previousOperatorId: from?.id ?? null };
  }

  async reopen(conversationId: string, operator: OperatorRef, input: EventInput): Promise<ReopenOutcome> {
    const { db } = this;
    const c = db.conversations.get(conversationId);
    if (!c) return { ok: false, reason: 'not_found' };
    if (c.status === 'assigned' && c.operator?.id === operator.id) return { ok: true, conversation: structuredClone(c), message: null };
    if (c.status !== 'closed') return { ok: false, reason: 'taken' };
    if (db.visitorsById.get(c.visitor.id)?.conversationId !== c.id) return { ok: false, reason: 'superseded' };
    const ref = this.ref(operator.id);
    db.assign(c, ref, input.now);
    db.reopenedAt.set(c.id, input.now);
    const message = db.appendEvent(c.id, input.eventId, { type: 'reopened', operator: ref }, input.now);
    return { ok: true, conversation: structuredClone(c), message };
  }

  async load(operatorId: string): Promise<number> {
    return this.db.assigned.get(operatorId)?.size ?? 0;
  }

  async queueLength(queue: string): Promise<number> {
    return this.db.queue(queue).size;
  }

  async queued(queueName: string, limit: number): Promise<string[]> {
    return [...this.db.queue(queueName).entries()]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([id]) => id);
  }
}
