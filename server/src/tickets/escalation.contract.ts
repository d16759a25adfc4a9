import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import { newEscalation } from '../testing/escalation-fixtures.js';
import { uid, type StoresFactory } from '../testing/store-fixtures.js';

const T = 1_700_000_000_000;
const failure = { reason: 'unreachable', detail: 'connect ECONNREFUSED' } as const;

export function escalationContract(makeStores: StoresFactory): void {
  describe('EscalationStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('writes an escalation once per idempotency key, due at once', async () => {
      const { escalations } = stores;
      const conversationId = uid('c');
      const first = await escalations.create(newEscalation({ id: 'e_one', idempotencyKey: 'k-1', conversationId, createdAt: T }), { known: 0 });
      expect(first).toMatchObject({ ok: true, created: true, record: { id: 'e_one', state: 'pending', nextAttemptAt: T, attempts: 0 } });
      const again = await escalations.create(newEscalation({ id: 'e_two', idempotencyKey: 'k-1', conversationId, createdAt: T + 5 }), { known: 0 });
      expect(again).toMatchObject({ ok: true, created: false, record: { id: 'e_one' } });
      expect((await escalations.ofConversation(conversationId)).map((e) => e.id)).toEqual(['e_one']);
      expect(await escalations.due(T, 10)).toEqual(['e_one']);
      expect(await escalations.due(T - 1, 10)).toEqual([]);
      expect(await escalations.get('e_one')).toMatchObject({ draft: { incident: { serverOrOrder: '203.0.113.7' }, attachmentIds: [] } });
    });

    it('refuses a second escalation of a conversation by someone who did not know of the first', async () => {
      const conversationId = uid('c');
      const make = (id: string, known: number) => stores.escalations.create(newEscalation({ id, conversationId }), { known });
      const [a, b] = await Promise.all([make('e_tab_a', 0), make('e_tab_b', 0)]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect(await make('e_tab_c', 1)).toMatchObject({ ok: true, created: true });
      expect((await stores.escalations.ofConversation(conversationId)).length).toBe(2);
    });

    it('lets exactly one of two processes claim an entry, and only its owner settle it', async () => {
      const { escalations } = stores;
      await escalations.create(newEscalation({ id: 'e_claim', createdAt: T }), { known: null });
      const [a, b] = await Promise.all([escalations.claim('e_claim', 'proc-a', T + 1, T + 1_000), escalations.claim('e_claim', 'proc-b', T + 1, T + 1_000)]);
      const winner = a ? 'proc-a' : 'proc-b';
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(a ?? b).toMatchObject({ state: 'sending', attempts: 1, owner: winner, unclear: false });
      expect(await escalations.due(T + 500, 10)).toEqual([]);
      const loser = winner === 'proc-a' ? 'proc-b' : 'proc-a';
      expect(await escalations.settle('e_claim', loser, T + 2, { state: 'failed', failure })).toBeNull();
      const done = await escalations.settle('e_claim', winner, T + 2, { state: 'created', ticket: { number: '#123456', url: null }, requester: 'guest' });
      expect(done).toMatchObject({ state: 'created', ticket: { number: '#123456', url: null }, owner: null, failure: null });
      expect(await escalations.claim('e_claim', winner, T + 5_000, T + 6_000)).toBeNull();
    });

    it('takes over an entry whose sender died mid-call, marked unclear', async () => {
      const { escalations } = stores;
      await escalations.create(newEscalation({ id: 'e_stale', createdAt: T }), { known: null });
      expect(await escalations.claim('e_stale', 'dead', T, T + 1_000)).not.toBeNull();
      expect(await escalations.claim('e_stale', 'alive', T + 999, T + 2_000)).toBeNull();
      expect(await escalations.due(T + 1_001, 10)).toEqual(['e_stale']);
      expect(await escalations.claim('e_stale', 'alive', T + 1_001, T + 2_000)).toMatchObject({ owner: 'alive', attempts: 2, unclear: true });
      expect(await escalations.settle('e_stale', 'dead', T + 1_002, { state: 'failed', failure })).toBeNull();
    });

    it('schedules the next try, gives up for attention, and starts a new round on an operator’s retry', async () => {
      const { escalations } = stores;
      await escalations.create(newEscalation({ id: 'e_retry', createdAt: T }), { known: null });
      await escalations.claim('e_retry', 'p', T, T + 100);
      expect(await escalations.settle('e_retry', 'p', T + 10, { state: 'pending', nextAttemptAt: T + 500, failure, unclear: true })).toMatchObject({
        state: 'pending',
        nextAttemptAt: T + 500,
        failure,
        unclear: true,
      });
      expect(await escalations.due(T + 499, 10)).toEqual([]);
      expect(await escalations.due(T + 500, 10)).toEqual(['e_retry']);
      await escalations.claim('e_retry', 'p', T + 500, T + 600);
      await escalations.settle('e_retry', 'p', T + 510, { state: 'unconfirmed', failure: { reason: 'unconfirmed', detail: 'timed out' } });
      expect((await escalations.list({ attention: true, limit: 10 })).map((e) => e.id)).toEqual(['e_retry']);
      expect(await escalations.due(T + 10_000, 10)).toEqual([]);

      const retried = await escalations.retry('e_retry', T + 20_000);
      expect(retried).toMatchObject({ changed: true, record: { state: 'pending', nextAttemptAt: T + 20_000, failure: null, unclear: false, attempts: 2, roundStart: 2 } });
      expect(await escalations.list({ attention: true, limit: 10 })).toEqual([]);
      expect(await escalations.retry('e_retry', T + 20_001)).toMatchObject({ changed: false, record: { state: 'pending' } });
      expect(await escalations.retry('e_nope', T)).toBeNull();
    });

    it('lists newest first', async () => {
      for (const [id, at] of [['e_old', T], ['e_new', T + 10], ['e_mid', T + 5]] as const) await stores.escalations.create(newEscalation({ id, createdAt: at }), { known: null });
      expect((await stores.escalations.list({ limit: 2 })).map((e) => e.id)).toEqual(['e_new', 'e_mid']);
    });

    it('gives the worker lease to one process at a time', async () => {
      const { escalations } = stores;
      expect(await escalations.acquireLease('proc-a', 60_000, T)).toBe(true);
      expect(await escalations.acquireLease('proc-b', 60_000, T)).toBe(false);
      expect(await escalations.acquireLease('proc-a', 60_000, T + 1)).toBe(true);
      await escalations.releaseLease('proc-b');
      expect(await escalations.acquireLease('proc-b', 60_000, T + 2)).toBe(false);
      await escalations.releaseLease('proc-a');
      expect(await escalations.acquireLease('proc-b', 60_000, T + 3)).toBe(true);
    });
  });
}
