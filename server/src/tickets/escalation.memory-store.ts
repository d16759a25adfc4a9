import type { CreateOutcome, EscalationRecord, EscalationStore, Settlement } from './escalation.store.js';

/** The embedded outbox: each method runs to completion without awaiting, as atomic as the Redis scripts. */
export class MemoryEscalationStore implements EscalationStore {
  private readonly records = new Map<string, EscalationRecord>();
  private readonly byKey = new Map<string, string>();
  private readonly byConversation = new Map<string, string[]>();
  private lease: { owner: string; until: number } | null = null;

  async create(record: EscalationRecord, guard: { known: number | null }): Promise<CreateOutcome> {
    const existing = this.byKey.get(record.idempotencyKey);
    if (existing) return { ok: true, record: this.copy(existing), created: false };
    const siblings = record.conversationId ? (this.byConversation.get(record.conversationId) ?? []) : [];
    if (guard.known !== null && siblings.length !== guard.known) return { ok: false, reason: 'conflict' };
    const stored: EscalationRecord = { ...structuredClone(record), state: 'pending', nextAttemptAt: record.createdAt, owner: null, sendingUntil: null };
    this.records.set(stored.id, stored);
    this.byKey.set(stored.idempotencyKey, stored.id);
    if (stored.conversationId) this.byConversation.set(stored.conversationId, [...siblings, stored.id]);
    return { ok: true, record: structuredClone(stored), created: true };
  }

  async get(id: string): Promise<EscalationRecord | null> {
    return this.records.has(id) ? this.copy(id) : null;
  }

  async ofConversation(conversationId: string): Promise<EscalationRecord[]> {
    return (this.byConversation.get(conversationId) ?? []).map((id) => this.copy(id));
  }

  async list(filter: { attention?: boolean; limit: number }): Promise<EscalationRecord[]> {
    const all = [...this.records.values()].filter((r) => !filter.attention || r.state === 'failed' || r.state === 'unconfirmed');
    // Attention lists the most recently failed first; the full list the most recently requested.
    all.sort((a, b) => (filter.attention ? b.updatedAt - a.updatedAt : b.createdAt - a.createdAt));
    return all.slice(0, filter.limit).map((r) => structuredClone(r));
  }

  async due(now: number, limit: number): Promise<string[]> {
    return [...this.records.values()]
      .map((r) => ({ id: r.id, at: r.state === 'pending' ? r.nextAttemptAt : r.state === 'sending' ? r.sendingUntil : null }))
      .filter((r): r is { id: string; at: number } => r.at !== null && r.at <= now)
      .sort((a, b) => a.at - b.at)
      .slice(0, limit)
      .map((r) => r.id);
  }

  async claim(id: string, owner: string, now: number, until: number): Promise<EscalationRecord | null> {
    const r = this.records.get(id);
    if (!r) return null;
    const due = r.state === 'pending' && r.nextAttemptAt !== null && r.nextAttemptAt <= now;
    const stale = r.state === 'sending' && r.sendingUntil !== null && r.sendingUntil < now;
    if (!due && !stale) return null;
    Object.assign(r, { state: 'sending', owner, sendingUntil: until, nextAttemptAt: null, attempts: r.attempts + 1, updatedAt: now, unclear: r.unclear || stale });
    return structuredClone(r);
  }

  async settle(id: string, owner: string, now: number, outcome: Settlement): Promise<EscalationRecord | null> {
    const r = this.records.get(id);
    if (r?.state !== 'sending' || r.owner !== owner) return null;
    Object.assign(r, { owner: null, sendingUntil: null, updatedAt: now }, settledFields(outcome));
    return structuredClone(r);
  }

  async retry(id: string, now: number): Promise<{ record: EscalationRecord; changed: boolean } | null> {
    const r = this.records.get(id);
    if (!r) return null;
    if (r.state !== 'failed' && r.state !== 'unconfirmed') return { record: structuredClone(r), changed: false };
    Object.assign(r, { state: 'pending', nextAttemptAt: now, failure: null, unclear: false, roundStart: r.attempts, updatedAt: now });
    return { record: structuredClone(r), changed: true };
  }

  async acquireLease(owner: string, ttlMs: number, now: number): Promise<boolean> {
    if (this.lease && this.lease.owner !== owner && this.lease.until > now) return false;
    this.lease = { owner, until: now + ttlMs };
    return true;
  }

  async releaseLease(owner: string): Promise<void> {
    if (this.lease?.owner === owner) this.lease = null;
  }

  private copy(id: string): EscalationRecord {
    return structuredClone(this.records.get(id) as EscalationRecord);
  }
}

/** The fields an outcome sets (shared with the Redis store, which writes the same ones). */
export function settledFields(outcome: Settlement): Partial<EscalationRecord> {
  switch (outcome.state) {
    case 'created':
      return { state: 'created', ticket: outcome.ticket, requester: outcome.requester, failure: null, nextAttemptAt: null, unclear: false };
    case 'pending':
      return { state: 'pending', nextAttemptAt: outcome.nextAttemptAt, failure: outcome.failure, unclear: outcome.unclear };
    case 'failed':
    case 'unconfirmed':
      return { state: outcome.state, failure: outcome.failure, nextAttemptAt: null };
  }
}
