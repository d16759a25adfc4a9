import { describe, expect, it } from 'vitest';
import { LIMITS } from '@introserv/shared';
import { createLogger } from '../logger.js';
import type { Broadcaster } from '../realtime/broadcaster.js';
import { Router } from '../routing/router.js';
import { MemoryStore } from '../store/memory.store.js';
import { ChatService } from './chat.service.js';

function setup() {
  const store = new MemoryStore();
  const events: string[] = [];
  const broadcaster: Broadcaster = {
    messageCreated: (m) => events.push(`message:${m.id}`),
    conversationUpdated: (c) => events.push(`updated:${c.status}`),
    conversationTouched: (c) => events.push(`touched:${c.status}`),
    conversationAssigned: (c) => events.push(`assigned:${c.operator?.name}`),
    visitorOpened: () => events.push('opened'),
  };
  const log = createLogger('silent');
  const chat = new ChatService(store, new Router(store, broadcaster, log, { graceMs: 0, leaseMs: 15_000 }), broadcaster, log);
  return { store, chat, events };
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
    for (let i = 0; i < total; i++) await chat.visitorSend(first.session, { id: `long-msg-${String(i).padStart(4, '0')}`, text: `m${i}` });

    const back = await chat.hello({ ...hello, visitorToken: first.result.visitorToken });
    expect(back.result.messages).toHaveLength(LIMITS.historyPageMax);
    expect(back.result.messages.at(-1)?.text).toBe(`m${total - 1}`);
    expect(back.result.messages[0]?.text).toBe(`m${total - LIMITS.historyPageMax}`);

    const since = back.result.messages.at(-3)!.cursor;
    const caughtUp = await chat.hello({ ...hello, visitorToken: first.result.visitorToken, since });
    expect(caughtUp.result.messages.map((m) => m.text)).toEqual([`m${total - 2}`, `m${total - 1}`]);
  });

  it('opens, routes, then tells the room, in that order, and a resend tells nobody', async () => {
    const { chat, store, events } = setup();
    await store.saveOperator({ id: 'op1', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: 2, passwordHash: 'x' });
    await store.operatorConnected('op1', 2);
    const { session } = await chat.hello(hello);
    await chat.visitorSend(session, { id: 'order-msg-0001', text: 'Здравствуйте' });
    expect(events).toEqual(['opened', 'assigned:Ana', 'message:order-msg-0001', 'touched:assigned']);
    events.length = 0;
    await chat.visitorSend(session, { id: 'order-msg-0001', text: 'Здравствуйте' });
    expect(events).toEqual([]);
  });

  it('opens a new conversation when the visitor writes after the operator closed it', async () => {
    const { chat, store } = setup();
    await store.saveOperator({ id: 'op1', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: 2, passwordHash: 'x' });
    const { session } = await chat.hello(hello);
    const first = await chat.visitorSend(session, { id: 'close-msg-0001', text: 'one' });
    const ana = (await store.getOperator('op1'))!;
    await chat.accept(ana, first.conversation.id);
    await chat.close(ana, first.conversation.id);
    const second = await chat.visitorSend(session, { id: 'close-msg-0002', text: 'two' });
    expect(second.opened).toBe(true);
    expect(second.conversation.id).not.toBe(first.conversation.id);
    expect(second.conversation.status).toBe('queued');
  });
});
