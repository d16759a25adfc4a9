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
