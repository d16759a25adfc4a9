import type { Conversation, Message, OperatorRef } from '@introserv/shared';
import { pairs, toConversation, toMessage } from '../store/redis-codec.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import * as scripts from './routing.scripts.js';
import type { AcceptOutcome, AssignInput, EventInput, ReopenOutcome, RequeueReason, Routed, RoutingStore, TransferInput, TransferOutcome } from './routing.store.js';

type RoutedRow = [string, string, string[], string[]];

/** Queue entries each assignment looks at, per queue: the oldest ones, which are the ones to serve. A chat further back that someone could take waits until those ahead are served or reach the fallback time; this bounds the time one assignment holds Redis (about 3 ms for 3 × 100 entries nobody matches, 30 operators). */
const SCAN_PER_QUEUE = 100;

export class RedisRoutingStore implements RoutingStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async assignNext(queues: string | readonly string[], input: AssignInput): Promise<Routed | null> {
    const k = this.ks;
    const names = typeof queues === 'string' ? [queues] : queues;
    if (names.length === 0) return null;
    const res = await scripts.assignNext.run(
      k.redis,
      [k.key('ops', 'available'), ...names.map((q) => k.key('queue', q))],
      [k.prefix, input.now, input.eventId, input.defaultCapacity, input.fallbackMs ?? '', SCAN_PER_QUEUE],
    );
    return Array.isArray(res) ? routed(res as RoutedRow) : null;
  }

  async accept(conversationId: string, operator: OperatorRef, input: EventInput): Promise<AcceptOutcome> {
    const k = this.ks;
    const res = (await scripts.acceptConversation.run(
      k.redis,
      [k.key('conv', conversationId)],
      [k.prefix, conversationId, operator.id, input.now, input.eventId],
    )) as TakeReply;
    return takeOutcome(conversationId, res, ['not_found', 'taken', 'closed']);
  }

  async requeueOperator(operatorId: string, reason: RequeueReason, input: EventInput): Promise<Routed[]> {
    const k = this.ks;
    const rows = (await scripts.requeueOperator.run(
      k.redis,
      [k.key('ops', 'available'), k.key('op', operatorId, 'convs')],
      [k.prefix, operatorId, input.now, input.eventId, reason],
    )) as RoutedRow[];
    return rows.map(routed);
  }

  async transfer(conversationId: string, input: TransferInput): Promise<TransferOutcome> {
    const k = this.ks;
    const target = input.to.type === 'operator' ? input.to.operatorId : input.to.department;
    const res = (await scripts.transferConversation.run(
      k.redis,
      [k.key('conv', conversationId), k.key('ops', 'available')],
      [k.prefix, conversationId, input.now, input.eventId, input.by.operatorId, input.by.admin ? 1 : 0, input.to.type, target],
    )) as [string, string[]?, string?, string[]?, string?];
    const [outcome, hash, entryId, fields, previous] = res;
    if (outcome === 'ok' && hash && entryId && fields) {
      return { ok: true, conversation: toConversation(pairs(hash)), message: toMessage(conversationId, entryId, fields), previousOperatorId: previous || null };
    }
    return { ok: false, reason: outcome as 'not_found' | 'closed' | 'taken' | 'unavailable' | 'same' };
  }

  async reopen(conversationId: string, operator: OperatorRef, input: EventInput): Promise<ReopenOutcome> {
    const k = this.ks;
    const res = (await scripts.reopenConversation.run(
      k.redis,
      [k.key('conv', conversationId), k.key('convs', 'open'), k.key('convs', 'closed'), k.key('convs', 'idle')],
      [k.prefix, conversationId, operator.id, input.now, input.eventId],
    )) as TakeReply;
    return takeOutcome(conversationId, res, ['not_found', 'taken', 'superseded']);
  }

  async load(operatorId: string): Promise<number> {
    return this.ks.redis.scard(this.ks.key('op', operatorId, 'convs'));
  }

  async queueLength(queue: string): Promise<number> {
    return this.ks.redis.zcard(this.ks.key('queue', queue));
  }

  async queued(queue: string, limit: number): Promise<string[]> {
    return this.ks.redis.zrange(this.ks.key('queue', queue), 0, limit - 1);
  }
}

function routed([conversationId, entryId, fields, hash]: RoutedRow): Routed {
  return { conversation: toConversation(pairs(hash)), message: toMessage(conversationId, entryId, fields) };
}

/** What the accept and reopen scripts answer: the outcome, then the conversation and its event when there is one. */
type TakeReply = [string, string[]?, string?, string[]?];

/** 'same': the caller already had it (no new event); 'ok': taken now, with its event; else one of the script's refusals. */
function takeOutcome<R extends string>(
  conversationId: string,
  [outcome, hash, entryId, fields]: TakeReply,
  refusals: readonly R[],
): { ok: true; conversation: Conversation; message: Message | null } | { ok: false; reason: R } {
  if (outcome === 'same' && hash) return { ok: true, conversation: toConversation(pairs(hash)), message: null };
  if (outcome === 'ok' && hash && entryId && fields) return { ok: true, conversation: toConversation(pairs(hash)), message: toMessage(conversationId, entryId, fields) };
  const refusal = refusals.find((r) => r === outcome);
  if (!refusal) throw new Error(`unexpected answer from the routing script: ${outcome}`);
  return { ok: false, reason: refusal };
}
