import { afterAll, beforeAll } from 'vitest';
import { connectRedisStores, createMemoryStores, type Stores } from '../stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from './redis-server.js';

/**
 * The stores a whole-app test runs on, for `describe.each`: memory, and Redis when a
 * `redis-server` is there (its own, on a free port, for this test file; each call of the
 * factory gets a fresh key prefix). Call it at the top of a test file.
 */
export function storeBackends(prefix: string): [string, () => Stores][] {
  const hasRedis = redisAvailable();
  let redis: RedisServerHandle | undefined;
  beforeAll(async () => {
    if (hasRedis) redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const onRedis = (): Stores => {
    if (!redis) throw new Error('the test Redis is not running');
    return connectRedisStores(redis.url, `${prefix}${Date.now()}${Math.random().toString(36).slice(2, 6)}:`);
  };
  return [['memory store', () => createMemoryStores()], ...(hasRedis ? ([['redis store', onRedis]] as [string, () => Stores][]) : [])];
}
