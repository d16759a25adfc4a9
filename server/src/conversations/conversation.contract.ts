import { compareCursor, type Message } from '@introserv/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import { availableOperator, newConversation, openConversation, uid, type StoresFactory } from '../testing/store-fixtures.js';
import { DEFAULT_DEPARTMENT } from '@introserv/shared';
import type { NewMessage } from './conversation.store.js';

const visitorText = (conversationId: string, id: string, text = 'x') => ({ conversationId, id, kind: 'text' as const, author: { kind: 'visitor' as const }, text });

export function conversationContract(makeStores: StoresFactory): void {
  describe('ConversationStore: first response', () => {
    it('says which append is the first text an operator wrote', async () => {
      const stores = await makeStores();
      const c = await openConversation(stores);
      expect(await stores.routing.queueLength(DEFAULT_DEPARTMENT)).toBe(1);
      const op = { kind: 'operator', id: 'op1', name: 'Ana' } as const;
      const send = (id: string, author: NewMessage['author'], kind: NewMessage['kind'] = 'text') =>
        stores.conversations.append({ conversationId: c.id, id, kind, author, text: 'x' });
      expect(await send('fr-visitor-1', { kind: 'visitor' })).toMatchObject({ ok: true, firstReply: false });
      expect(await send('fr-note-0001', op, 'note')).toMatchObject({ ok: true, firstReply: false });
      expect(await send('fr-op-00001', op)).toMatchObject({ ok: true, firstReply: true });
      expect(await send('fr-op-00002', op)).toMatchObject({ ok: true, firstReply: false });
    });
  });

  describe('ConversationStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('opens one conversation per visitor until it is closed', async () => {
      await stores.visitors.create('hash-a', 'va');
      const first = await stores.conversations.open(newConversation('va', { now: 1_000 }));
      expect(first.created).toBe(true);
      expect(first.conversation).toMatchObject({ status: 'queued', language: 'de', operator: null, lastMessage: null, visitor: { id: 'va', online: true, seenAt: 1_000 } });
      const again = await stores.conversations.open(newConversation('va'));
      expect(again).toMatchObject({ created: false, conversation: { id: first.conversation.id } });
      expect((await stores.visitors.findByToken('hash-a'))?.conversationId).toBe(first.conversation.id);
      await stores.conversations.close({ conversationId: first.conversation.id, eventId: 'sys-close-1', by: 'operator', operator: null, now: 2_000 });
      const next = await stores.conversations.open(newConversation('va'));
      expect(next.created).toBe(true);
      expect(next.conversation.id).not.toBe(first.conversation.id);
    });

    it('opens at most one conversation when a visitor races itself', async () => {
      await stores.visitors.create('hash-r', 'vr');
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => stores.conversations.open(newConversation('vr'))));
      expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('appends messages once per client id, in cursor order, and replays after a cursor', async () => {
      const c = await openConversation(stores);
      const a = await stores.conversations.append(visitorText(c.id, 'msg-aaaaaaaa', 'Hello'));
      const b = await stores.conversations.append({ conversationId: c.id, id: 'msg-bbbbbbbb', kind: 'text', author: { kind: 'operator', id: 'op1', name: 'Ana' }, text: 'Hi!' });
      const again = await stores.conversations.append(visitorText(c.id, 'msg-aaaaaaaa', 'Hello (resent)'));
      if (!a.ok || !b.ok) throw new Error('append failed');
      expect(a.created).toBe(true);
      expect(again).toMatchObject({ ok: true, created: false, message: a.message });
      expect(b.conversation.lastMessage).toMatchObject({ text: 'Hi!', authorKind: 'operator', kind: 'text' });
      expect(b.message).toMatchObject({ kind: 'text', author: { kind: 'operator', id: 'op1', name: 'Ana' }, text: 'Hi!', conversationId: c.id });
      const all = await stores.conversations.messagesAfter(c.id, undefined, 50);
      expect(all.map((m) => m.id)).toEqual(['msg-aaaaaaaa', 'msg-bbbbbbbb']);
      expect(all[0]?.cursor).toMatch(/^\d+-\d+$/);
      expect(await stores.conversations.messagesAfter(c.id, all[0]?.cursor, 50)).toEqual([all[1]]);
      expect(await stores.conversations.messagesAfter(c.id, all[1]?.cursor, 50)).toEqual([]);
      expect((await stores.conversations.get(c.id))?.lastMessage).toMatchObject({ text: 'Hi!', authorKind: 'operator' });
    });

    it('keeps notes and system events apart in the preview: a note shows as one, an event does not change it', async () => {
      const c = await openConversation(stores);
      await stores.conversations.append(visitorText(c.id, 'msg-visitor-1', 'Server down'));
      const note = await stores.conversations.append({ conversationId: c.id, id: 'msg-note-0001', kind: 'note', author: { kind: 'operator', id: 'op1', name: 'Ana' }, text: 'check the switch' });
      expect(note.ok && note.conversation.lastMessage).toMatchObject({ text: 'check the switch', kind: 'note' });
      const event = await stores.conversations.append({
        conversationId: c.id,
        id: 'sys-event-0001',
        kind: 'system',
        author: { kind: 'system' },
        text: '',
        event: { type: 'reopened', operator: { id: 'op1', name: 'Ana' } },
      });
      expect(event.ok && event.message).toMatchObject({ kind: 'system', event: { type: 'reopened', operator: { id: 'op1', name: 'Ana' } } });
      expect(event.ok && event.conversation.lastMessage).toMatchObject({ text: 'check the switch', kind: 'note' });
    });

    it('cuts previews by characters, never inside a character', async () => {
      const c = await openConversation(stores);
      // 3 UTF-8 bytes, a surrogate pair, and an emoji of five code points joined: each one character.
      const text = '€'.repeat(150) + '😀'.repeat(30) + '👩‍💻'.repeat(100);
      const sent = await stores.conversations.append(visitorText(c.id, 'msg-long-0001', text));
      expect(sent.ok && sent.conversation.lastMessage?.text).toBe('€'.repeat(150) + '😀'.repeat(30) + '👩‍💻'.repeat(20));
    });

    it('stores concurrent resends of one message once', async () => {
      const c = await openConversation(stores);
      const sends = await Promise.all(Array.from({ length: 8 }, () => stores.conversations.append(visitorText(c.id, 'msg-dupdupdup'))));
      expect(sends.filter((s) => s.ok && s.created)).toHaveLength(1);
      expect(await stores.conversations.messagesAfter(c.id, undefined, 50)).toHaveLength(1);
    });

    it('refuses to append to a conversation that does not exist', async () => {
      expect(await stores.conversations.append(visitorText('nope', 'msg-12345678'))).toEqual({ ok: false, reason: 'not_found' });
    });

    it('refuses new messages to a closed conversation when asked to, but still answers resends', async () => {
      const c = await openConversation(stores);
      const first = await stores.conversations.append({ ...visitorText(c.id, 'msg-before-close'), onlyIfOpen: true });
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 5 });
      const resend = await stores.conversations.append({ ...visitorText(c.id, 'msg-before-close'), onlyIfOpen: true });
      expect(resend).toMatchObject({ ok: true, created: false, message: first.ok ? first.message : {}, conversation: { status: 'closed' } });
      expect(await stores.conversations.append({ ...visitorText(c.id, 'msg-after-close'), onlyIfOpen: true })).toEqual({ ok: false, reason: 'closed' });
    });

    it('refuses an operator message to a conversation another operator has, but not to an admin', async () => {
      const ana = await availableOperator(stores);
      const c = await openConversation(stores);
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, { now: 1, eventId: 'sys-accept-001' });
      const bo = { kind: 'operator' as const, id: 'op-bo', name: 'Bo' };
      expect(await stores.conversations.append({ conversationId: c.id, id: 'msg-bo-000001', kind: 'text', author: bo, text: 'x', onlyIfAssignedTo: { operatorId: 'op-bo', admin: false } })).toEqual({
        ok: false,
        reason: 'not_assigned',
      });
      expect((await stores.conversations.append({ conversationId: c.id, id: 'msg-admin-0001', kind: 'text', author: bo, text: 'x', onlyIfAssignedTo: { operatorId: 'op-bo', admin: true } })).ok).toBe(true);
      expect((await stores.conversations.append({ conversationId: c.id, id: 'msg-ana-00001', kind: 'text', author: { ...bo, id: ana.id }, text: 'x', onlyIfAssignedTo: { operatorId: ana.id, admin: false } })).ok).toBe(true);
    });

    it('closes once, recording who closed it in the history, and frees the operator’s slot', async () => {
      const ana = await availableOperator(stores, { capacity: 1 });
      const c = await openConversation(stores);
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, { now: 1, eventId: 'sys-accept-001' });
      expect(await stores.routing.load(ana.id)).toBe(1);
      const closed = await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0001', by: 'operator', operator: { id: ana.id, name: ana.name }, now: 10 });
      expect(closed).toMatchObject({
        ok: true,
        freedOperatorId: ana.id,
        conversation: { status: 'closed' },
        message: { id: 'sys-close-0001', kind: 'system', event: { type: 'closed', by: 'operator', operator: { id: ana.id, name: ana.name } } },
      });
      expect(await stores.routing.load(ana.id)).toBe(0);
      expect(await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0002', by: 'operator', operator: null, now: 11 })).toEqual({ ok: false, reason: 'closed' });
      expect(await stores.conversations.close({ conversationId: 'nope', eventId: 'sys-close-0003', by: 'operator', operator: null, now: 11 })).toEqual({ ok: false, reason: 'not_found' });
      const history = await stores.conversations.messagesAfter(c.id, undefined, 10);
      expect(history.map((m) => m.event?.type)).toEqual(['assigned', 'closed']);
    });

    it('refuses an operator’s close while a colleague has the conversation', async () => {
      const ana = await availableOperator(stores);
      const c = await openConversation(stores);
      await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, { now: 1, eventId: 'sys-accept-001' });
      const bo = { operatorId: 'op-bo', admin: false };
      expect(await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 2, onlyIfAssignedTo: bo })).toEqual({
        ok: false,
        reason: 'taken',
      });
      expect((await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 2, onlyIfAssignedTo: { ...bo, admin: true } })).ok).toBe(true);
    });

    it('never stores an operator message after the close that raced it', async () => {
      const ana = await availableOperator(stores, { capacity: 50 });
      for (let round = 0; round < 20; round++) {
        const c = await openConversation(stores);
        await stores.routing.accept(c.id, { id: ana.id, name: ana.name }, { now: round, eventId: 'sys-accept-001' });
        const [sent, closed] = await Promise.all([
          stores.conversations.append({
            conversationId: c.id,
            id: `msg-race-${String(round).padStart(4, '0')}`,
            kind: 'text',
            author: { kind: 'operator', id: ana.id, name: ana.name },
            text: 'on my way',
            onlyIfOpen: true,
            onlyIfAssignedTo: { operatorId: ana.id, admin: false },
          }),
          stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0001', by: 'visitor', operator: null, now: round + 1 }),
        ]);
        expect(closed.ok).toBe(true);
        const history = await stores.conversations.messagesAfter(c.id, undefined, 10);
        const closedAt = history.findIndex((m) => m.event?.type === 'closed');
        if (sent.ok) expect(history.findIndex((m) => m.id === sent.message.id)).toBeLessThan(closedAt);
        else expect(sent.reason).toBe('closed');
        expect(history.slice(closedAt + 1).filter((m: Message) => m.kind === 'text')).toEqual([]);
      }
    });

    it('keeps messages cursor-ordered and pages with a limit', async () => {
      const c = await openConversation(stores);
      for (let i = 0; i < 12; i++) await stores.conversations.append(visitorText(c.id, `msg-page-${String(i).padStart(3, '0')}`, `m${i}`));
      const first = await stores.conversations.messagesAfter(c.id, undefined, 5);
      const rest = await stores.conversations.messagesAfter(c.id, first.at(-1)?.cursor, 50);
      expect([...first, ...rest].map((m) => m.text)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
      for (let i = 1; i < rest.length; i++) expect(compareCursor(rest[i - 1]!.cursor, rest[i]!.cursor)).toBeLessThan(0);
      expect((await stores.conversations.recentMessages(c.id, 3)).map((m) => m.text)).toEqual(['m9', 'm10', 'm11']);
      expect(await stores.conversations.recentMessages(c.id, 50)).toHaveLength(12);
      expect(await stores.conversations.recentMessages('nope', 5)).toEqual([]);
    });

    it('lists an operator’s assigned conversations, not the closed or taken ones', async () => {
      const a = await availableOperator(stores, { capacity: 5 });
      const b = await availableOperator(stores, { capacity: 5 });
      const [c1, c2, c3] = [await openConversation(stores), await openConversation(stores), await openConversation(stores)];
      const ev = { now: 1, eventId: 'sys-accept-001' };
      await stores.routing.accept(c1.id, { id: a.id, name: a.name }, ev);
      await stores.routing.accept(c2.id, { id: a.id, name: a.name }, ev);
      await stores.routing.accept(c3.id, { id: b.id, name: b.name }, ev);
      await stores.conversations.close({ conversationId: c2.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 2 });
      expect((await stores.conversations.ofOperator(a.id)).map((c) => c.id)).toEqual([c1.id]);
      expect((await stores.conversations.ofOperator(b.id)).map((c) => c.id)).toEqual([c3.id]);
      expect(await stores.conversations.ofOperator('nobody')).toEqual([]);
    });

    it('lists open conversations by status however many closed ones came before', async () => {
      const open = await openConversation(stores);
      for (let i = 0; i < 60; i++) {
        await stores.conversations.close({ conversationId: (await openConversation(stores)).id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 3 });
      }
      expect((await stores.conversations.list({ status: 'queued', limit: 5 })).map((c) => c.id)).toEqual([open.id]);
      expect(await stores.conversations.list({ status: 'closed', limit: 100 })).toHaveLength(60);
    });

    it('lists conversations newest first, filtered by status', async () => {
      const c1 = await openConversation(stores, { now: 1_000 });
      const c2 = await openConversation(stores, { now: 2_000 });
      await stores.conversations.close({ conversationId: c1.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 5 });
      const all = await stores.conversations.list({ limit: 10 });
      expect(all.map((c) => c.id).slice(0, 2)).toEqual([c2.id, c1.id]);
      expect((await stores.conversations.list({ status: 'closed', limit: 10 })).map((c) => c.id)).toEqual([c1.id]);
      expect(await stores.conversations.list({ limit: 1 })).toHaveLength(1);
    });

    it('follows the visitor leaving and coming back, and offers conversations idle since a time', async () => {
      const visitorId = uid('v');
      await stores.visitors.create(uid('token'), visitorId);
      const { conversation: c } = await stores.conversations.open(newConversation(visitorId, { now: 1_000 }));
      expect(await stores.conversations.idleSince(10_000, 10)).toEqual([]);
      expect(await stores.conversations.setVisitorOnline(visitorId, false, 2_000)).toMatchObject({ id: c.id, visitor: { online: false, seenAt: 2_000 } });
      expect(await stores.conversations.idleSince(2_000, 10)).toEqual([]);
      expect(await stores.conversations.idleSince(2_001, 10)).toEqual([c.id]);
      // The idle close checks again: a visitor back since then keeps the chat.
      await stores.conversations.setVisitorOnline(visitorId, true, 3_000);
      expect(await stores.conversations.idleSince(10_000, 10)).toEqual([]);
      expect(await stores.conversations.close({ conversationId: c.id, eventId: 'sys-idle-0001', by: 'idle', operator: null, now: 9_000, onlyIfVisitorLeftBefore: 2_500 })).toEqual({
        ok: false,
        reason: 'visitor_back',
      });
      await stores.conversations.setVisitorOnline(visitorId, false, 4_000);
      const closed = await stores.conversations.close({ conversationId: c.id, eventId: 'sys-idle-0001', by: 'idle', operator: null, now: 9_000, onlyIfVisitorLeftBefore: 4_500 });
      expect(closed).toMatchObject({ ok: true, message: { event: { type: 'closed', by: 'idle', operator: null } } });
      expect(await stores.conversations.idleSince(10_000, 10)).toEqual([]);
      // Nothing to follow once it is closed.
      expect(await stores.conversations.setVisitorOnline(visitorId, true, 10_000)).toBeNull();
    });

    it('keeps a conversation in its department, with who the visitor is and where they came from', async () => {
      const c = await openConversation(stores, {
        department: 'technical',
        visitor: { name: 'Ana', email: 'ana@example.com', verified: true, userId: '4242', userAgent: 'Mozilla/5.0', ip: '203.0.113.9', country: 'HR' },
      });
      expect(await stores.conversations.get(c.id)).toMatchObject({
        department: 'technical',
        visitor: { name: 'Ana', email: 'ana@example.com', verified: true, userId: '4242', userAgent: 'Mozilla/5.0', ip: '203.0.113.9', country: 'HR' },
      });
      expect((await openConversation(stores)).department).toBe(DEFAULT_DEPARTMENT);
    });

    it('updates the open conversation when the visitor’s profile changes, not a closed one', async () => {
      const visitorId = uid('v');
      await stores.visitors.create(uid('token'), visitorId);
      const { conversation: c } = await stores.conversations.open(newConversation(visitorId));
      const profile = { name: 'Bo', email: 'bo@example.com', verified: false, userId: null };
      expect((await stores.conversations.setVisitorProfile(visitorId, profile))?.visitor).toMatchObject(profile);
      expect((await stores.conversations.get(c.id))?.visitor).toMatchObject(profile);
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 2 });
      expect(await stores.conversations.setVisitorProfile(visitorId, { ...profile, name: 'X' })).toBeNull();
    });

    it('lists a visitor’s conversations, newest first', async () => {
      const visitorId = uid('v');
      await stores.visitors.create(uid('token'), visitorId);
      const first = (await stores.conversations.open(newConversation(visitorId, { now: 10 }))).conversation;
      await stores.conversations.close({ conversationId: first.id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 11 });
      const second = (await stores.conversations.open(newConversation(visitorId, { now: 20 }))).conversation;
      await openConversation(stores); // someone else's
      expect((await stores.conversations.ofVisitor(visitorId, 10)).map((c) => c.id)).toEqual([second.id, first.id]);
      expect((await stores.conversations.ofVisitor(visitorId, 1)).map((c) => c.id)).toEqual([second.id]);
      expect(await stores.conversations.ofVisitor('nobody', 10)).toEqual([]);
    });

    it('keeps a message’s attachments', async () => {
      const c = await openConversation(stores);
      const attachments = [{ id: 'f_0123456789abcdef', name: 'screen.png', type: 'image/png', size: 1234 }];
      const sent = await stores.conversations.append({ ...visitorText(c.id, 'msg-file-00001', 'see this'), attachments });
      expect(sent.ok && sent.message.attachments).toEqual(attachments);
      expect((await stores.conversations.messagesAfter(c.id, undefined, 5))[0]?.attachments).toEqual(attachments);
    });
  });
}
