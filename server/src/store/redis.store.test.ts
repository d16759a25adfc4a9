import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { redisAvailable, startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { RedisStore } from './redis.store.js';
import { storeContract } from './store.contract.js';

const hasRedis = redisAvailable();

describe.skipIf(!hasRedis)('RedisStore', () => {
  let server: RedisServerHandle;
  const stores: RedisStore[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server.stop();
  });

  // Each test gets its own key prefix on one server: a fresh, empty store.
  storeContract('RedisStore', async () => {
    const s = RedisStore.connect(server.url, `t${randomUUID().slice(0, 8)}:`);
    stores.push(s);
    return s;
  });

  it('stops counting the connections of a process whose lease lapsed', async () => {
    // Two processes sharing one Redis: the same prefix, two store instances.
    const prefix = `procs${randomUUID().slice(0, 6)}:`;
    const a = RedisStore.connect(server.url, prefix);
    const b = RedisStore.connect(server.url, prefix);
    stores.push(a, b);
    await a.saveOperator({ id: 'op-a', email: 'a@introserv.test', name: 'A', role: 'operator', capacity: 2, passwordHash: 'h' });
    await a.createVisitor('h1', 'v1');
    const { conversation } = await a.openConversation({
      id: 'c-crash', siteId: 'introserv', visitorId: 'v1', language: 'hr', page: { url: 'https://introserv.com/', title: 'x' },
      timeZone: 'Europe/Zagreb', queue: 'general', now: 1,
    });
    await a.heartbeat(150);
    await b.heartbeat(60_000);
    await a.operatorConnected('op-a', 2);
    expect(await a.assignNext('general', 2)).toEqual({ conversationId: conversation.id, operatorId: 'op-a' });

    // Process A is alive: B must not release its operator.
    expect(await b.releaseOperatorIfGone('op-a', Date.now(), 0)).toBeNull();
    // A dies without a disconnect event (no more heartbeats); its lease lapses.
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.releaseOperatorIfGone('op-a', Date.now(), 0)).toEqual([conversation.id]);
    expect((await b.getConversation(conversation.id))?.status).toBe('queued');
  });

  it('recovers by itself when Redis comes back after an outage', async () => {
    const s = RedisStore.connect(server.url, 'restart:');
    stores.push(s);
    await s.createVisitor('h', 'v');
    await server.stop();
    await expect(s.ping()).rejects.toThrow();
    await server.restart();
    // ioredis reconnects by itself; the store is usable again without a new client.
    await expect.poll(() => s.ping().then(() => true, () => false), { timeout: 5_000 }).toBe(true);
  });
});
