import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationAssigned, Message, OperatorClientEvents, OperatorServerEvents, VisitorClientEvents, VisitorServerEvents } from '@introserv/shared';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from './auth/password.js';
import { connectRedisStores } from './stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { helloPayload, login, nextEvent } from './testing/test-app.js';

const hasRedis = redisAvailable();

/** Two real server processes on one Redis must behave as one server. */
describe.skipIf(!hasRedis)('scale-out: two processes, one Redis', () => {
  let redis: RedisServerHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  const sockets: Socket[] = [];
  const env = () => ({
    REDIS_URL: redis.url,
    SESSION_SECRET: 'scale-out-test-secret-0123456789abcdef',
    ADMIN_EMAIL: 'admin@introserv.test',
    ADMIN_PASSWORD: 'scale-out-password',
    ALLOWED_ORIGINS: '*',
    // Short, so that the crash test below sees the dead process's operator released quickly.
    PRESENCE_LEASE_MS: '1500',
    OPERATOR_GRACE_MS: '500',
  });
  let conversationId = '';

  beforeAll(async () => {
    redis = await startRedisServer();
    a = await startServerProcess(env());
    b = await startServerProcess(env());
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  });

  it('carries a conversation between a visitor on A and an operator on B', async () => {
    // Logged in through B; the session lives in Redis, so A would accept the cookie too.
    const { cookie } = await login(b.url, 'admin@introserv.test', 'scale-out-password');
    expect((await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    const operator: Socket<OperatorServerEvents, OperatorClientEvents> = io(`${b.url}/operator`, { transports: ['websocket'], extraHeaders: { cookie } });
    const visitor: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${a.url}/visitor`, { transports: ['websocket'] });
    sockets.push(operator, visitor);
    await new Promise((r) => operator.once('connect', () => r(undefined)));

    // Whatever reaches the operator live, from the start (the console merges live and watched).
    const live: Message[] = [];
    operator.on('message:created', (m) => live.push(m));

    const hello = await visitor.emitWithAck('hello', helloPayload());
    expect(hello.ok).toBe(true);
    const assigned = nextEvent<ConversationAssigned>(operator, 'conversation:assigned');
    const sent = await visitor.emitWithAck('message:send', { id: 'cross-node-0001', text: 'Hello from node A' });
    expect(sent.ok).toBe(true);
    // Routing on A, or on B once B has counted the operator's connection, gave it to the operator.
    conversationId = (await assigned).conversationId;
    // Depending on which process assigned it, the first message reaches the operator live (the
    // room join travels ahead of it on the adapter's stream) or is already in the history.
    const watched = await operator.emitWithAck('conversation:watch', { conversationId });
    if (!watched.ok) throw new Error('watch failed');
    await expect.poll(() => [...watched.messages, ...live].map((m) => m.text)).toContain('Hello from node A');

    // Live, A → B: the broadcast crosses the Redis streams adapter.
    // Matched by id: the first message may still be on its way live, after the watch above.
    const opGets = nextEvent<Message>(operator, 'message:created', 5_000, (m) => m.id === 'cross-node-0002');
    await visitor.emitWithAck('message:send', { id: 'cross-node-0002', text: 'Still there?' });
    expect((await opGets).text).toBe('Still there?');

    const visitorGets = nextEvent<Message>(visitor, 'message:created', 5_000, (m) => m.author.kind === 'operator');
    const reply = await operator.emitWithAck('message:send', { conversationId, id: 'cross-node-0003', text: 'Hello from node B' });
    expect(reply.ok).toBe(true);
    expect((await visitorGets).text).toBe('Hello from node B');

    // The visitor reconnects to B: same conversation, full history, from the shared store.
    visitor.disconnect();
    const onB: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${b.url}/visitor`, { transports: ['websocket'] });
    sockets.push(onB);
    const resumed = await onB.emitWithAck('hello', helloPayload({ visitorToken: hello.ok ? hello.visitorToken : null }));
    expect(resumed.ok && resumed.messages.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual(['Hello from node A', 'Still there?', 'Hello from node B']);
    expect(resumed.ok && resumed.messages[0]?.event).toMatchObject({ type: 'assigned' });
  });
  it('ends, on every process, the sockets of a session that logged out on one', async () => {
    const { cookie, csrfToken } = await login(a.url, 'admin@introserv.test', 'scale-out-password');
    const onB: Socket<OperatorServerEvents, OperatorClientEvents> = io(`${b.url}/operator`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
    sockets.push(onB);
    await new Promise((r) => onB.once('connect', () => r(undefined)));
    const ended = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    const out = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    expect(await ended).toBe('io server disconnect');
  });

  it('gives the chats of an operator whose process crashed to a colleague on another process', async () => {
    expect(conversationId).not.toBe('');
    // A second operator, written straight into the shared Redis (there is no admin UI for it yet).
    const stores = connectRedisStores(redis.url, 'lc:');
    await stores.operators.save({ id: 'op_bo', email: 'bo@introserv.test', name: 'Bo', role: 'operator', capacity: 5, disabled: false, passwordHash: await hashPassword('bo-password'), departments: [], languages: [], autoAssign: true });
    await stores.close();
    const { cookie } = await login(a.url, 'bo@introserv.test', 'bo-password');
    const bo: Socket<OperatorServerEvents, OperatorClientEvents> = io(`${a.url}/operator`, {
      transports: ['websocket'],
      // Its own connection: socket.io-client would otherwise reuse the visitor's, which has no cookie.
      forceNew: true,
      extraHeaders: { cookie },
    });
    sockets.push(bo);
    await new Promise((r) => bo.once('connect', () => r(undefined)));

    const reassigned = nextEvent<ConversationAssigned>(bo, 'conversation:assigned', 15_000, (f) => f.conversationId === conversationId);
    await b.kill(); // the admin's only connection dies with it, without a disconnect on any live process
    expect((await reassigned).operator).toEqual({ id: 'op_bo', name: 'Bo' });
  });
});
