import type { EscalationFailure, RequesterKind, TicketRef } from '@introserv/shared';
import { pairs } from '../store/redis-codec.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import * as scripts from './escalation.scripts.js';
import type { CreateOutcome, EscalationRecord, EscalationStore, OutboxState, Settlement } from './escalation.store.js';
import { settledFields } from './escalation.memory-store.js';

/** What never changes after an escalation is written: kept as one JSON field. */
type Doc = Omit<EscalationRecord, 'state' | 'ticket' | 'failure' | 'attempts' | 'roundStart' | 'nextAttemptAt' | 'unclear' | 'owner' | 'sendingUntil' | 'updatedAt' | 'requester'>;

/**
 * `esc:<id>` hash (see escalation.scripts.ts), `esc:key:<idempotency key>` → id,
 * `conv:<id>:escs` list of a conversation's escalations, `escs` sorted set by creation,
 * `escs:due` by when each is due (pending: its next attempt; sending: when its claim runs out),
 * `escs:attention` the failed and unconfirmed ones by when, `escs:lease` the worker's lease.
 */
export class RedisEscalationStore implements EscalationStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private get redis() {
    return this.ks.redis;
  }

  private hashKey(id: string): string {
    return this.ks.key('esc', id);
  }

  async create(record: EscalationRecord, guard: { known: number | null }): Promise<CreateOutcome> {
    const k = this.ks;
    const { state: _s, ticket, failure, attempts, roundStart, nextAttemptAt: _n, unclear, owner: _o, sendingUntil: _u, updatedAt, requester, ...doc } = record;
    const fields = {
      doc: JSON.stringify(doc satisfies Doc),
      state: 'pending',
      requester,
      ticket: ticket ? JSON.stringify(ticket) : '',
      failure: failure ? JSON.stringify(failure) : '',
      attempts: String(attempts),
      roundStart: String(roundStart),
      next: String(record.createdAt),
      unclear: unclear ? '1' : '0',
      owner: '',
      until: '',
      updatedAt: String(updatedAt),
    };
    const res = (await scripts.createEscalation.run(
      this.redis,
      [k.key('esc', 'key', record.idempotencyKey), this.hashKey(record.id), record.conversationId ? k.key('conv', record.conversationId, 'escs') : k.key('escs', 'none'), k.key('escs'), k.key('escs', 'due')],
      [record.id, guard.known === null ? '' : guard.known, record.createdAt, record.conversationId ? 1 : 0, ...Object.entries(fields).flat()],
    )) as [number, string?];
    if (res[0] === -1) return { ok: false, reason: 'conflict' };
    const stored = await this.get(res[1] ?? record.id);
    if (!stored) throw new Error(`escalation ${res[1] ?? record.id} vanished after it was written`);
    return { ok: true, record: stored, created: res[0] === 1 };
  }

  async get(id: string): Promise<EscalationRecord | null> {
    const h = await this.redis.hgetall(this.hashKey(id));
    return h.doc ? toRecord(h) : null;
  }

  async ofConversation(conversationId: string): Promise<EscalationRecord[]> {
    return this.getMany(await this.redis.lrange(this.ks.key('conv', conversationId, 'escs'), 0, -1));
  }

  async list(filter: { attention?: boolean; limit: number }): Promise<EscalationRecord[]> {
    const index = filter.attention ? this.ks.key('escs', 'attention') : this.ks.key('escs');
    return this.getMany(await this.redis.zrevrange(index, 0, filter.limit - 1));
  }

  async due(now: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.ks.key('escs', 'due'), '-inf', now, 'LIMIT', 0, limit);
  }

  async claim(id: string, owner: string, now: number, until: number): Promise<EscalationRecord | null> {
    const res = await scripts.claimEscalation.run(this.redis, [this.hashKey(id), this.ks.key('escs', 'due')], [id, owner, now, until]);
    return Array.isArray(res) ? toRecord(pairs(res as string[])) : null;
  }

  async settle(id: string, owner: string, now: number, outcome: Settlement): Promise<EscalationRecord | null> {
    const set = settledFields(outcome);
    const fields: Record<string, string> = {
      failure: set.failure ? JSON.stringify(set.failure) : '',
      ...('unclear' in set ? { unclear: set.unclear ? '1' : '0' } : {}),
      ...(set.ticket ? { ticket: JSON.stringify(set.ticket) } : {}),
      ...(set.requester ? { requester: set.requester } : {}),
    };
    const res = await scripts.settleEscalation.run(
      this.redis,
      [this.hashKey(id), this.ks.key('escs', 'due'), this.ks.key('escs', 'attention')],
      [id, owner, now, outcome.state, outcome.state === 'pending' ? outcome.nextAttemptAt : '', ...Object.entries(fields).flat()],
    );
    return Array.isArray(res) ? toRecord(pairs(res as string[])) : null;
  }

  async retry(id: string, now: number): Promise<{ record: EscalationRecord; changed: boolean } | null> {
    const res = (await scripts.retryEscalation.run(this.redis, [this.hashKey(id), this.ks.key('escs', 'due'), this.ks.key('escs', 'attention')], [id, now])) as
      | [number, string[]]
      | null;
    if (!Array.isArray(res)) return null;
    return { record: toRecord(pairs(res[1])), changed: res[0] === 1 };
  }

  async acquireLease(owner: string, ttlMs: number): Promise<boolean> {
    return Number(await scripts.acquireLease.run(this.redis, [this.ks.key('escs', 'lease')], [owner, ttlMs])) === 1;
  }

  async releaseLease(owner: string): Promise<void> {
    await scripts.releaseLease.run(this.redis, [this.ks.key('escs', 'lease')], [owner]);
  }

  private async getMany(ids: string[]): Promise<EscalationRecord[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.hashKey(id));
    const rows = (await pipe.exec()) ?? [];
    return rows.flatMap(([err, h]) => (err || !(h as Record<string, string> | null)?.doc ? [] : [toRecord(h as Record<string, string>)]));
  }
}

function toRecord(h: Record<string, string>): EscalationRecord {
  const doc = JSON.parse(h.doc ?? '{}') as Doc;
  const num = (v: string | undefined) => (v ? Number(v) : null);
  return {
    ...doc,
    state: (h.state ?? 'pending') as OutboxState,
    requester: (h.requester ?? doc.draft.requester.kind) as RequesterKind,
    ticket: h.ticket ? (JSON.parse(h.ticket) as TicketRef) : null,
    failure: h.failure ? (JSON.parse(h.failure) as EscalationFailure) : null,
    attempts: Number(h.attempts ?? 0),
    roundStart: Number(h.roundStart ?? 0),
    nextAttemptAt: h.state === 'pending' ? num(h.next) : null,
    unclear: h.unclear === '1',
    owner: h.owner || null,
    sendingUntil: num(h.until),
    updatedAt: Number(h.updatedAt ?? doc.createdAt),
  };
}
