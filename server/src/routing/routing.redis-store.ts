import type { OperatorRef } from '@introserv/shared';
import { pairs, toConversation, toMessage } from '../store/redis-codec.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import * as scripts from './routing.scripts.js';
import type { AcceptOutcome, EventInput, RequeueReason, Routed, RoutingStore } from './routing.store.js';

type RoutedRow = [string, string, string[], string[]];

export class RedisRoutingStore implements RoutingStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async assignNext(queue: string, input: EventInput & { defaultCapacity: number }): Promise<Routed | null> {
    const k = this.ks;
    const res = await scripts.assignNext.run(k.redis, [k.key('queue', queue), k.key('ops', 'available')], [k.prefix, input.now, input.eventId, input.defaultCapacity]);
    return Array.isArray(res) ? routed(res as RoutedRow) : null;
  }

  async accept(conversationId: string, operator: OperatorRef, input: EventInput): Promise<AcceptOutcome> {
    const k = this.ks;
    const res = (await scripts.acceptConversation.run(
      k.redis,
      [k.key('conv', conversationId)],
      [k.prefix, conversationId, operator.id, input.now, input.eventId],
    )) as [string, string[]?, string?, string[]?];
    const [outcome, hash, entryId, fields] = res;
    if (outcome === 'same' && hash) return { ok: true, conversation: toConversation(pairs(hash)), message: null };
    if (outcome === 'ok' && hash && entryId && fields) {
      return { ok: true, conversation: toConversation(pairs(hash)), message: toMessage(conversationId, entryId, fields) };
    }
    return { ok: false, reason: outcome as 'not_found' | 'taken' | 'closed' };
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

  async load(operatorId: string): Promise<number> {
    return this.ks.redis.scard(this.ks.key('op', operatorId, 'convs'));
  }

  async queueLength(queue: string): Promise<number> {
    return this.ks.redis.zcard(this.ks.key('queue', queue));
  }
}

function routed([conversationId, entryId, fields, hash]: RoutedRow): Routed {
  return { conversation: toConversation(pairs(hash)), message: toMessage(conversationId, entryId, fields) };
}
