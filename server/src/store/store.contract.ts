import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NewConversation, Store } from './store.js';
import { DEFAULT_QUEUE } from './store.js';

/**
 * The behaviour every Store must have. Each implementation's test file calls this with a
 * factory that returns an empty store.
 */
export function storeContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let n = 0;
    beforeEach(async () => {
      store = await makeStore();
    });

    const uid = (p: string) => `${p}${++n}_${randomUUID().slice(0, 8)}`;
    const newConversation = (visitorId: string, over: Partial<NewConversation> = {}): NewConversation => ({
      id: uid('c'),
      siteId: 'introserv',
      visitorId,
      language: 'de',
      page: { url: 'https://introserv.com/vps', title: 'VPS' },
      timeZone: 'Europe/Berlin',
      queue: DEFAULT_QUEUE,
      now: 1_700_000_000_000 + n,
      ...over,
    });
    const operator = async (capacity = 2) => {
      const id = uid('op');
      await store.saveOperator({ id, email: `${id}@introserv.com`, name: `Name ${id}`, role: 'operator', capacity, passwordHash: 'h' });
      return id;
    };
    const visitorWithConversation = async () => {
      const vid = uid('v');
      await store.createVisitor(uid('token'), vid);
      const { conversation } = await store.openConversation(newConversation(vid));
      return conversation;
    };

    it('finds a visitor by token hash and nothing by an unknown one', async () => {
      await store.createVisitor('hash-1', 'v1');
      expect(await store.findVisitor('hash-1')).toEqual({ id: 'v1', conversationId: null });
      expect(await store.findVisitor('hash-2')).toBeNull();
    });

    it('opens one conversation per visitor until it is closed', async () => {
      await store.createVisitor('hash-a', 'va');
      const first = await store.openConversation(newConversation('va'));
      expect(first.created).toBe(true);
      expect(first.conversation).toMatchObject({ status: 'queued', language: 'de', operator: null, lastMessage: null, visitor: { id: 'va' } });
      const again = await store.openConversation(newConversation('va'));
      expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
      expect((await store.findVisitor('hash-a'))?.conversationId).toBe(first.conversation.id);
      await store.closeConversation(first.conversation.id, 1);
      const next = await store.openConversation(newConversation('va'));
      expect(next.created).toBe(true);
      expect(next.conversation.id).not.toBe(first.conversation.id);
    });

    it('opens at most one conversation when a visitor races itself', async () => {
      await store.createVisitor('hash-r', 'vr');
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.openConversation(newConversation('vr'))));
      expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('appends messages once per client id, in cursor order, and replays after a cursor', async () => {
      const c = await visitorWithConversation();
      const a = await store.appendMessage({ conversationId: c.id, id: 'msg-aaaaaaaa', author: { kind: 'visitor' }, text: 'Hello' });
      const b = await store.appendMessage({ conversationId: c.id, id: 'msg-bbbbbbbb', author: { kind: 'operator', id: 'op1', name: 'Ana' }, text: 'Hi!' });
      const again = await store.appendMessage({ conversationId: c.id, id: 'msg-aaaaaaaa', author: { kind: 'visitor' }, text: 'Hello (resent)' });
      if (!a.ok || !b.ok) throw new Error('append failed');
      expect(a.created).toBe(true);
      expect(again).toMatchObject({ ok: true, created: false, message: a.message });
      expect(b.conversation.lastMessage).toMatchObject({ text: 'Hi!', authorKind: 'operator' });
      expect(b.message).toMatchObject({ author: { kind: 'operator', id: 'op1', name: 'Ana' }, text: 'Hi!', conversationId: c.id });
      const all = await store.listMessages(c.id, undefined, 50);
      expect(all.map((m) => m.id)).toEqual(['msg-aaaaaaaa', 'msg-bbbbbbbb']);
      expect(all[0]?.cursor).toMatch(/^\d+-\d+$/);
      expect(await store.listMessages(c.id, all[0]?.cursor, 50)).toEqual([all[1]]);
      expect(await store.listMessages(c.id, all[1]?.cursor, 50)).toEqual([]);
      const updated = await store.getConversation(c.id);
      expect(updated?.lastMessage).toMatchObject({ text: 'Hi!', authorKind: 'operator' });
    });

    it('stores concurrent resends of one message once', async () => {
      const c = await visitorWithConversation();
      const sends = await Promise.all(
        Array.from({ length: 8 }, () => store.appendMessage({ conversationId: c.id, id: 'msg-dupdupdup', author: { kind: 'visitor' }, text: 'x' })),
      );
      expect(sends.filter((s) => s.ok && s.created)).toHaveLength(1);
      expect(await store.listMessages(c.id, undefined, 50)).toHaveLength(1);
    });

    it('refuses to append to a conversation that does not exist', async () => {
      expect(await store.appendMessage({ conversationId: 'nope', id: 'msg-12345678', author: { kind: 'visitor' }, text: 'x' })).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('refuses new messages to a closed conversation when asked to, but still answers resends', async () => {
      const c = await visitorWithConversation();
      const first = await store.appendMessage({ conversationId: c.id, id: 'msg-before-close', author: { kind: 'visitor' }, text: 'x', onlyIfOpen: true });
      await store.closeConversation(c.id, 5);
      const resend = await store.appendMessage({ conversationId: c.id, id: 'msg-before-close', author: { kind: 'visitor' }, text: 'x', onlyIfOpen: true });
      expect(resend).toMatchObject({ ok: true, created: false, message: first.ok ? first.message : {}, conversation: { status: 'closed' } });
      expect(await store.appendMessage({ conversationId: c.id, id: 'msg-after-close', author: { kind: 'visitor' }, text: 'y', onlyIfOpen: true })).toEqual({
        ok: false,
        reason: 'closed',
      });
      expect((await store.appendMessage({ conversationId: c.id, id: 'msg-system-after', author: { kind: 'system' }, text: 'z' })).ok).toBe(true);
    });

    it('keeps messages cursor-ordered and pages with a limit', async () => {
      const c = await visitorWithConversation();
      for (let i = 0; i < 12; i++) {
        await store.appendMessage({ conversationId: c.id, id: `msg-page-${String(i).padStart(3, '0')}`, author: { kind: 'visitor' }, text: `m${i}` });
      }
      const first = await store.listMessages(c.id, undefined, 5);
      const rest = await store.listMessages(c.id, first.at(-1)?.cursor, 50);
      expect([...first, ...rest].map((m) => m.text)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
      expect((await store.recentMessages(c.id, 3)).map((m) => m.text)).toEqual(['m9', 'm10', 'm11']);
      expect(await store.recentMessages(c.id, 50)).toHaveLength(12);
      expect(await store.recentMessages('nope', 5)).toEqual([]);
    });

    it('assigns the oldest waiting conversation to the least busy operator with capacity', async () => {
      const busy = await operator(3);
      const idle = await operator(3);
      await store.heartbeat(60_000);
      await store.operatorConnected(busy, 3);
      await store.operatorConnected(idle, 3);
      const c1 = await visitorWithConversation();
      const c2 = await visitorWithConversation();
      const c3 = await visitorWithConversation();
      expect(await store.acceptConversation(c3.id, busy, 5)).toMatchObject({ ok: true, changed: true });
      const first = await store.assignNext(DEFAULT_QUEUE, 10);
      expect(first).toEqual({ conversationId: c1.id, operatorId: idle });
      const second = await store.assignNext(DEFAULT_QUEUE, 11);
      expect(second?.conversationId).toBe(c2.id);
      expect(await store.assignNext(DEFAULT_QUEUE, 12)).toBeNull();
      const loads = await store.operatorLoads();
      expect((loads.get(busy) ?? 0) + (loads.get(idle) ?? 0)).toBe(3);
      expect(await store.getConversation(c1.id)).toMatchObject({ status: 'assigned', operator: { id: idle, name: `Name ${idle}` } });
    });

    it('never assigns beyond capacity, and leaves the conversation waiting', async () => {
      const op = await operator(1);
      await store.operatorConnected(op, 1);
      const c1 = await visitorWithConversation();
      const c2 = await visitorWithConversation();
      expect(await store.assignNext(DEFAULT_QUEUE, 1)).toEqual({ conversationId: c1.id, operatorId: op });
      expect(await store.assignNext(DEFAULT_QUEUE, 2)).toBeNull();
      expect((await store.getConversation(c2.id))?.status).toBe('queued');
      await store.closeConversation(c1.id, 3);
      expect(await store.assignNext(DEFAULT_QUEUE, 4)).toEqual({ conversationId: c2.id, operatorId: op });
    });

    it('gives each conversation to exactly one operator under concurrent assignment', async () => {
      const ops = await Promise.all([operator(10), operator(10), operator(10)]);
      for (const op of ops) await store.operatorConnected(op, 10);
      const convs = await Promise.all(Array.from({ length: 6 }, () => visitorWithConversation()));
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.assignNext(DEFAULT_QUEUE, 100 + i)));
      const assigned = results.filter((r) => r !== null);
      expect(assigned).toHaveLength(6);
      expect(new Set(assigned.map((a) => a.conversationId))).toEqual(new Set(convs.map((c) => c.id)));
      const loads = await store.operatorLoads();
      expect(ops.map((o) => loads.get(o))).toEqual([2, 2, 2]);
    });

    it('lets one operator accept a waiting conversation, and no other', async () => {
      const a = await operator();
      const b = await operator();
      const c = await visitorWithConversation();
      const results = await Promise.all([store.acceptConversation(c.id, a, 1), store.acceptConversation(c.id, b, 1)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'taken' });
      const winner = results[0]?.ok ? a : b;
      expect(await store.acceptConversation(c.id, winner, 2)).toMatchObject({ ok: true, changed: false });
      expect(await store.acceptConversation('missing', a, 2)).toEqual({ ok: false, reason: 'not_found' });
      await store.closeConversation(c.id, 3);
      expect(await store.acceptConversation(c.id, winner, 4)).toEqual({ ok: false, reason: 'closed' });
    });

    it('puts a departed operator’s conversations back in line after the grace period, not while they are connected', async () => {
      await store.heartbeat(60_000);
      const op = await operator(5);
      await store.operatorConnected(op, 5);
      await store.operatorConnected(op, 5); // a second tab
      const c1 = await visitorWithConversation();
      await store.assignNext(DEFAULT_QUEUE, 1);
      expect(await store.operatorDisconnected(op, 100)).toBe(1);
      expect(await store.releaseOperatorIfGone(op, 200, 0)).toBeNull();
      expect(await store.operatorDisconnected(op, 1_000)).toBe(0);
      expect(await store.releaseOperatorIfGone(op, 1_500, 1_000)).toBeNull(); // within grace
      expect(await store.releaseOperatorIfGone(op, 2_000, 1_000)).toEqual([c1.id]);
      expect(await store.getConversation(c1.id)).toMatchObject({ status: 'queued', operator: null });
      expect((await store.operatorLoads()).has(op)).toBe(false);
      expect(await store.assignNext(DEFAULT_QUEUE, 4)).toBeNull();
      await store.operatorConnected(op, 5);
      expect(await store.assignNext(DEFAULT_QUEUE, 5)).toEqual({ conversationId: c1.id, operatorId: op });
    });

    it('forgets the away time of an operator who came back within the grace period', async () => {
      await store.heartbeat(60_000);
      const op = await operator(5);
      await store.operatorConnected(op, 5);
      await visitorWithConversation();
      await store.assignNext(DEFAULT_QUEUE, 1);
      await store.operatorDisconnected(op, 1_000);
      await store.operatorConnected(op, 5); // a reload
      expect(await store.releaseOperatorIfGone(op, 9_000, 1_000)).toBeNull();
      expect(await store.operatorDisconnected(op, 10_000)).toBe(0);
      expect(await store.releaseOperatorIfGone(op, 10_500, 1_000)).toBeNull();
      expect(await store.releaseOperatorIfGone(op, 11_000, 1_000)).toHaveLength(1);
    });

    it('lists an operator’s assigned conversations, not the closed or taken ones', async () => {
      const a = await operator(5);
      const b = await operator(5);
      const c1 = await visitorWithConversation();
      const c2 = await visitorWithConversation();
      const c3 = await visitorWithConversation();
      await store.acceptConversation(c1.id, a, 1);
      await store.acceptConversation(c2.id, a, 1);
      await store.acceptConversation(c3.id, b, 1);
      await store.closeConversation(c2.id, 2);
      expect((await store.operatorConversations(a)).map((c) => c.id)).toEqual([c1.id]);
      expect((await store.operatorConversations(b)).map((c) => c.id)).toEqual([c3.id]);
      expect(await store.operatorConversations('nobody')).toEqual([]);
    });

    it('lists open conversations by status however many closed ones came before', async () => {
      const open = await visitorWithConversation();
      for (let i = 0; i < 60; i++) await store.closeConversation((await visitorWithConversation()).id, 3);
      expect((await store.listConversations({ status: 'queued', limit: 5 })).map((c) => c.id)).toEqual([open.id]);
      expect(await store.listConversations({ status: 'closed', limit: 100 })).toHaveLength(60);
    });

    it('lists conversations newest first, filtered by status', async () => {
      const c1 = await visitorWithConversation();
      const c2 = await visitorWithConversation();
      await store.closeConversation(c1.id, 5);
      const all = await store.listConversations({ limit: 10 });
      expect(all.map((c) => c.id).slice(0, 2)).toEqual([c2.id, c1.id]);
      expect((await store.listConversations({ status: 'closed', limit: 10 })).map((c) => c.id)).toEqual([c1.id]);
      expect(await store.listConversations({ limit: 1 })).toHaveLength(1);
    });

    it('keeps operators by id and by case-insensitive email', async () => {
      await store.saveOperator({ id: 'op-x', email: 'ana@introserv.com', name: 'Ana', role: 'admin', capacity: 4, passwordHash: 'scrypt$…' });
      expect(await store.getOperator('op-x')).toEqual({ id: 'op-x', email: 'ana@introserv.com', name: 'Ana', role: 'admin', capacity: 4, passwordHash: 'scrypt$…' });
      expect((await store.findOperatorByEmail('ANA@introserv.com'))?.id).toBe('op-x');
      expect(await store.findOperatorByEmail('bob@introserv.com')).toBeNull();
      expect(await store.countOperators()).toBeGreaterThanOrEqual(1);
    });

    it('expires sessions and deletes them on logout', async () => {
      await store.putSession('s1', { operatorId: 'op-x', csrfToken: 't' }, 60_000);
      await store.putSession('s2', { operatorId: 'op-x', csrfToken: 't' }, 30);
      expect(await store.getSession('s1')).toEqual({ operatorId: 'op-x', csrfToken: 't' });
      await new Promise((r) => setTimeout(r, 60));
      expect(await store.getSession('s2')).toBeNull();
      await store.deleteSession('s1');
      expect(await store.getSession('s1')).toBeNull();
    });

    it('counts hits in a window and starts over after it', async () => {
      const key = uid('login');
      // A window long enough that a loaded CI machine cannot let it lapse between two calls.
      expect(await store.hit(key, 1_000)).toBe(1);
      expect(await store.hit(key, 1_000)).toBe(2);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await store.hit(key, 1_000)).toBe(1);
    });
  });
}
