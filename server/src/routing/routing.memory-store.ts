import type { OperatorRef } from '@introserv/shared';
import type { ConversationTables } from '../conversations/conversation-tables.js';
import type { MemoryOperatorStore } from '../operators/operator.memory-store.js';
import type { MemoryPresenceStore } from '../presence/presence.memory-store.js';
import type { AcceptOutcome, EventInput, RequeueReason, Routed, RoutingStore } from './routing.store.js';

export class MemoryRoutingStore implements RoutingStore {
  constructor(
    private readonly db: ConversationTables,
    private readonly operators: MemoryOperatorStore,
    private readonly presence: MemoryPresenceStore,
  ) {}

  private ref(operatorId: string): OperatorRef {
    return { id: operatorId, name: this.operators.peek(operatorId)?.name ?? '' };
  }

  async assignNext(queueName: string, input: EventInput & { defaultCapacity: number }): Promise<Routed | null> {
    const { db } = this;
    const queue = db.queue(queueName);
    const oldest = [...queue.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    if (!oldest) return null;
    const candidates = [...this.presence.available]
      .map((id) => ({ id, load: db.assigned.get(id)?.size ?? 0, op: this.operators.peek(id) }))
      .filter((c) => !c.op?.disabled && c.load < (c.op?.capacity ?? input.defaultCapacity))
      .sort((a, b) => a.load - b.load || (a.id < b.id ? -1 : 1));
    const chosen = candidates[0];
    const conversation = db.conversations.get(oldest[0]);
    if (!chosen || !conversation) return null;
    queue.delete(conversation.id);
    const operator = this.ref(chosen.id);
    db.assign(conversation, operator, input.now);
    const message = db.appendEvent(conversation.id, input.eventId, { type: 'assigned', operator }, input.now);
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
    const ref = this.ref(operator.id);
    db.assign(c, ref, input.now);
    const message = db.appendEvent(c.id, input.eventId, { type: 'assigned', operator: ref }, input.now);
    return { ok: true, conversation: structuredClone(c), message };
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
      const message = db.appendEvent(id, input.eventId, { type: 'requeued', reason }, input.now);
      out.push({ conversation: structuredClone(c), message });
    }
    db.assigned.delete(operatorId);
    return out;
  }

  async load(operatorId: string): Promise<number> {
    return this.db.assigned.get(operatorId)?.size ?? 0;
  }

  async queueLength(queue: string): Promise<number> {
    return this.db.queue(queue).size;
  }
}
