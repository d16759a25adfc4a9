import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisStores } from './stores.js';
import { ChatTraffic, TrafficOperator, TrafficVisitor } from './testing/chat-traffic.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
import { startReplica, startSentinels, type SentinelGroup } from './testing/redis-sentinel.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { login } from './testing/test-app.js';

const hasRedis = redisAvailable();
const ADMIN = { email: 'admin@introserv.test', password: 'sentinel-test-password' };

/**
 * A primary, a replica and three sentinels (Debian's redis-server, `--sentinel`), two server
 * processes finding the primary through the sentinels, acks waiting for the replica
 * (REDIS_WAIT_REPLICAS=1). The primary is killed mid-chat.
 */
describe.skipIf(!hasRedis)('Redis Sentinel: the primary dies mid-chat', () => {
  // Set one by one in beforeAll; afterAll stops whatever got started.
  let primary: RedisServerHandle | undefined;
  let replica: RedisServerHandle | undefined;
  let sentinels: SentinelGroup | undefined;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let traffic: ChatTraffic | undefined;

  beforeAll(async () => {
    const p = (primary = await startRedisServer());
    replica = await startReplica(p);
    const group = (sentinels = await startSentinels(p, { replicas: 1, downAfterMs: 1_000, failoverTimeoutMs: 3_000 }));
    const env = {
      ...group.env,
      REDIS_WAIT_REPLICAS: '1',
      // Generous: a busy machine must not make the replica look missing before the kill.
      REDIS_WAIT_MS: '2000',
      SESSION_SECRET: 'sentinel-failover-test-secret-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ALLOWED_ORIGINS: '*',
    };
    // One after the other: both would create the admin at once otherwise.
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  }, 60_000);

  afterAll(async () => {
    traffic?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await sentinels?.stop();
    await Promise.all([replica?.stop(), primary?.stop()]);
  });

  it('promotes the replica; the chats go on by themselves, nothing acked is lost or stored twice', async () => {
    if (!primary || !replica || !sentinels || !a || !b) throw new Error('not started');
    const { cookie, operatorId } = await login(b.url, ADMIN.email, ADMIN.password);
    // A visitor on each process, the operator on B: one chat crosses processes, one does not.
    traffic = new ChatTraffic([new TrafficVisitor(a.url, 'va'), new TrafficVisitor(b.url, 'vb')], new TrafficOperator(b.url, 'op', operatorId, cookie), 1_000);
    await traffic.allBack();
    await traffic.open();
    await traffic.flowing(6);

    const oldPort = primary.port;
    await primary.kill();
    expect(await sentinels.failedOver(oldPort)).toBe(replica.port);

    // After the failover the chats go on: visitors and operator keep writing and being acked.
    await traffic.flowing(8, 30_000);
    await traffic.settle();
    const stores = connectRedisStores(sentinels.target, 'lc:');
    try {
      const report = await traffic.verify(stores);
      expect(report).toMatchObject({ lost: [], duplicated: [], unseen: [], refused: [] });
      expect(report.sent).toBeGreaterThan(14);
      for (const [client, ms] of Object.entries(report.longestOutageMs)) expect({ client, back: ms < 10_000 }).toEqual({ client, back: true });
    } finally {
      await stores.close();
    }
    // The new primary has no replica yet: each process said once that acks stop waiting, and went on.
    expect(a.output()).toContain('fewer Redis replicas than REDIS_WAIT_REPLICAS confirmed a write');
    expect(b.output()).toContain('fewer Redis replicas than REDIS_WAIT_REPLICAS confirmed a write');
  }, 60_000);
});
