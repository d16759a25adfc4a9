import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import { DEFAULT_DEPARTMENT } from '@introserv/shared';
import { availableOperator, newConversation, openConversation, saveOperator, type StoresFactory } from '../testing/store-fixtures.js';

export function routingContract(makeStores: StoresFactory): void {
  describe('RoutingStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
      await stores.presence.heartbeat(60_000, Date.now());
    });
    let n = 0;
    const ev = (over: { defaultCapacity?: number; fallbackMs?: number; now?: number } = {}) => ({ now: 1_000 + ++n, eventId: `sys-event-${n}`, defaultCapacity: 5, ...over });
    const ALL = ['general', 'technical', 'financial'];
    const types = async (id: string) => (await stores.conversations.messagesAfter(id, undefined, 50)).map((m) => m.event?.type ?? m.kind);

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
  
    it('matches department and language: a chat goes only to an operator who serves both (an empty list serves all)', async () => {
      const techHr = await availableOperator(stores, { departments: ['technical'], languages: ['hr', 'en'], name: 'Tech HR' });
      const finDe = await availableOperator(stores, { departments: ['financial'], languages: ['de'], name: 'Fin DE' });
      const techDe = await openConversation(stores, { department: 'technical', language: 'de', now: 1 });
      const finDeChat = await openConversation(stores, { department: 'financial', language: 'de', now: 2 });
      const techHrChat = await openConversation(stores, { department: 'technical', language: 'hr', now: 3 });
      // The oldest (technical, German) has nobody: the next ones in line are served meanwhile.
      expect((await stores.routing.assignNext(ALL, ev()))?.conversation).toMatchObject({ id: finDeChat.id, operator: { id: finDe.id } });
      expect((await stores.routing.assignNext(ALL, ev()))?.conversation).toMatchObject({ id: techHrChat.id, operator: { id: techHr.id } });
      expect(await stores.routing.assignNext(ALL, ev())).toBeNull();
      expect((await stores.conversations.get(techDe.id))?.status).toBe('queued');
      // Someone for every department and language takes it.
      const anyone = await availableOperator(stores);
      expect((await stores.routing.assignNext(ALL, ev()))?.conversation).toMatchObject({ id: techDe.id, operator: { id: anyone.id } });
    });

    it('only looks at the queues it is given, and serves the longest wait across them first', async () => {
      const op = await availableOperator(stores, { capacity: 5 });
      const fin = await openConversation(stores, { department: 'financial', now: 1 });
      const gen = await openConversation(stores, { department: 'general', now: 2 });
      expect((await stores.routing.assignNext(['general'], ev()))?.conversation.id).toBe(gen.id);
      expect(await stores.routing.assignNext(['general', 'technical'], ev())).toBeNull();
      expect(await stores.routing.queueLength('financial')).toBe(1);
      expect((await stores.routing.assignNext(ALL, ev()))?.conversation).toMatchObject({ id: fin.id, operator: { id: op.id } });
      expect(await stores.routing.queueLength('financial')).toBe(0);
    });

    it('falls back to any available operator once a chat has waited the fallback time since it was queued', async () => {
      const de = await availableOperator(stores, { languages: ['de'] });
      const tr = await openConversation(stores, { language: 'tr', now: 10_000 });
      expect(await stores.routing.assignNext(ALL, ev({ now: 10_500, fallbackMs: 1_000 }))).toBeNull();
      expect(await stores.routing.assignNext(ALL, ev({ now: 20_000 }))).toBeNull(); // no fallback configured
      expect((await stores.routing.assignNext(ALL, ev({ now: 11_000, fallbackMs: 1_000 })))?.conversation).toMatchObject({ id: tr.id, operator: { id: de.id } });
    });

    it('gives nothing to an operator with auto-assignment off, who may still accept from the queue', async () => {
      const manual = await availableOperator(stores, { autoAssign: false });
      const c = await openConversation(stores);
      expect(await stores.routing.assignNext(ALL, ev({ fallbackMs: 0 }))).toBeNull();
      expect(await stores.routing.accept(c.id, { id: manual.id, name: manual.name }, ev())).toMatchObject({ ok: true, conversation: { operator: { id: manual.id } } });
    });

    it('transfers to an available colleague, with the event, moving the load', async () => {
      const ana = await availableOperator(stores, { name: 'Ana' });
      const bo = await availableOperator(stores, { name: 'Bo', capacity: 1 });
      const c = await openConversation(stores);
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, ev());
      await stores.routing.accept((await openConversation(stores)).id, { id: bo.id, name: bo.name }, ev());
      // Bo is full, but a person chose him: capacity does not stop a transfer.
      const moved = await stores.routing.transfer(c.id, { ...ev(), to: { type: 'operator', operatorId: bo.id }, by: { operatorId: ana.id, admin: false } });
      expect(moved).toMatchObject({
        ok: true,
        previousOperatorId: ana.id,
        conversation: { status: 'assigned', operator: { id: bo.id, name: 'Bo' } },
        message: { kind: 'system', event: { type: 'transferred', from: { id: ana.id, name: 'Ana' }, to: { id: bo.id, name: 'Bo' }, department: null } },
      });
      expect([await stores.routing.load(ana.id), await stores.routing.load(bo.id)]).toEqual([0, 2]);
      expect((await stores.conversations.ofOperator(bo.id)).map((x) => x.id)).toContain(c.id);
      // Ana no longer has it: she cannot move it again; an admin can.
      expect(await stores.routing.transfer(c.id, { ...ev(), to: { type: 'operator', operatorId: ana.id }, by: { operatorId: ana.id, admin: false } })).toEqual({ ok: false, reason: 'taken' });
      expect(await stores.routing.transfer(c.id, { ...ev(), to: { type: 'operator', operatorId: bo.id }, by: { operatorId: 'op-admin', admin: true } })).toEqual({ ok: false, reason: 'same' });
      expect((await stores.routing.transfer(c.id, { ...ev(), to: { type: 'operator', operatorId: ana.id }, by: { operatorId: 'op-admin', admin: true } })).ok).toBe(true);
    });

    it('refuses a transfer to a colleague who is away, disconnected, disabled or unknown, and of a closed or missing conversation', async () => {
      const ana = await availableOperator(stores);
      const away = await availableOperator(stores);
      await stores.presence.setOperatorStatus(away.id, 'away');
      const gone = await saveOperator(stores);
      const disabled = await availableOperator(stores, { disabled: true });
      const c = await openConversation(stores);
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, ev());
      for (const target of [away.id, gone.id, disabled.id, 'op-nobody']) {
        expect(await stores.routing.transfer(c.id, { ...ev(), to: { type: 'operator', operatorId: target }, by: { operatorId: ana.id, admin: false } })).toEqual({ ok: false, reason: 'unavailable' });
      }
      expect((await stores.conversations.get(c.id))?.operator?.id).toBe(ana.id);
      expect(await stores.routing.transfer('nope', { ...ev(), to: { type: 'department', department: 'technical' }, by: { operatorId: ana.id, admin: false } })).toEqual({ ok: false, reason: 'not_found' });
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-1', by: 'operator', operator: null, now: 3 });
      expect(await stores.routing.transfer(c.id, { ...ev(), to: { type: 'department', department: 'technical' }, by: { operatorId: ana.id, admin: false } })).toEqual({ ok: false, reason: 'closed' });
    });

    it('transfers to a department: back in line at its place, in that queue, and not straight back to who sent it', async () => {
      const ana = await availableOperator(stores, { capacity: 5 });
      const older = await openConversation(stores, { department: 'technical', now: 5 });
      const c = await openConversation(stores, { now: 10 });
      const newer = await openConversation(stores, { department: 'technical', now: 20 });
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, ev());
      const moved = await stores.routing.transfer(c.id, { ...ev({ now: 30 }), to: { type: 'department', department: 'technical' }, by: { operatorId: ana.id, admin: false } });
      expect(moved).toMatchObject({
        ok: true,
        previousOperatorId: ana.id,
        conversation: { status: 'queued', department: 'technical', operator: null },
        message: { event: { type: 'transferred', from: { id: ana.id }, to: null, department: 'technical' } },
      });
      expect(await stores.routing.load(ana.id)).toBe(0);
      expect(await stores.routing.queueLength('technical')).toBe(3);
      // Ana (who serves everything) is the only one: she gets the others, not the one she sent away.
      const got = [(await stores.routing.assignNext(ALL, ev({ now: 31 })))?.conversation.id, (await stores.routing.assignNext(ALL, ev({ now: 31 })))?.conversation.id];
      expect(got).toEqual([older.id, newer.id]);
      expect(await stores.routing.assignNext(ALL, ev({ now: 31, fallbackMs: 1_000 }))).toBeNull();
      // A colleague gets it at once, at its place in line.
      const bo = await availableOperator(stores);
      expect((await stores.routing.assignNext(ALL, ev({ now: 32 })))?.conversation).toMatchObject({ id: c.id, operator: { id: bo.id } });
      // A waiting chat may be moved to another department by anyone; not to where it is.
      const waiting = await openConversation(stores, { department: 'general' });
      expect((await stores.routing.transfer(waiting.id, { ...ev(), to: { type: 'department', department: 'general' }, by: { operatorId: ana.id, admin: false } })).ok).toBe(false);
      expect((await stores.routing.transfer(waiting.id, { ...ev(), to: { type: 'department', department: 'financial' }, by: { operatorId: ana.id, admin: false } })).ok).toBe(true);
      expect([await stores.routing.queueLength('general'), await stores.routing.queueLength('financial')]).toEqual([0, 1]);
    });

    it('sends a transferred chat back to its sender after the fallback time, when nobody else took it', async () => {
      const ana = await availableOperator(stores);
      const c = await openConversation(stores);
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, ev());
      await stores.routing.transfer(c.id, { ...ev({ now: 100_000 }), to: { type: 'department', department: 'financial' }, by: { operatorId: ana.id, admin: false } });
      expect(await stores.routing.assignNext(ALL, ev({ now: 100_500, fallbackMs: 1_000 }))).toBeNull();
      expect((await stores.routing.assignNext(ALL, ev({ now: 101_000, fallbackMs: 1_000 })))?.conversation.operator?.id).toBe(ana.id);
    });

    it('gives each conversation to exactly one operator under concurrent transfers and accepts', async () => {
      const ops = await Promise.all([1, 2, 3].map(() => availableOperator(stores, { capacity: 50 })));
      for (let round = 0; round < 10; round++) {
        const c = await openConversation(stores);
        const [a, b, d] = ops as [typeof ops[0], typeof ops[0], typeof ops[0]];
        const results = await Promise.all([
          stores.routing.accept(c.id, { id: a.id, name: a.name }, ev()),
          stores.routing.transfer(c.id, { ...ev(), to: { type: 'operator', operatorId: b.id }, by: { operatorId: d.id, admin: false } }),
          stores.routing.accept(c.id, { id: d.id, name: d.name }, ev()),
          stores.routing.transfer(c.id, { ...ev(), to: { type: 'department', department: 'technical' }, by: { operatorId: a.id, admin: false } }),
        ]);
        const final = await stores.conversations.get(c.id);
        const holders = await Promise.all(ops.map(async (o) => (await stores.conversations.ofOperator(o.id)).some((x) => x.id === c.id)));
        expect(holders.filter(Boolean).length).toBe(final?.status === 'assigned' ? 1 : 0);
        if (final?.status === 'assigned') expect(holders[ops.findIndex((o) => o.id === final.operator?.id)]).toBe(true);
        expect(results.some((r) => r.ok)).toBe(true);
      }
    });

    it('reopens a closed conversation for the operator who asks, unless the visitor has a newer one', async () => {
      const ana = await availableOperator(stores, { name: 'Ana' });
      const c = await openConversation(stores);
      expect(await stores.routing.reopen(c.id, { id: ana.id, name: 'Ana' }, ev())).toEqual({ ok: false, reason: 'taken' });
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-1', by: 'operator', operator: null, now: 3 });
      expect((await stores.conversations.closedPage({ limit: 5 })).map((x) => x.id)).toEqual([c.id]);
      const reopened = await stores.routing.reopen(c.id, { id: ana.id, name: 'Ana' }, ev());
      expect(reopened).toMatchObject({ ok: true, conversation: { status: 'assigned', operator: { id: ana.id, name: 'Ana' } }, message: { event: { type: 'reopened', operator: { id: ana.id, name: 'Ana' } } } });
      expect(await stores.routing.reopen(c.id, { id: ana.id, name: 'Ana' }, ev())).toMatchObject({ ok: true, message: null });
      expect(await stores.routing.load(ana.id)).toBe(1);
      expect(await stores.conversations.closedPage({ limit: 5 })).toEqual([]);
      expect(await stores.routing.reopen('nope', { id: ana.id, name: 'Ana' }, ev())).toEqual({ ok: false, reason: 'not_found' });
      // The visitor writes again after the next close: a newer conversation; the old one stays closed.
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-2', by: 'operator', operator: null, now: 4 });
      const newer = await stores.conversations.open(newConversation(c.visitor.id));
      expect(newer.created).toBe(true);
      expect(await stores.routing.reopen(c.id, { id: ana.id, name: 'Ana' }, ev())).toEqual({ ok: false, reason: 'superseded' });
      expect(await types(c.id)).toEqual(['closed', 'reopened', 'closed']);
    });

    it('lets an idle reopened conversation close only after the idle time counted from the reopening', async () => {
      const ana = await availableOperator(stores);
      const c = await openConversation(stores, { now: 1_000 });
      await stores.conversations.setVisitorOnline(c.visitor.id, false, 2_000);
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-1', by: 'operator', operator: null, now: 3_000 });
      await stores.routing.reopen(c.id, { id: ana.id, name: ana.name }, ev({ now: 50_000 }));
      expect(await stores.conversations.idleSince(40_000, 10)).toEqual([]);
      expect(await stores.conversations.idleSince(50_001, 10)).toEqual([c.id]);
    });
});
}
