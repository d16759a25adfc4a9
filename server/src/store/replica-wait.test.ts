import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisStores, type RedisStores } from '../stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from '../testing/redis-server.js';
import { startReplica } from '../testing/redis-sentinel.js';
import { openConversation } from '../testing/store-fixtures.js';
import { createRedis } from './redis-connection.js';
import { ReplicaWait, ReplicaWaitInterrupted, type ReplicaWaitListener } from './replica-wait.js';

const hasRedis = redisAvailable();

/** A listener that remembers what it heard. */
function recorder() {
  const heard: string[] = [];
  let unconfirmed = 0;
  const listener: ReplicaWaitListener = {
    degraded: (confirmed) => heard.push(`degraded:${confirmed}`),
    recovered: () => heard.push('recovered'),
    unconfirmed: (n) => (unconfirmed += n),
  };
  return { listener, heard, unconfirmed: () => unconfirmed };
}

/** The replica stops answering for `ms` (its event loop sleeps), as a replica busy or far away would. */
function stall(replica: Redis, ms: number): Promise<unknown> {
  return replica.call('DEBUG', 'SLEEP', String(ms / 1000));
}

describe.skipIf(!hasRedis)('ReplicaWait: acked means on the replicas', () => {
  let primary: RedisServerHandle;
  let replica: RedisServerHandle;
  let onReplica: Redis;
  const closers: (() => Promise<unknown>)[] = [];
  const open = <T extends { quit(): Promise<unknown> } | RedisStores>(c: T): T => {
    closers.push(() => ('quit' in c ? c.quit() : c.close()));
    return c;
  };

  beforeAll(async () => {
    primary = await startRedisServer();
    replica = await startReplica(primary, ['--enable-debug-command', 'yes']);
    onReplica = createRedis(replica.url);
    onReplica.on('error', () => {}); // the replica is stopped on purpose below
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close().catch(() => {})));
  });
  afterAll(async () => {
    onReplica.disconnect();
    await replica.stop();
    await primary.stop();
  });

  it('resolves a stored message only once the replica has it', async () => {
    const stores: RedisStores = open(connectRedisStores(primary.url, 'acked:', { wait: { replicas: 1, timeoutMs: 5_000 } }));
    const conversation = await openConversation(stores);
    const stalled = stall(onReplica, 400);
    const started = Date.now();
    const outcome = await stores.conversations.append({ id: 'msg-acked-1', kind: 'text', author: { kind: 'visitor' }, text: 'stored twice', conversationId: conversation.id });
    expect(outcome.ok).toBe(true);
    // At the moment of the ack the replica holds it (it was asleep when the primary wrote it).
    const onTheReplica = await onReplica.xrange(`acked:conv:${conversation.id}:msgs`, '-', '+');
    expect(onTheReplica.map(([, fields]) => fields[fields.indexOf('t') + 1])).toContain('stored twice');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await stalled;
  });

  it('shares one WAIT among the writes that finish while one is out', async () => {
    const own = createRedis(primary.url, { enableAutoPipelining: true });
    const rec = recorder();
    const wait = open(new ReplicaWait(own, { replicas: 1, timeoutMs: 5_000 }, 'acked:replica-wait', rec.listener));
    const before = Number(/total_commands_processed:(\d+)/.exec(await own.info('stats'))?.[1]);
    const stalled = stall(onReplica, 300);
    await Promise.all(Array.from({ length: 50 }, (_, i) => wait.run((r) => r.set(`acked:batch:${i}`, String(i)))));
    const after = Number(/total_commands_processed:(\d+)/.exec(await own.info('stats'))?.[1]);
    await stalled;
    // 50 writes, and a handful of barrier + WAIT pairs (not 50): the first waits alone, the rest share.
    expect(after - before).toBeLessThan(50 + 2 * 5 + 2);
    expect(await onReplica.get('acked:batch:49')).toBe('49');
    expect(rec.heard).toEqual([]);
  });

  it('acks without the replica once it is gone, counts it, stops waiting, and waits again when it is back', async () => {
    const own = createRedis(primary.url);
    const rec = recorder();
    const wait = open(new ReplicaWait(own, { replicas: 1, timeoutMs: 300 }, 'acked:replica-wait', rec.listener, 100));
    await replica.stop();
    try {
      const first = Date.now();
      await wait.run((r) => r.set('acked:alone:1', '1'));
      expect(Date.now() - first).toBeGreaterThanOrEqual(250); // it waited the whole timeout once
      expect(rec.heard).toEqual(['degraded:0']);
      const second = Date.now();
      await wait.run((r) => r.set('acked:alone:2', '2'));
      expect(Date.now() - second).toBeLessThan(150); // and not again
      expect(rec.unconfirmed()).toBe(2);
    } finally {
      await replica.restart();
    }
    await expect.poll(() => rec.heard, { timeout: 10_000 }).toEqual(['degraded:0', 'recovered']);
    expect(wait.degraded).toBe(false);
  });

  it('refuses a write whose connection broke before the replicas confirmed it', async () => {
    const own = createRedis(primary.url);
    own.on('error', () => {});
    const wait = open(new ReplicaWait(own, { replicas: 1, timeoutMs: 1_000 }, 'acked:replica-wait', recorder().listener));
    const write = wait.run(async (r) => {
      const done = await r.set('acked:cut', '1');
      r.disconnect(true); // reconnects: the WAIT would reach a fresh connection that wrote nothing
      return done;
    });
    await expect(write).rejects.toBeInstanceOf(ReplicaWaitInterrupted);
    await expect(wait.run((r) => r.set('acked:after-cut', '1'))).resolves.toBe('OK');
  });
});
