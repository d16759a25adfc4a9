/**
 * What "acked means stored on a replica" costs: message appends through the store with
 * REDIS_WAIT_REPLICAS off and at 1, against a primary with one replica (two throwaway
 * redis-servers on loopback).
 *
 * Run: `pnpm --filter @introserv/bench bench:replica-wait` (~20 s). Prints ONE JSON object.
 *
 * - `sequential`: one append at a time (BENCH_WAIT_SEQUENTIAL, default 2000): the latency a
 *   lone message pays, p50/p99.
 * - `concurrent`: BENCH_WAIT_CONCURRENCY appenders (default 100) on as many conversations,
 *   BENCH_WAIT_CONCURRENT appends in all (default 20000): throughput and latency under load,
 *   where the writes that finish while a WAIT is out share the next one (group commit).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connectRedisStores, type RedisStores } from '@introserv/server';
import { startRedisServer, startReplica } from '@introserv/server/testing';
import { machineInfo } from './machine.js';
import { intEnv, round } from './processes.js';

const SEQUENTIAL = intEnv('BENCH_WAIT_SEQUENTIAL', 2000, 10, 100_000);
const CONCURRENT = intEnv('BENCH_WAIT_CONCURRENT', 20_000, 100, 1_000_000);
const CONCURRENCY = intEnv('BENCH_WAIT_CONCURRENCY', 100, 1, 10_000);
const log = (msg: string) => process.stderr.write(`[replica-wait] ${msg}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(latencies: number[], ms: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    appends: latencies.length,
    perSecond: Math.round((latencies.length / ms) * 1000),
    p50Ms: round(percentile(sorted, 50), 3),
    p90Ms: round(percentile(sorted, 90), 3),
    p99Ms: round(percentile(sorted, 99), 3),
    maxMs: round(sorted.at(-1) ?? NaN, 3),
  };
}

async function conversation(stores: RedisStores): Promise<string> {
  const visitorId = `v_${randomUUID().slice(0, 8)}`;
  await stores.visitors.create(randomUUID(), visitorId);
  const { conversation } = await stores.conversations.open({
    id: `c_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    siteId: 'introserv',
    visitorId,
    language: 'en',
    page: { url: 'https://introserv.com/', title: 'INTROSERV' },
    timeZone: 'Europe/Berlin',
    department: 'general',
    visitor: { name: null, email: null, verified: false, userId: null, userAgent: null, ip: null, country: null },
    now: Date.now(),
  });
  return conversation.id;
}

const append = (stores: RedisStores, conversationId: string, n: number) =>
  stores.conversations.append({ conversationId, id: `bench-msg-${randomUUID()}`, kind: 'text', author: { kind: 'visitor' }, text: `a message of ordinary length, number ${n}, about a server that is down` });

async function run(label: string, stores: RedisStores) {
  const one = await conversation(stores);
  for (let i = 0; i < 200; i++) await append(stores, one, i); // warm-up: scripts loaded, connections hot
  const seq: number[] = [];
  let t0 = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const s = performance.now();
    await append(stores, one, i);
    seq.push(performance.now() - s);
  }
  const sequential = summary(seq, performance.now() - t0);
  const conversations = await Promise.all(Array.from({ length: CONCURRENCY }, () => conversation(stores)));
  const conc: number[] = [];
  let next = 0;
  t0 = performance.now();
  await Promise.all(
    conversations.map(async (c) => {
      while (next < CONCURRENT) {
        const n = next++;
        const s = performance.now();
        await append(stores, c, n);
        conc.push(performance.now() - s);
      }
    }),
  );
  const concurrent = summary(conc, performance.now() - t0);
  log(`${label}: sequential p50 ${sequential.p50Ms} ms p99 ${sequential.p99Ms} ms; ${CONCURRENCY} concurrent ${concurrent.perSecond}/s p99 ${concurrent.p99Ms} ms`);
  return { sequential, concurrent: { concurrency: CONCURRENCY, ...concurrent } };
}

async function main(): Promise<void> {
  const primary = await startRedisServer();
  const replica = await startReplica(primary);
  const off = connectRedisStores(primary.url, 'rw-off:');
  let unconfirmed = 0;
  const on = connectRedisStores(primary.url, 'rw-on:', {
    wait: { replicas: 1, timeoutMs: 250 },
    waitListener: { degraded: () => log('degraded: the replica did not confirm in time'), recovered: () => {}, unconfirmed: (n) => (unconfirmed += n) },
  });
  try {
    const waitOff = await run('REDIS_WAIT_REPLICAS=0', off);
    const waitOne = await run('REDIS_WAIT_REPLICAS=1', on);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'replica-wait',
        at: new Date().toISOString(),
        machine: machineInfo(),
        loadAverage1m: round((await import('node:os')).loadavg()[0] ?? NaN, 2),
        setup: 'one primary, one replica (redis-server, loopback), appends through RedisConversationStore',
        waitOff,
        waitOne: { ...waitOne, unconfirmed },
        cost: {
          sequentialP50Ms: round(waitOne.sequential.p50Ms - waitOff.sequential.p50Ms, 3),
          sequentialP99Ms: round(waitOne.sequential.p99Ms - waitOff.sequential.p99Ms, 3),
          concurrentThroughput: round(waitOne.concurrent.perSecond / waitOff.concurrent.perSecond, 2),
        },
      })}\n`,
    );
  } finally {
    await off.close();
    await on.close();
    await replica.stop();
    await primary.stop();
  }
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
