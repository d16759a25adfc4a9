import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@introserv/shared';
import { createLogger } from '../logger.js';
import { RoutingService } from '../routing/routing.service.js';
import { createMemoryStores } from '../stores.js';
import { saveOperator } from '../testing/store-fixtures.js';
import type { Broadcaster } from './broadcaster.js';
import { ChatService } from './chat.service.js';

function setup(timings: { visitorGraceMs: number; idleCloseMs: number; identitySecret?: string } = { visitorGraceMs: 1_000, idleCloseMs: 60_000 }) {
  /** The chat's clock: tests move it instead of waiting. */
  const clock = { now: Date.now() };
  const stores = createMemoryStores();
  const events: string[] = [];
  const broadcaster: Broadcaster = {
    messageCreated: (m) => events.push(m.kind === 'system' ? `event:${m.event?.type}` : `message:${m.id}`),
    conversationUpdated: (c) => events.push(`updated:${c.status}${c.visitor.online ? '' : ':visitor-left'}`),
    conversationTouched: (c) => events.push(`touched:${c.status}`),
    conversationAssigned: (c) => events.push(`assigned:${c.operator?.name}`),
    operatorLeft: (c, op) => events.push(`left:${c}:${op}`),
    visitorOpened: () => events.push('opened'),
    visitorTyping: (u) => events.push(`visitor-typing:${u.typing}`),
    operatorTyping: (u) => events.push(`operator-typing:${u.typing}`),
    receiptsUpdated: (u) => events.push(`receipts:${u.read ?? ''}`),
  };
  const log = createLogger('silent');
  const routing = new RoutingService(stores, log, { graceMs: 0, leaseMs: 15_000, defaultCapacity: 5 });
  const chat = new ChatService(stores, routing, broadcaster, log, { identitySecret: undefined, ...timings }, () => clock.now);
  routing.listen(chat);
  return { stores, chat, events, clock };
}

const hello = {
  siteId: 'introserv',
  visitorToken: null,
  language: 'ru' as const,
  page: { url: 'https://introserv.com/', title: 'INTROSERV' },
  timeZone: 'Europe/Moscow',
};

describe('ChatService', () => {
  it('shows a returning visitor the latest page of a long conversation, and what came after a cursor', async () => {
    const { chat } = setup();
    const first = await chat.hello(hello);
    const total = LIMITS.historyPageMax + 25;
    for (let i = 0; i < total; i++) await chat.visitorSend(first.connection, { id: `long-msg-${String(i).padStart(4, '0')}`, text: `m${i}` });

    const back = await chat.hello({ ...hello, visitorToken: first.result.visitorToken });
    expect(back.result.messages).toHaveLength(LIMITS.historyPageMax);
    expect(back.result.messages.at(-1)?.text).toBe(`m${total - 1}`);
    expect(back.result.messages[0]?.text).toBe(`m${total - LIMITS.historyPageMax}`);

    const since = back.result.messages.at(-3)!.cursor;
    const caughtUp = await chat.hello({ ...hello, visitorToken: first.result.visitorToken, since });
    expect(caughtUp.result.messages.map((m) => m.text)).toEqual([`m${total - 2}`, `m${total - 1}`]);
  });

  it('opens, routes, records the assignment, then tells the room, in that order; a resend tells the room again', async () => {
    const { chat, stores, events } = setup();
    const ana = await saveOperator(stores, { name: 'Ana' });
    await stores.presence.operatorConnected(ana.id);
    const { connection } = await chat.hello(hello);
    await chat.visitorSend(connection, { id: 'order-msg-0001', text: 'Здравствуйте' });
    expect(events).toEqual(['opened', 'assigned:Ana', 'event:assigned', 'message:order-msg-0001', 'touched:assigned']);
    events.length = 0;
    // Stored once, told again: the first telling may have died with a process or a Redis primary
    // between the write and the ack (clients merge by id); nothing else happens twice.
    await chat.visitorSend(connection, { id: 'order-msg-0001', text: 'Здравствуйте' });
    expect(events).toEqual(['message:order-msg-0001', 'touched:assigned']);
  });

  it('records the close in both transcripts and opens a new conversation when the visitor writes after it', async () => {
    const { chat, stores } = setup();
    const ana = await saveOperator(stores, { name: 'Ana' });
    const { connection, result } = await chat.hello(hello);
    const first = await chat.visitorSend(connection, { id: 'close-msg-0001', text: 'one' });
    await chat.accept(ana, first.conversation.id);
    await chat.close(ana, first.conversation.id);
    // What the operator sees and what the visitor sees on their next visit.
    const operatorView = await chat.messages(first.conversation.id, undefined);
    const visitorView = (await chat.hello({ ...hello, visitorToken: result.visitorToken })).result.messages;
    // Operators also see that it waited in its department's queue; the visitor does not.
    expect(operatorView[0]?.event).toEqual({ type: 'queued', department: 'general' });
    for (const view of [operatorView.slice(1), visitorView]) {
      expect(view.map((m) => (m.kind === 'system' ? m.event : m.text))).toEqual([
        'one',
        { type: 'assigned', operator: { id: ana.id, name: 'Ana' } },
        { type: 'closed', by: 'operator', operator: { id: ana.id, name: 'Ana' } },
      ]);
    }
    const second = await chat.visitorSend(connection, { id: 'close-msg-0002', text: 'two' });
    expect(second.opened).toBe(true);
    expect(second.conversation.id).not.toBe(first.conversation.id);
    expect(second.conversation.status).toBe('queued');
  });

  it('refuses an operator’s message to a conversation closed meanwhile, and to a colleague’s', async () => {
    const { chat, stores } = setup();
    const ana = await saveOperator(stores, { name: 'Ana' });
    const bo = await saveOperator(stores, { name: 'Bo' });
    const { connection } = await chat.hello(hello);
    const { conversation } = await chat.visitorSend(connection, { id: 'guard-msg-0001', text: 'hi' });
    await chat.accept(ana, conversation.id);
    await expect(chat.operatorSend(bo, { conversationId: conversation.id, id: 'guard-msg-0002', text: 'mine now' })).rejects.toMatchObject({ code: 'CONVERSATION_TAKEN' });
    await chat.close(ana, conversation.id);
    await expect(chat.operatorSend(ana, { conversationId: conversation.id, id: 'guard-msg-0003', text: 'one more thing' })).rejects.toMatchObject({ code: 'CONVERSATION_CLOSED' });
  });

  it('shows operators a visitor who left after the grace period, and closes the chat after the idle time, freeing the slot', async () => {
    const { chat, stores, events, clock } = setup({ visitorGraceMs: 1_000, idleCloseMs: 30 * 60_000 });
    const ana = await saveOperator(stores, { name: 'Ana', capacity: 1 });
    await stores.presence.operatorConnected(ana.id);
    const { connection } = await chat.hello(hello);
    await chat.visitorArrived(connection.visitorId);
    const { conversation } = await chat.visitorSend(connection, { id: 'idle-msg-00001', text: 'brb' });
    expect(await stores.routing.load(ana.id)).toBe(1);
    events.length = 0;

    const left = clock.now;
    await chat.visitorDeparted(connection.visitorId);
    await chat.sweepVisitors(left + 500);
    expect(events).toEqual([]); // within the reload grace
    await chat.sweepVisitors(left + 1_000);
    expect(events).toEqual(['updated:assigned:visitor-left']);
    await chat.sweepVisitors(left + 29 * 60_000);
    expect((await stores.conversations.get(conversation.id))?.status).toBe('assigned');
    await chat.sweepVisitors(left + 30 * 60_000 + 1);
    expect(await stores.conversations.get(conversation.id)).toMatchObject({ status: 'closed' });
    expect((await chat.messages(conversation.id, undefined)).at(-1)).toMatchObject({ kind: 'system', event: { type: 'closed', by: 'idle' } });
    expect(await stores.routing.load(ana.id)).toBe(0);
  });

  it('keeps the chat of a visitor who came back before the idle time', async () => {
    const { chat, stores, clock } = setup({ visitorGraceMs: 0, idleCloseMs: 60_000 });
    const { connection } = await chat.hello(hello);
    await chat.visitorArrived(connection.visitorId);
    const { conversation } = await chat.visitorSend(connection, { id: 'back-msg-00001', text: 'hello' });
    const left = clock.now;
    await chat.visitorDeparted(connection.visitorId);
    await chat.sweepVisitors(left);
    expect((await stores.conversations.get(conversation.id))?.visitor.online).toBe(false);
    await chat.visitorArrived(connection.visitorId);
    expect((await stores.conversations.get(conversation.id))?.visitor.online).toBe(true);
    await chat.sweepVisitors(left + 120_000);
    expect((await stores.conversations.get(conversation.id))?.status).toBe('queued');
  });

  it('takes pre-chat answers, a proved identity over them, refuses a wrong hash, and tells operators', async () => {
    const secret = 'introserv-site-secret';
    const { chat, stores, events } = setup({ visitorGraceMs: 1_000, idleCloseMs: 60_000, identitySecret: secret });
    const first = await chat.hello({ ...hello, profile: { name: 'Ana K', email: 'ana@example.com' } });
    expect(first.result.identity).toBeNull();
    expect(first.connection.visitor).toMatchObject({ name: 'Ana K', email: 'ana@example.com', verified: false, userId: null });
    const { conversation } = await chat.visitorSend(first.connection, { id: 'prof-msg-00001', text: 'hi' });
    expect(conversation.visitor).toMatchObject({ name: 'Ana K', verified: false });

    events.length = 0;
    const hash = createHmac('sha256', secret).update('4242\0Ana Kovač\0').digest('hex');
    const proved = await chat.hello({ ...hello, visitorToken: first.result.visitorToken, identity: { userId: '4242', name: 'Ana Kovač', hash } });
    expect(proved.result.identity).toBe('verified');
    // Exactly what was signed: the form's e-mail is not the account's, so it goes.
    expect((await stores.conversations.get(conversation.id))?.visitor).toMatchObject({ name: 'Ana Kovač', email: null, verified: true, userId: '4242' });
    expect(events).toEqual(['updated:queued']);

    // A verified visitor's name is not overwritten by a form; a wrong hash takes the verification away.
    await chat.hello({ ...hello, visitorToken: first.result.visitorToken, profile: { name: 'Mallory' } });
    expect((await stores.visitors.get(first.connection.visitorId))?.name).toBe('Ana Kovač');
    const forged = await chat.hello({ ...hello, visitorToken: first.result.visitorToken, identity: { userId: '1', hash: 'ab'.repeat(32) } });
    expect(forged.result.identity).toBe('refused');
    expect((await stores.conversations.get(conversation.id))?.visitor).toMatchObject({ verified: false, userId: null });
  });

  it('never shows a name or e-mail the hash did not sign as verified, whatever came before', async () => {
    const secret = 'introserv-site-secret';
    const { chat } = setup({ visitorGraceMs: 1_000, idleCloseMs: 60_000, identitySecret: secret });
    const sign = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
    // The attacker's own Client Area account (user 42) has a valid hash for the user id alone.
    const forged = await chat.hello({ ...hello, identity: { userId: '42', name: 'INTROSERV Billing', email: 'billing@introserv.com', hash: sign('42') } });
    expect(forged.result.identity).toBe('refused');
    expect(forged.connection.visitor).toMatchObject({ name: null, email: null, verified: false, userId: null });
    const { conversation } = await chat.visitorSend(forged.connection, { id: 'forged-id-m-001', text: 'pay here' });
    expect(conversation.visitor).toMatchObject({ name: null, email: null, verified: false });

    // Pre-chat answers, then the account's signed hash without a name: the typed name is not the account's.
    const typed = await chat.hello({ ...hello, profile: { name: 'INTROSERV Billing', email: 'billing@introserv.com' } });
    const proved = await chat.hello({ ...hello, visitorToken: typed.result.visitorToken, identity: { userId: '42', hash: sign('42\0\0') } });
    expect(proved.result.identity).toBe('verified');
    expect(proved.connection.visitor).toMatchObject({ name: null, email: null, verified: true, userId: '42' });
  });

  it('opens the conversation in the department the visitor chose, if it exists, and says whether an operator is there', async () => {
    const { chat, stores } = setup();
    const alone = await chat.hello({ ...hello, department: 'financial' });
    expect(alone.result.operatorsOnline).toBe(false);
    expect((await chat.visitorSend(alone.connection, { id: 'dept-msg-00001', text: 'invoice?' })).conversation.department).toBe('financial');
    const ana = await saveOperator(stores, { name: 'Ana' });
    await stores.presence.operatorConnected(ana.id);
    const unknown = await chat.hello({ ...hello, department: 'no-such-dept' });
    expect(unknown.result.operatorsOnline).toBe(true);
    expect((await chat.visitorSend(unknown.connection, { id: 'dept-msg-00002', text: 'hi' })).conversation.department).toBe('general');
    expect((await stores.visitors.pages(alone.connection.visitorId, 5)).map((p) => p.url)).toEqual(['https://introserv.com/']);
  });
});
