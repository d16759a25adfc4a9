import type { Conversation, Message, OperatorRef } from '@introserv/shared';

/**
 * Queues and assignment. Each decision is one atomic step that also records the event in
 * the conversation's history, so any number of processes may route at once and no
 * conversation is ever given to two operators. Implementations: `MemoryRoutingStore`,
 * `RedisRoutingStore`; `routing.contract.ts`.
 */
export interface RoutingStore {
  /**
   * Gives the oldest conversation in `queue` to the least busy available operator with a
   * free slot (their own capacity, or `defaultCapacity` when they have none; never a
   * disabled one), and records an `assigned` event with id `eventId`.
   */
  assignNext(queue: string, input: EventInput & { defaultCapacity: number }): Promise<Routed | null>;
  /** An operator takes a waiting conversation by hand; idempotent for the operator who has it. */
  accept(conversationId: string, operator: OperatorRef, input: EventInput): Promise<AcceptOutcome>;
  /**
   * Puts the operator's assigned conversations back in line at their original place, each
   * with a `requeued` event, unless the operator is available again by now.
   */
  requeueOperator(operatorId: string, reason: RequeueReason, input: EventInput): Promise<Routed[]>;
  /** How many open conversations the operator has now. */
  load(operatorId: string): Promise<number>;
  /** How many conversations wait in the queue (a metric). */
  queueLength(queue: string): Promise<number>;
}

export interface EventInput {
  now: number;
  /** Id of the system message recording the decision (unique per conversation, so one id serves a batch). */
  eventId: string;
}

export type RequeueReason = 'operator-left' | 'operator-offline' | 'operator-disabled';

export interface Routed {
  conversation: Conversation;
  /** The system message recording it. */
  message: Message;
}

export type AcceptOutcome =
  | { ok: true; conversation: Conversation; message: Message | null }
  | { ok: false; reason: 'not_found' | 'taken' | 'closed' };
