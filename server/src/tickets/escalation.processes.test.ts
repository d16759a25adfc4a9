import type { Escalation, VisitorClientEvents, VisitorServerEvents } from '@introserv/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationInput, operatorApi, until } from '../testing/escalation-session.js';
import { startFakeWhmcs, type FakeWhmcs } from '../testing/helpdesks/fake-whmcs.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';
import { helloPayload, login } from '../testing/test-app.js';

const hasRedis = redisAvailable();
const ADMIN = { email: 'admin@introserv.test', password: 'outbox-processes-password' };

/** Real server processes on one Redis: a crash in the middle of a call, and two senders at once. */
describe.skipIf(!hasRedis)('the escalation outbox across server processes', () => {
  let redis: RedisServerHandle;
  let whmcs: FakeWhmcs;
  const processes: ServerProcess[] = [];
  const sockets: Socket[] = [];
  const env = () => ({
    REDIS_URL: redis.url,
    SESSION_SECRET: 'outbox-processes-secret-0123456789abcdef',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ALLOWED_ORIGINS: '*',
    // A dead process's worker lease lapses after 1.5 s; its claim on an entry after 2 × 1 s + 1 s.
    PRESENCE_LEASE_MS: '1500',
    TICKET_TIMEOUT_MS: '1000',
    TICKET_PROVIDER: 'whmcs',
    WHMCS_URL: whmcs.url,
    WHMCS_IDENTIFIER: whmcs.identifier,
    WHMCS_SECRET: whmcs.secret,
  });
  const start = async () => {
    const p = await startServerProcess(env());
    processes.push(p);
    return p;
  };
  const openTickets = () => whmcs.requests.filter((r) => new URLSearchParams(r.body).get('action') === 'OpenTicket').length;

  beforeAll(async () => {
    [redis, whmcs] = await Promise.all([startRedisServer(), startFakeWhmcs()]);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([redis.stop(), whmcs.close()]);
  });

  /** A visitor writes on `server`; returns the conversation's id. */
  async function conversationOn(server: ServerProcess, cookie: string): Promise<string> {
    const visitor: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${server.url}/visitor`, { transports: ['websocket'], forceNew: true });
    sockets.push(visitor);
    const hello = await visitor.emitWithAck('hello', helloPayload());
    if (!hello.ok) throw new Error('hello refused');
    const sent = await visitor.emitWithAck('message:send', { id: `v-${Math.random().toString(36).slice(2, 14)}`, text: 'My server 203.0.113.7 is down' });
    if (!sent.ok) throw new Error('send refused');
    const res = await fetch(`${server.url}/api/conversations`, { headers: { cookie } });
    const { conversations } = (await res.json()) as { conversations: { id: string }[] };
    const found = conversations.find((c) => c.id === sent.message.conversationId);
    if (!found) throw new Error('conversation not listed');
    return found.id;
  }

  it('resumes after a crash in the middle of a call: the next process finds the ticket the dead one made', async () => {
    const a = await start();
    const session = await login(a.url, ADMIN.email, ADMIN.password);
    const conversationId = await conversationOn(a, session.cookie);
    // Departments answer at once; OpenTicket is processed, and its answer held past the crash.
    whmcs.faults.push({ kind: 'slow', ms: 0 }, { kind: 'slow', ms: 30_000 });
    const res = await operatorApi(a.url, session).escalate(conversationId, escalationInput());
    expect(res.status).toBe(201);
    await until(async () => whmcs.tickets.length, (n) => n === 1);
    await a.kill();

    const b = await start();
    const api = operatorApi(b.url, session);
    const [done] = await until(() => api.list(conversationId), (l) => l[0]?.state === 'created', 20_000);
    expect(done?.ticket?.number).toBe(`#${whmcs.tickets[0]?.tid ?? ''}`);
    expect(whmcs.tickets).toHaveLength(1);
    expect(openTickets()).toBe(1);
    expect(whmcs.requests.some((r) => new URLSearchParams(r.body).get('action') === 'GetTickets')).toBe(true);
  }, 60_000);

  it('two processes at once: one escalation per key, and each sent once by whichever holds the lease', async () => {
    whmcs.tickets.length = 0;
    whmcs.requests.length = 0;
    const [a, b] = [processes.at(-1)!, await start()];
    const session = await login(a.url, ADMIN.email, ADMIN.password);
    const apis = [operatorApi(a.url, session), operatorApi(b.url, session)];
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const conversationId = await conversationOn(i % 2 ? a : b, session.cookie);
      const input = escalationInput();
      const [x, y] = await Promise.all(apis.map((api) => api.escalate(conversationId, input)));
      expect([x?.status, y?.status].sort()).toEqual([200, 201]);
      const [ex, ey] = await Promise.all([x, y].map(async (r) => ((await r?.json()) as { escalation: Escalation }).escalation.id));
      expect(ex).toBe(ey);
      ids.push(ex ?? '');
      // A second tab on the other process, that did not know of the first: refused.
      expect((await apis[(i + 1) % 2]!.escalate(conversationId, escalationInput())).status).toBe(409);
    }
    await until(async () => (await apis[0]!.attention()).length + whmcs.tickets.length, (n) => n >= 4, 20_000);
    expect(whmcs.tickets).toHaveLength(4);
    expect(openTickets()).toBe(4);
    expect(new Set(whmcs.tickets.map((t) => t.subject)).size).toBe(4);
  }, 60_000);
});
