import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisStores } from '../stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { helloPayload, startTestApp, type TestApp, type TestOperator } from '../testing/test-app.js';

const hasRedis = redisAvailable();

describe.skipIf(!hasRedis)('a full Redis (maxmemory reached, noeviction)', () => {
  let redis: RedisServerHandle;
  let side: Redis;
  let t: TestApp;
  let op: TestOperator;
  const logs: string[] = [];
  beforeAll(async () => {
    redis = await startRedisServer(['--maxmemory', '8mb', '--maxmemory-policy', 'noeviction']);
    side = new Redis(redis.url);
    // Budgets this test cannot spend: it is about the store, not the rate limits.
    t = await startTestApp(connectRedisStores(redis.url, 'full:'), {}, (c) => ({
        ...c,
        rateLimits: { ...c.rateLimits, visitor: { ...c.rateLimits.visitor, message: { burst: 1_000, perSecond: 1_000 } } },
        connectionLimits: { ...c.connectionLimits, packets: { burst: 1_000, perSecond: 1_000 } },
      }), { logs });
    op = await t.operator();
  });
  afterAll(async () => {
    await t.close();
    await t.stores.close();
    side.disconnect();
    await redis.stop();
  });

  it('answers STORE_UNAVAILABLE everywhere, logs it counted, is not ready, and recovers by itself once memory is freed', async () => {
    const visitor = t.visitor();
    expect((await visitor.emitWithAck('hello', helloPayload())).ok).toBe(true);
    expect((await visitor.emitWithAck('message:send', { id: 'before-full-01', text: 'first' })).ok).toBe(true);

    // Fill Redis until it refuses writes; then lower the ceiling by 2 MB, so that the client
    // buffers of the requests below (which count as used memory) cannot tip it back and forth.
    let filled = 0;
    const chunk = 'x'.repeat(64 * 1024);
    for (;;) {
      try {
        await side.set(`filler:${filled++}`, chunk);
      } catch (err) {
        expect(String(err)).toMatch(/OOM/);
        break;
      }
      if (filled > 1_000) throw new Error('maxmemory was never reached');
    }
    await side.config('SET', 'maxmemory', String(6 * 1024 * 1024));

    const acks = await Promise.all(Array.from({ length: 200 }, (_, i) => visitor.emitWithAck('message:send', { id: `during-full-${String(i).padStart(3, '0')}`, text: 'second' })));
    expect(new Set(acks.map((a) => (a.ok ? 'ok' : a.error.code)))).toEqual(new Set(['STORE_UNAVAILABLE']));
    const login = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: op.email, password: op.password }) });
    expect(login.status).toBe(503);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('STORE_UNAVAILABLE');
    expect((await fetch(`${t.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    // 201 failures, one line (the rest are counted into the window's summary line).
    const lines = logs.map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(lines.filter((l) => l.msg.startsWith('store unavailable')).length).toBe(1);
    expect(lines.filter((l) => l.level >= 50).length).toBeLessThanOrEqual(2);
    const metrics = await t.app.metrics.registry.getSingleMetricAsString('livechat_store_errors_total');
    expect(metrics).toMatch(/livechat_store_errors_total\{kind="OOM"\} (\d{3,})/);

    // Memory freed: ready again, and the resend is stored.
    await side.del(Array.from({ length: filled }, (_, i) => `filler:${i}`));
    await expect.poll(async () => (await fetch(`${t.url}/readyz`)).status, { timeout: 5_000 }).toBe(200);
    expect((await visitor.emitWithAck('message:send', { id: 'during-full-000', text: 'second' })).ok).toBe(true);
  });
});
