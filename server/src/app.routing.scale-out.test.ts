import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, OperatorClientEvents, OperatorServerEvents, VisitorClientEvents, VisitorServerEvents } from '@introserv/shared';
import { io, type Socket } from 'socket.io-client';
import { connectRedisStores, type RedisStores } from './stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { helloPayload, login } from './testing/test-app.js';

const hasRedis = redisAvailable();
type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;

/**
 * Two real server processes on one Redis: operators on both accept and transfer the same
 * chats at the same moment, and every chat ends with exactly one operator (or none, when
 * it went to a queue), with a history that tells one consistent story.
 */
describe.skipIf(!hasRedis)('routing across two processes: no chat is ever given twice', () => {
  let redis: RedisServerHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  let stores: RedisStores;
  const sockets: Socket[] = [];
  const env = () => ({
    REDIS_URL: redis.url,
    SESSION_SECRET: 'routing-scale-out-secret-0123456789abcd',
    ADMIN_EMAIL: 'admin@introserv.test',
    ADMIN_PASSWORD: 'scale-out-password',
    ALLOWED_ORIGINS: '*',
    ROUTING_FALLBACK_SECONDS: '3600',
  });

  beforeAll(async () => {
    redis = await startRedisServer();
    a = await startServerProcess(env());
    b = await startServerProcess(env());
    stores = connectRedisStores(redis.url, 'lc:');
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await stores.close();
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  });

  /** Created through the admin API of process A; logged in and connected on `on`. */
  async function operator(admin: { cookie: string; csrfToken: string }, name: string, on: ServerProcess, role: 'admin' | 'operator' = 'operator'): Promise<{ id: string; socket: OperatorSocket }> {
    const email = `${name.toLowerCase()}@introserv.test`;
    const res = await fetch(`${a.url}/api/operators`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, password: `${name}-password`, role, autoAssign: false }),
    });
    expect(res.status).toBe(201);
    const { operator: created } = (await res.json()) as { operator: { id: string } };
    const { cookie } = await login(on.url, email, `${name}-password`);
    const socket: OperatorSocket = io(`${on.url}/operator`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
    sockets.push(socket);
    await new Promise((r) => socket.once('connect', () => r(undefined)));
    await expect.poll(() => stores.presence.isAvailable(created.id)).toBe(true);
    return { id: created.id, socket };
  }

  async function waitingChat(on: ServerProcess, n: number): Promise<string> {
    const visitor: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${on.url}/visitor`, { transports: ['websocket'], forceNew: true });
    sockets.push(visitor);
    const hello = await visitor.emitWithAck('hello', helloPayload());
    if (!hello.ok) throw new Error('hello failed');
    const sent = await visitor.emitWithAck('message:send', { id: `race-msg-${String(n).padStart(4, '0')}`, text: `chat ${n}` });
    if (!sent.ok) throw new Error('send failed');
    return sent.message.conversationId;
  }

  /** The history's assignment events must chain: each transfer starts from who had it, and the last one names who has it now. */
  async function checkOne(conversationId: string, operatorIds: string[]): Promise<void> {
    const conversation = await stores.conversations.get(conversationId);
    const holders: string[] = [];
    for (const id of operatorIds) if ((await stores.conversations.ofOperator(id)).some((c) => c.id === conversationId)) holders.push(id);
    if (conversation?.status === 'assigned') expect(holders).toEqual([conversation.operator?.id]);
    else expect(holders).toEqual([]);
    const events = (await stores.conversations.messagesAfter(conversationId, undefined, 100)).flatMap((m: Message) => (m.event ? [m.event] : []));
    let holder: string | null = null;
    for (const e of events) {
      if (e.type === 'assigned') {
        expect(holder, `${conversationId}: assigned while someone had it`).toBeNull();
        holder = e.operator.id;
      } else if (e.type === 'transferred') {
        expect(e.from?.id ?? null).toBe(holder);
        holder = e.to?.id ?? null;
      }
    }
    expect(holder).toBe(conversation?.status === 'assigned' ? (conversation.operator?.id ?? null) : null);
  }

  it('settles concurrent accepts and transfers on both processes to one operator per chat', async () => {
    const admin = await login(a.url, 'admin@introserv.test', 'scale-out-password');
    const x = await operator(admin, 'Xena', a);
    const y = await operator(admin, 'Yuri', b);
    const z = await operator(admin, 'Zora', b, 'admin');
    const w = await operator(admin, 'Wim', a);
    const ids = [x.id, y.id, z.id, w.id];

    const chats = await Promise.all(Array.from({ length: 12 }, (_, n) => waitingChat(n % 2 ? a : b, n)));
    for (const c of chats) expect((await stores.conversations.get(c))?.status).toBe('queued');

    // Round 1: two operators on different processes accept each chat while an admin transfers it.
    const round1 = await Promise.all(
      chats.map((conversationId, n) =>
        Promise.all([
          x.socket.emitWithAck('conversation:accept', { conversationId }),
          y.socket.emitWithAck('conversation:accept', { conversationId }),
          n % 2
            ? z.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'operator', operatorId: w.id } })
            : z.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'department', department: 'technical' } }),
        ]),
      ),
    );
    // Both accepts may win only one after the other, with the admin's transfer to a queue between them.
    for (const [accX, accY, moved] of round1) if (accX.ok && accY.ok) expect(moved.ok).toBe(true);
    for (const c of chats) await checkOne(c, ids);

    // Round 2: whoever has each chat and an admin on the other process both move it at once.
    const round2 = await Promise.all(
      chats.map(async (conversationId) => {
        const current = await stores.conversations.get(conversationId);
        const owner = [x, y, z, w].find((o) => o.id === current?.operator?.id) ?? x;
        const target = owner.id === y.id ? x : y;
        return Promise.all([
          owner.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'operator', operatorId: target.id } }),
          z.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'operator', operatorId: w.id } }),
          w.socket.emitWithAck('conversation:accept', { conversationId }),
        ]);
      }),
    );
    expect(round2.flat().some((r) => r.ok)).toBe(true);
    for (const c of chats) await checkOne(c, ids);

    // Loads agree with the chats: nobody counts a chat they do not have.
    const assigned = (await Promise.all(chats.map((c) => stores.conversations.get(c)))).filter((c) => c?.status === 'assigned');
    const loads = await Promise.all(ids.map((id) => stores.routing.load(id)));
    expect(loads.reduce((s, n) => s + n, 0)).toBe(assigned.length);
  });
});
