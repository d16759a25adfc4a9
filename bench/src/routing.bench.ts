/**
 * Routing under a burst: 5,000 new chats arrive at once and 50 operators (capacity 100 each)
 * are online; two server processes' worth of store clients route them concurrently, as two
 * processes would (each chat: open, then drain the queue, as ChatService does).
 *
 * Run: `pnpm --filter @introserv/bench bench:routing` (BENCH_ROUTING_CHATS, default 5000;
 * BENCH_ROUTING_OPERATORS, default 50). Prints ONE JSON object on stdout.
 *
 * Measures assignments per second (first open → last assignment) and checks the invariants:
 * every chat assigned exactly once (one `assigned` event in its history, status assigned, in
 * exactly one operator's set), no operator over capacity, the loads adding up. Loopback only,
 * against a throwaway redis-server; bounded in count and time.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connectRedisStores, type RedisStores } from '@introserv/server';
import { startRedisServer } from '@introserv/server/testing';
import { machineInfo } from './machine.js';
import { intEnv } from './processes.js';

const CHATS = intEnv('BENCH_ROUTING_CHATS', 5000, 1, 20_000);
const OPERATORS = intEnv('BENCH_ROUTING_OPERATORS', 50, 1, 500);
const CAPACITY = 100;
/** Chats in flight at once per process (opening and draining). */
const CONCURRENCY = 100;
const QUEUE = 'general';
const DEADLINE_MS = 120_000;

const log = (msg: string) => process.stderr.write(`[routing] ${msg}\n`);

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const prefix = 'rb:';
  const a = connectRedisStores(redis.url, prefix);
  const b = connectRedisStores(redis.url, prefix);
  try {
    await a.presence.heartbeat(60_000, Date.now());
    await b.presence.heartbeat(60_000, Date.now());
    for (let i = 0; i < OPERATORS; i++) {
      const id = `op_${i}`;
      await a.operators.save({ id, email: `${id}@introserv.test`, name: `Operator ${i}`, role: 'operator', capacity: CAPACITY, disabled: false, passwordHash: 'x' });
      await (i % 2 ? b : a).presence.operatorConnected(id);
    }
    log(`${OPERATORS} operators online; ${CHATS} chats arriving at once on two processes`);

    let next = 0;
    let assignments = 0;
    let lastAssignedAt = 0;
    const t0 = performance.now();
    const deadline = Date.now() + DEADLINE_MS;
    const drain = async (s: RedisStores) => {
      for (;;) {
        const routed = await s.routing.assignNext(QUEUE, { now: Date.now(), eventId: `sys-${randomUUID()}`, defaultCapacity: CAPACITY });
        if (!routed) return;
        assignments++;
        lastAssignedAt = performance.now();
      }
    };
    const worker = async (s: RedisStores) => {
      while (next < CHATS && Date.now() < deadline) {
        const n = next++;
        const visitorId = `v_${n}`;
        await s.visitors.create(`tok_${n}`, visitorId);
        await s.conversations.open({ id: `c_${n}`, siteId: 'introserv', visitorId, language: 'en', page: { url: 'https://introserv.com/', title: 'x' }, timeZone: 'UTC', department: QUEUE, now: Date.now(), visitor: { name: null, email: null, verified: false, userId: null, userAgent: null, ip: null, country: null } });
        await drain(s);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY * 2 }, (_, i) => worker(i % 2 ? b : a)));
    // Whatever is still waiting (a drain that found every operator busy a moment before).
    await Promise.all([drain(a), drain(b)]);
    const seconds = (lastAssignedAt - t0) / 1000;

    // Invariants, read back from Redis.
    const events = new Map<string, number>();
    const pipe = a.redis.pipeline();
    for (let n = 0; n < CHATS; n++) pipe.xrange(`${prefix}conv:c_${n}:msgs`, '-', '+');
    const streams = (await pipe.exec()) ?? [];
    streams.forEach(([, entries], n) => {
      const count = (entries as [string, string[]][]).filter(([, f]) => f[f.indexOf('e') + 1]?.includes('"assigned"')).length;
      events.set(`c_${n}`, count);
    });
    const loads = await Promise.all(Array.from({ length: OPERATORS }, (_, i) => a.routing.load(`op_${i}`)));
    const members = await Promise.all(Array.from({ length: OPERATORS }, (_, i) => a.redis.smembers(`${prefix}op:op_${i}:convs`)));
    const owners = new Map<string, number>();
    for (const m of members) for (const c of m) owners.set(c, (owners.get(c) ?? 0) + 1);
    const assignedTwice = [...events.values()].filter((c) => c > 1).length + [...owners.values()].filter((c) => c > 1).length;
    const unassigned = [...events.values()].filter((c) => c === 0).length;
    const queued = await a.routing.queueLength(QUEUE);

    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'routing',
          machine: machineInfo(),
          settings: { chats: CHATS, operators: OPERATORS, capacity: CAPACITY, processes: 2, concurrencyPerProcess: CONCURRENCY, store: 'Redis (throwaway redis-server)' },
          assignments,
          seconds: Math.round(seconds * 100) / 100,
          assignmentsPerS: Math.round(assignments / seconds),
          invariants: {
            assignedTwice,
            unassigned,
            stillQueued: queued,
            maxLoad: Math.max(...loads),
            loadSum: loads.reduce((x, y) => x + y, 0),
            ok: assignedTwice === 0 && unassigned === 0 && queued === 0 && Math.max(...loads) <= CAPACITY && loads.reduce((x, y) => x + y, 0) === CHATS,
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await a.close();
    await b.close();
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
