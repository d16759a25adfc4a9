import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import { DEFAULT_DEPARTMENT } from '@introserv/shared';
import { availableOperator, openConversation, saveOperator, type StoresFactory } from '../testing/store-fixtures.js';

export function routingContract(makeStores: StoresFactory): void {
  describe('RoutingStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
      await stores.presence.heartbeat(60_000, Date.now());
    });
    let n = 0;
    const ev = (over: { defaultCapacity?: number } = {}) => ({ now: 1_000 + ++n, eventId: `sys-event-${n}`, defaultCapacity: 5, ...over });

    it('gives the oldest waiting conversation to the least busy operator with capacity, and records it', async () => {
      const busy = await availableOperator(stores, { capacity: 3, name: 'Busy' });
      const idle = await availableOperator(stores, { capacity: 3, name: 'Idle' });
      const c1 = await openConversation(stores, { now: 1 });
      const c2 = await openConversation(stores, { now: 2 });
      const c3 = await openConversation(stores, { now: 3 });
      expect(await stores.routing.accept(c3.id, { id: busy.id, name: busy.name }, ev())).toMatchObject({ ok: true, message: { event: { type: 'assigned' } } });
      const first = await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev());
      expect(first?.conversation).toMatchObject({ id: c1.id, status: 'assigned', operator: { id: idle.id, name: 'Idle' } });
      expect(first?.message).toMatchObject({ kind: 'system', conversationId: c1.id, event: { type: 'assigned', operator: { id: idle.id, name: 'Idle' } } });
      expect((await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev()))?.conversation.id).toBe(c2.id);
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev())).toBeNull();
      expect((await stores.routing.load(busy.id)) + (await stores.routing.load(idle.id))).toBe(3);
      expect((await stores.conversations.messagesAfter(c1.id, undefined, 10)).map((m) => m.event?.type)).toEqual(['assigned']);
    });

    it('never assigns beyond capacity, and leaves the conversation waiting', async () => {
      const op = await availableOperator(stores, { capacity: 1 });
      const c1 = await openConversation(stores, { now: 1 });
      const c2 = await openConversation(stores, { now: 2 });
      expect((await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev()))?.conversation).toMatchObject({ id: c1.id, operator: { id: op.id } });
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev())).toBeNull();
      expect((await stores.conversations.get(c2.id))?.status).toBe('queued');
      await stores.conversations.close({ conversationId: c1.id, eventId: 'sys-close-1', by: 'operator', operator: null, now: 3 });
      expect((await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev()))?.conversation).toMatchObject({ id: c2.id, operator: { id: op.id } });
    });

    it('uses the default capacity for operators without their own, and a changed capacity at once', async () => {
      const op = await availableOperator(stores, { capacity: null });
      for (let i = 0; i < 4; i++) await openConversation(stores, { now: i });
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev({ defaultCapacity: 1 }))).not.toBeNull();
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev({ defaultCapacity: 1 }))).toBeNull();
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev({ defaultCapacity: 2 }))).not.toBeNull();
      // A capacity of their own, saved while they are connected, counts from the next decision.
      await stores.operators.save({ ...op, capacity: 3 });
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev({ defaultCapacity: 1 }))).not.toBeNull();
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev({ defaultCapacity: 1 }))).toBeNull();
      expect(await stores.routing.load(op.id)).toBe(3);
    });

    it('gives nothing to an operator who is disabled, away or not connected', async () => {
      const disabled = await availableOperator(stores, { disabled: true });
      const away = await availableOperator(stores);
      await stores.presence.setOperatorStatus(away.id, 'away');
      await saveOperator(stores); // never connected
      await openConversation(stores);
      expect(await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev())).toBeNull();
      await stores.operators.save({ ...disabled, disabled: false });
      expect((await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev()))?.conversation.operator?.id).toBe(disabled.id);
    });

    it('gives each conversation to exactly one operator under concurrent assignment', async () => {
      const ops = await Promise.all([availableOperator(stores, { capacity: 10 }), availableOperator(stores, { capacity: 10 }), availableOperator(stores, { capacity: 10 })]);
      const convs = await Promise.all(Array.from({ length: 6 }, (_, i) => openConversation(stores, { now: i })));
      const results = await Promise.all(Array.from({ length: 12 }, () => stores.routing.assignNext(DEFAULT_DEPARTMENT, ev())));
      const assigned = results.filter((r) => r !== null);
      expect(assigned).toHaveLength(6);
      expect(new Set(assigned.map((a) => a.conversation.id))).toEqual(new Set(convs.map((c) => c.id)));
      expect(await Promise.all(ops.map((o) => stores.routing.load(o.id)))).toEqual([2, 2, 2]);
    });

    it('lets one operator accept a waiting conversation, and no other', async () => {
      const a = await saveOperator(stores);
      const b = await saveOperator(stores);
      const c = await openConversation(stores);
      const results = await Promise.all([stores.routing.accept(c.id, { id: a.id, name: a.name }, ev()), stores.routing.accept(c.id, { id: b.id, name: b.name }, ev())]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'taken' });
      const winner = results[0].ok ? a : b;
      expect(await stores.routing.accept(c.id, { id: winner.id, name: winner.name }, ev())).toMatchObject({ ok: true, message: null });
      expect(await stores.routing.accept('missing', { id: a.id, name: a.name }, ev())).toEqual({ ok: false, reason: 'not_found' });
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-1', by: 'operator', operator: null, now: 3 });
      expect(await stores.routing.accept(c.id, { id: winner.id, name: winner.name }, ev())).toEqual({ ok: false, reason: 'closed' });
      expect((await stores.conversations.messagesAfter(c.id, undefined, 10)).map((m) => m.event?.type)).toEqual(['assigned', 'closed']);
    });

    it('puts an unavailable operator’s conversations back in line at their original place, with an event each', async () => {
      const op = await availableOperator(stores, { capacity: 5 });
      const c1 = await openConversation(stores, { now: 10 });
      await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev());
      const later = await openConversation(stores, { now: 20 });
      // Still available: nothing moves.
      expect(await stores.routing.requeueOperator(op.id, 'operator-left', ev())).toEqual([]);
      await stores.presence.setOperatorStatus(op.id, 'offline');
      const requeued = await stores.routing.requeueOperator(op.id, 'operator-offline', ev());
      expect(requeued.map((r) => r.conversation)).toMatchObject([{ id: c1.id, status: 'queued', operator: null }]);
      expect(requeued[0]?.message).toMatchObject({ kind: 'system', event: { type: 'requeued', reason: 'operator-offline' } });
      expect(await stores.routing.load(op.id)).toBe(0);
      // c1 waited longer than `later`: it is first in line again.
      const other = await availableOperator(stores);
      expect((await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev()))?.conversation).toMatchObject({ id: c1.id, operator: { id: other.id } });
      expect((await stores.routing.assignNext(DEFAULT_DEPARTMENT, ev()))?.conversation.id).toBe(later.id);
    });
  });
}
