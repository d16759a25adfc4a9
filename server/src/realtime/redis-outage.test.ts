import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisStores } from '../stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { helloPayload, startTestApp, type TestApp } from '../testing/test-app.js';

const hasRedis = redisAvailable();

describe.skipIf(!hasRedis)('a Redis outage', () => {
  let redis: RedisServerHandle;
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'lc-aof-'));
  beforeAll(async () => {
    // As production runs it (docs/OPERATIONS.md): append-only file, fsync every second.
    redis = await startRedisServer(['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', dir]);
    t = await startTestApp(connectRedisStores(redis.url, 'outage:'));
  });
  afterAll(async () => {
    await t.close();
    await t.stores.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers STORE_UNAVAILABLE while Redis is down, then stores the resent message once', async () => {
    const visitor = t.visitor();
    const hello = await visitor.emitWithAck('hello', helloPayload());
    expect(hello.ok).toBe(true);
    expect((await visitor.emitWithAck('message:send', { id: 'before-outage-1', text: 'first' })).ok).toBe(true);

    await redis.stop();
    const during = await visitor.timeout(15_000).emitWithAck('message:send', { id: 'during-outage-1', text: 'second' });
    expect(!during.ok && during.error.code).toBe('STORE_UNAVAILABLE');
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    await redis.restart();
    await expect.poll(async () => (await fetch(`${t.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    // What the widget's outbox does after an error ack that may heal: send it again, same id.
    const retried = await visitor.emitWithAck('message:send', { id: 'during-outage-1', text: 'second' });
    expect(retried.ok).toBe(true);
    const again = await visitor.emitWithAck('message:send', { id: 'during-outage-1', text: 'second' });
    expect(again.ok && retried.ok && again.message.cursor).toBe(retried.ok && retried.message.cursor);

    // With AOF on, the restart lost nothing: one conversation, both messages, in order.
    const resumed = await t.visitor().emitWithAck('hello', helloPayload({ visitorToken: hello.ok ? hello.visitorToken : null }));
    expect(resumed.ok && resumed.messages.map((m) => m.id)).toEqual(['before-outage-1', 'during-outage-1']);
  });
});
