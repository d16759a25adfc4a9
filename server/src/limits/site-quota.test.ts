import { createHmac } from 'node:crypto';
import type { Ack, VisitorMessageSendResult } from '@introserv/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedIdentityText } from '../chat/identity.js';
import type { Stores } from '../stores.js';
import { storeBackends } from '../testing/store-backends.js';
import { connected, helloPayload, startTestApp, type TestApp, type VisitorSocket } from '../testing/test-app.js';

const backends = storeBackends('sitequota');
const SECRET = 'identity-secret-0123456789';

/**
 * The attack from the security pass: many addresses spend the site's conversation quota in
 * seconds. A site-wide quota must cap what that costs, not turn the chat off for everyone.
 */
describe.each(backends)('a spent site quota is a cap, not an outage (%s)', (_name, makeStores) => {
  let t: TestApp;
  let stores: Stores;
  let n = 0;
  const sockets: VisitorSocket[] = [];
  beforeAll(async () => {
    stores = makeStores();
    t = await startTestApp(
      stores,
      {
        TRUST_PROXY: '1',
        IDENTITY_SECRET: SECRET,
        QUOTA_CONVERSATIONS_PER_SITE_HOUR: '40',
        QUOTA_CONVERSATIONS_PER_IP_HOUR: '10',
        QUOTA_QUEUED_PER_IP: '3',
        // Before this fix, a site-wide message quota refused people already chatting.
        QUOTA_MESSAGES_PER_SITE_MINUTE: '100',
        MAX_CONNECTIONS_PER_IP: '100',
      },
      // Messages counted at once, not in batches: no test waits for a batch.
      (c) => ({ ...c, timings: { ...c.timings, quotaBatchMs: 0 } }),
    );
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.close());

  /** A new visitor (new token) from `address`, said hello; `over` goes into the hello. */
  async function visitorFrom(address: string, over: Record<string, unknown> = {}): Promise<VisitorSocket> {
    const s = t.visitor({ 'x-forwarded-for': address });
    sockets.push(s);
    await connected(s);
    const hello = await s.emitWithAck('hello', helloPayload(over));
    if (!hello.ok) throw new Error(`hello refused: ${hello.error.code}`);
    return s;
  }
  const send = (s: VisitorSocket, text = 'hello'): Promise<Ack> => s.emitWithAck('message:send', { id: `sq-${++n}-${Date.now()}`, text });
  const code = (ack: Ack) => (ack.ok ? 'ok' : ack.error.code);

  it('keeps serving who is chatting, who is verified, and who has not chatted yet, once 40 addresses spent the quota', async () => {
    // A visitor chatting since before the attack.
    const chatting = await visitorFrom('203.0.113.10');
    expect(code(await send(chatting, 'I need help with my server'))).toBe('ok');

    // 40 addresses: a conversation each, then messages, until the site's quota is spent.
    const attackers = await Promise.all(Array.from({ length: 40 }, (_, i) => visitorFrom(`198.51.100.${i + 1}`)));
    const first = await Promise.all(attackers.map((s) => send(s, 'spam')));
    // Each address's first conversation is admitted, even the one that spent the quota.
    expect(first.filter((a) => a.ok).length).toBe(40);
    for (let round = 0; round < 3; round++) await Promise.all(attackers.map((s) => send(s, 'more spam')));
    // A second conversation from an attacking address: the site's quota is spent.
    const again = await visitorFrom('198.51.100.1');
    expect(code(await send(again, 'spam'))).toBe('RATE_LIMITED');

    // Someone already chatting keeps writing.
    expect(code(await send(chatting, 'Are you there?'))).toBe('ok');
    // A verified Client Area user opens a chat, even from an address that has opened one.
    const hash = createHmac('sha256', SECRET).update(signedIdentityText({ userId: '42' })).digest('hex');
    const verified = await visitorFrom('198.51.100.2', { identity: { userId: '42', hash } });
    expect(code(await send(verified, 'My order #123456 is down'))).toBe('ok');
    // An address that has not opened a conversation in the window gets its first…
    const fresh = await visitorFrom('203.0.113.77');
    expect(code(await send(fresh, 'Hello, a question about pricing'))).toBe('ok');
    // …and only its first.
    const freshAgain = await visitorFrom('203.0.113.77');
    expect(code(await send(freshAgain, 'spam'))).toBe('RATE_LIMITED');
  });

  it('counts an IPv6 client per /64: two addresses in one /64 share a quota', async () => {
    const a = await visitorFrom('2001:db8:1:2::a');
    expect(code(await send(a, 'hi'))).toBe('ok');
    // The site quota is spent (test above); the /64 has had its first conversation.
    const b = await visitorFrom('2001:db8:1:2:ffff::b');
    expect(code(await send(b, 'hi'))).toBe('RATE_LIMITED');
    const elsewhere = await visitorFrom('2001:db8:1:3::a');
    expect(code(await send(elsewhere, 'hi'))).toBe('ok');
  });
});

describe.each(backends)('conversations waiting per address (%s)', (_name, makeStores) => {
  let t: TestApp;
  const sockets: VisitorSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp(makeStores(), { TRUST_PROXY: '1', QUOTA_QUEUED_PER_IP: '3' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });
  let n = 0;
  async function opened(address: string): Promise<{ socket: VisitorSocket; ack: Ack<VisitorMessageSendResult> }> {
    const socket = t.visitor({ 'x-forwarded-for': address });
    sockets.push(socket);
    await connected(socket);
    await socket.emitWithAck('hello', helloPayload());
    const ack = await socket.emitWithAck('message:send', { id: `queued-${++n}-0000`, text: 'waiting' });
    return { socket, ack };
  }

  it('lets one address have at most QUOTA_QUEUED_PER_IP chats waiting, and frees a place when one is taken or closed', async () => {
    const waiting = [await opened('198.51.100.50'), await opened('198.51.100.50'), await opened('198.51.100.50')];
    expect(waiting.every((w) => w.ack.ok)).toBe(true);
    const fourth = await opened('198.51.100.50');
    expect(fourth.ack.ok ? 'ok' : fourth.ack.error.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect((await opened('198.51.100.51')).ack.ok).toBe(true);

    // An operator takes one: a place is free again. (Routing gives this operator nothing by itself.)
    const op = await t.operator({ name: 'Ana', autoAssign: false });
    const first = waiting[0]?.ack;
    if (!first?.ok) throw new Error('not opened');
    const opSocket = op.socket();
    await connected(opSocket);
    expect((await opSocket.emitWithAck('conversation:accept', { conversationId: first.message.conversationId })).ok).toBe(true);
    await expect.poll(async () => (await opened('198.51.100.50')).ack.ok).toBe(true);
    expect((await opened('198.51.100.50')).ack.ok).toBe(false);

    // Messages sent at once before the first was answered open one conversation and take one place.
    const eager = t.visitor({ 'x-forwarded-for': '198.51.100.52' });
    sockets.push(eager);
    await connected(eager);
    await eager.emitWithAck('hello', helloPayload());
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => eager.emitWithAck('message:send', { id: `eager-${i}-000000`, text: `part ${i}` })));
    expect(burst.every((a) => a.ok)).toBe(true);
    expect(new Set(burst.map((a) => (a.ok ? a.message.conversationId : null))).size).toBe(1);
    expect((await opened('198.51.100.52')).ack.ok).toBe(true);
    expect((await opened('198.51.100.52')).ack.ok).toBe(true);
    expect((await opened('198.51.100.52')).ack.ok).toBe(false);

    // The visitor closes one that waits: another place.
    const second = waiting[1];
    if (!second?.ack.ok) throw new Error('not opened');
    expect((await second.socket.emitWithAck('conversation:close', { conversationId: second.ack.message.conversationId })).ok).toBe(true);
    await expect.poll(async () => (await opened('198.51.100.50')).ack.ok).toBe(true);
    opSocket.disconnect();
  });
});
