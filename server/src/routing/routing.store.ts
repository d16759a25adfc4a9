import type { Conversation, Message, OperatorRef } from '@introserv/shared';

/**
 * Queues and assignment. Each decision is one atomic step that also records the event in
 * the conversation's history, so any number of processes may route at once and no
 * conversation is ever given to two operators. Implementations: `MemoryRoutingStore`,
 * `RedisRoutingStore`; `routing.contract.ts`.
 */
export interface RoutingStore {
  /**
   * Gives the longest-waiting conversation of `queues` (one queue per department) that some
   * operator may take to the least busy such operator, and records an `assigned` event with
   * id `eventId`. An operator may take a conversation when they are available (connected,
   * status online), not disabled, auto-assigned, below their capacity (their own, or
   * `defaultCapacity`), serve its department and speak its language (an empty list serves
   * all). A conversation that has waited `fallbackMs` since it was queued goes to any such
   * operator, whatever the department or language. Null when nothing can be assigned.
   */
  assignNext(queues: string | readonly string[], input: AssignInput): Promise<Routed | null>;
  /** An operator takes a waiting conversation by hand; idempotent for the operator who has it. */
  accept(conversationId: string, operator: OperatorRef, input: EventInput): Promise<AcceptOutcome>;
  /**
   * Puts the operator's assigned conversations back in line at their original place, each
   * with a `requeued` event, unless the operator is available again by now.
   */
  requeueOperator(operatorId: string, reason: RequeueReason, input: EventInput): Promise<Routed[]>;
  /**
   * Hands an open conversation to an available colleague (regardless of their capacity:
   * a person chose them) or to a department's queue (at its original place in line; the
   * previous operator is not offered it again before the fallback), with a `transferred`
   * event. Refused when someone else has it, unless `by.admin`.
   */
  transfer(conversationId: string, input: TransferInput): Promise<TransferOutcome>;
  /**
   * A closed conversation opens again, assigned to `operator`, with a `reopened` event;
   * refused when the visitor has a newer conversation (that one is where they are now).
   */
  reopen(conversationId: string, operator: OperatorRef, input: EventInput): Promise<ReopenOutcome>;
  /** How many open conversations the operator has now. */
  load(operatorId: string): Promise<number>;
  /** How many conversations wait in the queue now (a metric, and the visitor's place in line). */
  queueLength(queue: string): Promise<number>;
  /** The conversations waiting in `queue`, next first, at most `limit`: their places in line. */
  queued(queue: string, limit: number): Promise<string[]>;
}

export interface EventInput {
  now: number;
  /** Id of the system message recording the decision (unique per conversation, so one id serves a batch). */
  eventId: string;
}

export interface AssignInput extends EventInput {
  defaultCapacity: number;
  /** After this long in the queue any operator may take it; undefined: never. */
  fallbackMs?: number;
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

export type TransferTarget = { type: 'operator'; operatorId: string } | { type: 'department'; department: string };

export interface TransferInput extends EventInput {
  to: TransferTarget;
  /** Who transfers: refused unless they have the conversation (or it waits), or they are an admin. */
  by: { operatorId: string; admin: boolean };
}

export type TransferOutcome =
  | { ok: true; conversation: Conversation; message: Message; previousOperatorId: string | null }
  | { ok: false; reason: 'not_found' | 'closed' | 'taken' | 'unavailable' | 'same' };

export type ReopenOutcome =
  | { ok: true; conversation: Conversation; message: Message | null }
  | { ok: false; reason: 'not_found' | 'taken' | 'superseded' };
