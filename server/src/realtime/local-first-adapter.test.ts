import { Redis } from 'ioredis';
import { MessageType } from 'socket.io-adapter';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectRedisStores } from '../stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { helloPayload, startTestApp, type TestApp } from '../testing/test-app.js';
import { PeerWatch } from './local-first-adapter.js';

const hasRedis = redisAvailable();

describe('PeerWatch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('believes it is alone only after the count said so for a while without a break (a failover brings peers back one by one)', async () => {
    vi.useFakeTimers();
    const counts: (number | Error)[] = [2, 1, 1, new Error('READONLY'), 1, 1, 2, 1, 1, 1, 1, 1, 1, 1];
    const watch = new PeerWatch(() => Date.now());
    const seen: boolean[] = [];
    watch.start(async () => {
      const next = counts.shift() ?? 1;
      if (next instanceof Error) throw next;
      return next;
    }, 100, 300);
    for (let i = 0; i < 13; i++) {
      await vi.advanceTimersByTimeAsync(100);
      seen.push(watch.alone);
    }
    watch.stop();
    // A failure or a 2 starts the wait again: 300 ms of 1s in a row before it stops publishing.
    expect(seen).toEqual([false, false, false, false, false, false, false, false, false, true, true, true, true]);
  });
});

describe.skipIf(!hasRedis)('the adapter on the message path', () => {
  let redis: RedisServerHandle;
  let side: Redis;
  const apps: TestApp[] = [];
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    side = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const t of apps) {
      await t.close();
      await t.stores.close();
    }
    for (const c of clients) c.disconnect();
    side.disconnect();
    await redis.stop();
  });

  const start = async () => {
    const adapterRedis = new Redis(redis.url);
    clients.push(adapterRedis);
    const t = await startTestApp(connectRedisStores(redis.url, 'pub:'), { REDIS_PREFIX: 'pub:' }, (c) => ({ ...c, timings: { ...c.timings, peerPollMs: 50 } }), { adapterRedis });
    apps.push(t);
    return t;
  };
  /** Broadcasts of new messages published on the adapter's stream so far. */
  const broadcasts = async () =>
    (await side.xrange('pub:socket.io', '-', '+')).filter(([, f]) => f[f.indexOf('type') + 1] === String(MessageType.BROADCAST) && f[f.indexOf('data') + 1]?.includes('"message:created"')).length;

  it('publishes nothing while its process is alone, and one message (not one per namespace) once there are two', async () => {
    const a = await start();
    // Alone once its count has said so for five polls in a row.
    await new Promise((r) => setTimeout(r, 400));
    const visitor = a.visitor();
    expect((await visitor.emitWithAck('hello', helloPayload())).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect((await visitor.emitWithAck('message:send', { id: `alone-msg-${i}000`, text: `m${i}` })).ok).toBe(true);
    expect(await broadcasts()).toBe(0);

    await start();
    // A sees B at its next poll.
    await new Promise((r) => setTimeout(r, 200));
    const before = await broadcasts();
    expect((await visitor.emitWithAck('message:send', { id: 'paired-msg-0001', text: 'now there are two' })).ok).toBe(true);
    await expect.poll(broadcasts).toBe(before + 1);
  });
});
