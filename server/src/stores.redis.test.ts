import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContracts } from './stores.contract.js';
import { connectRedisStores, createRedisStores, type RedisStores } from './stores.js';
import { redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
import { newConversation, saveOperator } from './testing/store-fixtures.js';
import { DEFAULT_DEPARTMENT } from '@introserv/shared';

const hasRedis = redisAvailable();

describe.skipIf(!hasRedis)('redis stores', () => {
  let server: RedisServerHandle;
  const opened: RedisStores[] = [];
  const track = (s: RedisStores) => (opened.push(s), s);
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await server.stop();
  });

  // Each test gets its own key prefix on one server: a fresh, empty keyspace.
  const make = async () => track(connectRedisStores(server.url, `t${randomUUID().slice(0, 8)}:`));
  storeContracts(make);

  /** Two processes sharing one Redis: the same prefix, two process ids. */
  const twoProcesses = () => {
    const prefix = `procs${randomUUID().slice(0, 6)}:`;
    return [track(connectRedisStores(server.url, prefix)), track(connectRedisStores(server.url, prefix))] as const;
  };

  it('stops counting the operator connections of a process whose lease lapsed', async () => {
    const [a, b] = twoProcesses();
    const op = await saveOperator(a, { capacity: 2 });
    await a.visitors.create('h1', 'v1');
    await a.conversations.open(newConversation('v1'));
    await a.presence.heartbeat(150, Date.now());
    await b.presence.heartbeat(60_000, Date.now());
    await a.presence.operatorConnected(op.id);
    expect(await b.routing.assignNext(DEFAULT_DEPARTMENT, { now: 2, eventId: 'sys-1', defaultCapacity: 5 })).not.toBeNull();

    // Process A is alive: B must not call its operator gone.
    expect(await b.presence.markOperatorGone(op.id, Date.now(), 0)).toBe(false);
    // A dies without a disconnect event (no more heartbeats); its lease lapses.
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.presence.markOperatorGone(op.id, Date.now(), 0)).toBe(true);
    expect(await b.presence.isAvailable(op.id)).toBe(false);
  });

  it('counts the visitors of a process whose lease lapsed as leaving', async () => {
    const [a, b] = twoProcesses();
    await a.presence.heartbeat(150, Date.now());
    expect(await a.presence.visitorConnected('v-crash', Date.now())).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    const noticed = Date.now();
    await b.presence.heartbeat(60_000, noticed);
    const gone = await b.presence.takeGoneVisitors(noticed + 1_000, 500);
    expect(gone.map((g) => g.visitorId)).toEqual(['v-crash']);
    expect(gone[0]?.since).toBeGreaterThanOrEqual(noticed);
  });

  it('recovers by itself when Redis comes back after an outage', async () => {
    const s = track(connectRedisStores(server.url, 'restart:'));
    await s.visitors.create('h', 'v');
    await server.stop();
    await expect(s.ping()).rejects.toThrow();
    await server.restart();
    // ioredis reconnects by itself; the stores are usable again without a new client.
    await expect.poll(() => s.ping().then(() => true, () => false), { timeout: 5_000 }).toBe(true);
  });

  it('retention deletes only the expired conversation and visitor keys', async () => {
    const prefix = `ret${randomUUID().slice(0, 6)}:`;
    const s = track(connectRedisStores(server.url, prefix));
    const op = await saveOperator(s);
    await s.sessions.put('sess-key', { operatorId: op.id, csrfToken: 'c', expiresAt: Date.now() + 60_000 }, 60_000);
    await s.visitors.create('tok', 'v-ret');
    await s.visitors.recordPage('v-ret', { url: 'https://introserv.com/', title: 'x' }, 1_000);
    await s.retention.touchVisitor('v-ret', 'tok', 1_000);
    const { conversation } = await s.conversations.open(newConversation('v-ret', { now: 1_000 }));
    await s.conversations.close({ conversationId: conversation.id, eventId: 'sys-ret-1', by: 'visitor', operator: null, now: 2_000 });
    const before = new Set(await s.redis.keys(`${prefix}*`));
    expect(await s.retention.expireClosedConversations(10_000, 10)).toBe(1);
    expect(await s.retention.expireVisitors(10_000, 10)).toBe(1);
    const after = new Set(await s.redis.keys(`${prefix}*`));
    const gone = [...before].filter((k) => !after.has(k)).map((k) => k.slice(prefix.length)).sort();
    // The conversation's and visitor's keys, and the indices they were the last member of.
    const conv = `conv:${conversation.id}`;
    expect(gone).toEqual([conv, `${conv}:mids`, `${conv}:msgs`, 'convs', 'convs:closed', 'convs:closed-at', 'vis:v-ret', 'vis:v-ret:convs', 'vis:v-ret:pages', 'visitors:seen', 'vtoken:tok'].sort());
    expect(after.has(`${prefix}op:${op.id}`)).toBe(true);
  });

  it('reads conversations written before system events existed as text, online visitors', async () => {
    // A conversation and a message as the first release stored them (no kind, no presence fields).
    const redis = new Redis(server.url);
    const s = track(createRedisStores(redis, 'legacy:'));
    await redis.hset('legacy:conv:c1', { id: 'c1', siteId: 'introserv', status: 'queued', queue: 'general', language: 'en', visitorId: 'v1', pageUrl: 'https://introserv.com/', pageTitle: 'x', timeZone: 'UTC', operatorId: '', operatorName: '', createdAt: '5', updatedAt: '5' });
    await redis.xadd('legacy:conv:c1:msgs', '1-0', 'id', 'msg-legacy-01', 'ak', 'visitor', 'aid', '', 'an', '', 't', 'hello');
    expect(await s.conversations.get('c1')).toMatchObject({ visitor: { online: true, seenAt: 5 } });
    expect(await s.conversations.messagesAfter('c1', undefined, 5)).toMatchObject([{ kind: 'text', text: 'hello', author: { kind: 'visitor' } }]);
  });
});
