import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, VisitorClientEvents, VisitorServerEvents } from '@introserv/shared';
import { redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { helloPayload } from './testing/test-app.js';

const hasRedis = redisAvailable();

describe.skipIf(!hasRedis)('SIGTERM: a graceful stop', () => {
  let redis: RedisServerHandle;
  let side: Redis;
  let server: ServerProcess;
  beforeAll(async () => {
    redis = await startRedisServer();
    side = new Redis(redis.url);
    server = await startServerProcess({ REDIS_URL: redis.url, REDIS_PREFIX: 'term:', SESSION_SECRET: 's'.repeat(40) });
  });
  afterAll(async () => {
    await server.kill();
    side.disconnect();
    await redis.stop();
  });

  it('finishes the write in flight and acks it, closes the connection so the client reconnects elsewhere, refuses new ones, and exits 0 in time', async () => {
    const visitor: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${server.url}/visitor`, { transports: ['websocket'], forceNew: true, reconnectionDelay: 60_000 });
    const hello = await visitor.emitWithAck('hello', helloPayload());
    expect(hello.ok).toBe(true);

    // Redis holds every write for 500 ms: the message below is still being stored when SIGTERM comes.
    await side.client('PAUSE', 500, 'WRITE');
    const acked = visitor.timeout(5_000).emitWithAck('message:send', { id: 'in-flight-msg-1', text: 'stored before the stop' });
    const closed = new Promise<string>((resolve) => visitor.once('disconnect', resolve));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const exited = server.stop();

    // While it drains, nobody new gets in.
    await new Promise((r) => setTimeout(r, 100));
    const during = await fetch(`${server.url}/readyz`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(during);

    const ack: Ack = await acked;
    expect(ack.ok).toBe(true);
    // "transport close" is a reason Socket.IO clients reconnect on (unlike "io server disconnect").
    expect(await closed).toBe('transport close');
    await exited;
    expect(server.exitCode()).toBe(0);
    expect(Date.now() - started).toBeLessThan(6_000);
    visitor.disconnect();

    // The write landed.
    const keys = await side.keys('term:conv:*:msgs');
    expect(keys).toHaveLength(1);
    const entries = await side.xrange(keys[0]!, '-', '+');
    // The visitor's texts (the history also records routing's events).
    const texts = entries.filter(([, fields]) => fields[fields.indexOf('k') + 1] === 'text');
    expect(texts.map(([, fields]) => fields[fields.indexOf('t') + 1])).toEqual(['stored before the stop']);
  });
});
