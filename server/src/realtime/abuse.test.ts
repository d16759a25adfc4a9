import type { Ack, VisitorClientEvents, VisitorServerEvents } from '@introserv/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { helloPayload, startTestApp, type TestApp } from '../testing/test-app.js';

type Visitor = Socket<VisitorServerEvents, VisitorClientEvents>;

/** A visitor socket from `address` (the app trusts one proxy), without reconnecting by itself. */
function visitorFrom(t: TestApp, address: string): Visitor {
  return io(`${t.url}/visitor`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
}

/** Resolves true once connected, false when the server refused the handshake or the socket closed. */
function settle(socket: Visitor, ms = 3_000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('connect_error', () => done(false));
  });
}

describe('one address cannot fill the store or the queue', () => {
  let t: TestApp;
  const sockets: Visitor[] = [];
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), {
      TRUST_PROXY: '1',
      MAX_CONNECTIONS_PER_IP: '20',
      QUOTA_VISITORS_PER_IP_HOUR: '30',
      QUOTA_CONVERSATIONS_PER_IP_HOUR: '5',
      QUOTA_CONVERSATIONS_PER_SITE_HOUR: '8',
      QUOTA_MESSAGES_PER_IP_MINUTE: '40',
    });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.close());

  it('caps the connections of one address and its new visitors, conversations and messages', async () => {
    // The attack from the security pass: many connections from one address, each looping
    // hello (a new visitor every time) + message:send (a new conversation every time).
    const attacker = '198.51.100.66';
    const attempts = Array.from({ length: 100 }, () => visitorFrom(t, attacker));
    sockets.push(...attempts);
    const open = (await Promise.all(attempts.map((s) => settle(s)))).filter(Boolean).length;
    expect(open).toBeLessThanOrEqual(20);
    expect(open).toBeGreaterThan(0);

    const codes: Record<string, number> = {};
    const count = (ack: Ack) => {
      const code = ack.ok ? 'ok' : ack.error.code;
      codes[code] = (codes[code] ?? 0) + 1;
    };
    await Promise.all(
      attempts
        .filter((s) => s.connected)
        .map(async (s, i) => {
          for (let round = 0; round < 5; round++) {
            const hello = await s.timeout(3_000).emitWithAck('hello', helloPayload());
            count(hello);
            if (!hello.ok) continue;
            count(await s.timeout(3_000).emitWithAck('message:send', { id: `flood-${i}-${round}-000`, text: 'spam' }));
          }
        }),
    );
    expect(codes.RATE_LIMITED).toBeGreaterThan(0);
    const queued = await t.app.chat.list('queued');
    expect(queued.length).toBeLessThanOrEqual(5);

    // Someone else is not affected.
    const other = visitorFrom(t, '203.0.113.5');
    sockets.push(other);
    expect(await settle(other)).toBe(true);
    expect((await other.emitWithAck('hello', helloPayload())).ok).toBe(true);
    expect((await other.emitWithAck('message:send', { id: 'innocent-msg-1', text: 'Hello?' })).ok).toBe(true);
  });

  it('caps the new conversations of one site across addresses (an address’s first aside), and leaves other sites alone', async () => {
    const attempt = async (address: string, round: number): Promise<boolean> => {
      const s = visitorFrom(t, address);
      sockets.push(s);
      await settle(s);
      const hello = await s.emitWithAck('hello', helloPayload({ siteId: 'flooded-site' }));
      expect(hello.ok).toBe(true);
      const sent = await s.emitWithAck('message:send', { id: `site-flood-${address.replaceAll('.', '-')}-${round}`, text: 'spam' });
      if (!sent.ok) expect(sent.error.code).toBe('RATE_LIMITED');
      return sent.ok;
    };
    const addresses = Array.from({ length: 12 }, (_, i) => `192.0.2.${i + 1}`);
    // Each address's first conversation goes through, even past the site's 8…
    for (const a of addresses) expect(await attempt(a, 1)).toBe(true);
    // …but no second one: the site's quota is spent.
    for (const a of addresses.slice(0, 4)) expect(await attempt(a, 2)).toBe(false);
    const elsewhere = visitorFrom(t, '192.0.2.200');
    sockets.push(elsewhere);
    await settle(elsewhere);
    await elsewhere.emitWithAck('hello', helloPayload({ siteId: 'quiet-site' }));
    expect((await elsewhere.emitWithAck('message:send', { id: 'quiet-site-msg-1', text: 'hi' })).ok).toBe(true);
  });

  it('caps the connections of an IPv6 client per /64', async () => {
    const inOne64 = Array.from({ length: 21 }, (_, i) => visitorFrom(t, `2001:db8:5:6::${(i + 1).toString(16)}`));
    sockets.push(...inOne64);
    const open = (await Promise.all(inOne64.map((s) => settle(s)))).filter(Boolean).length;
    expect(open).toBe(20);
    const next64 = visitorFrom(t, '2001:db8:5:7::1');
    sockets.push(next64);
    expect(await settle(next64)).toBe(true);
  });
});

describe('a flood of packets cannot fill the disk with logs', () => {
  let t: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { TRUST_PROXY: '1' }, (c) => c, { logs });
  });
  afterAll(() => t.close());

  it('counts unknown events against the connection, logs them counted, cuts the connection and slows its address down', async () => {
    const flooder = visitorFrom(t, '198.51.100.77');
    expect(await settle(flooder)).toBe(true);
    const cut = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    const raw = flooder as unknown as Socket;
    for (let i = 0; i < 5_000; i++) raw.emit(`no:such:event:${i % 7}`, { i });
    const reason = await Promise.race([cut, new Promise<string>((r) => setTimeout(() => r('still connected after 3 s'), 3_000))]);
    expect(reason).toBe('transport close');

    const lines = logs.map((l) => JSON.parse(l) as { msg: string });
    expect(lines.filter((l) => l.msg.startsWith('unknown event')).length).toBeLessThanOrEqual(2);
    expect(lines.length).toBeLessThan(20);
    expect(lines.some((l) => l.msg.startsWith('connection cut'))).toBe(true);

    // Its address is slowed down; another address is served as usual.
    const again = visitorFrom(t, '198.51.100.77');
    expect(await settle(again)).toBe(false);
    again.disconnect();
    const other = visitorFrom(t, '203.0.113.8');
    expect(await settle(other)).toBe(true);
    expect((await other.emitWithAck('hello', helloPayload())).ok).toBe(true);
    other.disconnect();
    flooder.disconnect();
  });
});
