import type { Conversation, Cursor, Message, OperatorRef, SystemEvent } from '@introserv/shared';
import { nextCursor } from './message-cursor.js';
import { previewOf } from './preview.js';
import type { VisitorRecord } from './visitor.store.js';

export interface ConversationLog {
  messages: Message[];
  byClientId: Map<string, Message>;
  lastCursor: Cursor | undefined;
}


/**
 * The embedded store's conversation data: visitors, conversations, their logs, the queues
 * and who has which conversation. The memory conversation, visitor and routing stores share
 * one instance, as the Redis ones share one keyspace, so that one step (an assignment)
 * can change a conversation and an operator's load together. Each memory store method runs
 * to completion without awaiting, so it is as atomic as the Lua script it mirrors.
 */
export class ConversationTables {
  readonly visitorsByToken = new Map<string, VisitorRecord>();
  readonly visitorsById = new Map<string, VisitorRecord>();
  /** Visitor → their conversations, oldest first. */
  readonly visitorConversations = new Map<string, string[]>();
  readonly conversations = new Map<string, Conversation>();
  readonly logs = new Map<string, ConversationLog>();
  /** Queue name → conversation id → place in line (when it started waiting). */
  readonly queues = new Map<string, Map<string, number>>();
  /** Operator → ids of the open conversations assigned to them. */
  readonly assigned = new Map<string, Set<string>>();
  /** Conversation → since when it waits in its queue now: the clock of routing's fallback (the queue's value is the place in line). */
  readonly queuedAt = new Map<string, number>();
  /** Conversation → when it was reopened: an idle close counts the visitor's absence from then at the earliest. */
  readonly reopenedAt = new Map<string, number>();

  queue(name: string): Map<string, number> {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Map<string, number>()));
    return q;
  }

  /** Appends to a conversation's log; the caller has checked that the conversation exists. */
  appendToLog(conversationId: string, entry: Omit<Message, 'conversationId' | 'cursor' | 'createdAt'>, now = Date.now()): Message {
    let log = this.logs.get(conversationId);
    if (!log) this.logs.set(conversationId, (log = { messages: [], byClientId: new Map(), lastCursor: undefined }));
    const cursor = nextCursor(log.lastCursor, now);
    const message: Message = { ...entry, conversationId, cursor, createdAt: Number(cursor.slice(0, cursor.indexOf('-'))) };
    log.messages.push(message);
    log.byClientId.set(message.id, message);
    log.lastCursor = cursor;
    const conversation = this.conversations.get(conversationId);
    if (conversation) {
      conversation.updatedAt = Math.max(conversation.updatedAt, message.createdAt);
      if (message.kind !== 'system') {
        conversation.lastMessage = {
          text: previewOf(message.text),
          authorKind: message.author.kind,
          kind: message.kind,
          at: message.createdAt,
        };
      }
    }
    return structuredClone(message);
  }

  /** Records a decision in the conversation's history, once per event id. */
  appendEvent(conversationId: string, eventId: string, event: SystemEvent, now: number): Message {
    const existing = this.logs.get(conversationId)?.byClientId.get(eventId);
    if (existing) return structuredClone(existing);
    return this.appendToLog(conversationId, { id: eventId, kind: 'system', author: { kind: 'system' }, text: '', event }, now);
  }

  assign(conversation: Conversation, operator: OperatorRef, now: number): void {
    conversation.status = 'assigned';
    conversation.operator = { ...operator };
    conversation.updatedAt = now;
    let set = this.assigned.get(operator.id);
    if (!set) this.assigned.set(operator.id, (set = new Set()));
    set.add(conversation.id);
  }

  /** Returns the operator who had it. */
  unassign(conversation: Conversation): string | null {
    const operatorId = conversation.operator?.id ?? null;
    if (operatorId) this.assigned.get(operatorId)?.delete(conversation.id);
    return operatorId;
  }
}
