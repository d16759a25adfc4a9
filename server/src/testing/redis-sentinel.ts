import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createRedis, type RedisTarget } from '../store/redis-connection.js';
import { freePort, startRedisServer, type RedisServerHandle } from './redis-server.js';

/**
 * Replication and Sentinel from Debian's redis-server (`redis-server --sentinel`), on free
 * ports, for the failover tests. Timings are short so that a failover takes seconds.
 */

/** A replica of `primary` (its own throwaway redis-server), resolved once it has synced. */
export async function startReplica(primary: RedisServerHandle, extraArgs: string[] = []): Promise<RedisServerHandle> {
  // Loaded straight from the socket: by default a replica first saves what the primary sends to dump.rdb in its working folder.
  const replica = await startRedisServer(['--replicaof', '127.0.0.1', String(primary.port), '--repl-diskless-load', 'swapdb', ...extraArgs]);
  await until('the replica to sync', () => withRedis(replica.url, async (r) => /master_link_status:up/.test(await r.info('replication'))));
  return replica;
}

export interface SentinelGroup {
  masterName: string;
  ports: number[];
  /** The server's environment for this group: REDIS_SENTINELS and REDIS_MASTER_NAME. */
  env: Record<string, string>;
  /** The same, for `connectRedisStores` / `createRedis` in the test itself. */
  target: RedisTarget;
  /** The port of the primary the sentinels name now. */
  primaryPort(): Promise<number>;
  /** Resolves once the sentinels name a primary other than `oldPort` and it acts as one. */
  failedOver(oldPort: number, ms?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface SentinelOptions {
  count?: number;
  masterName?: string;
  /** Unanswered for this long, a primary is subjectively down (sentinel's down-after-milliseconds). */
  downAfterMs?: number;
  failoverTimeoutMs?: number;
  /** Replicas each sentinel must know before the group counts as ready. */
  replicas: number;
}

/** `count` sentinels (quorum: a majority) watching `primary`, resolved once they know each other and its replicas. */
export async function startSentinels(primary: RedisServerHandle, options: SentinelOptions): Promise<SentinelGroup> {
  const { count = 3, masterName = 'mymaster', downAfterMs = 1_000, failoverTimeoutMs = 3_000, replicas } = options;
  const dir = mkdtempSync(join(tmpdir(), 'sentinels-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const file = join(dir, `sentinel-${port}.conf`);
    // Sentinel rewrites its file (what it learns, its id), so each gets its own in the temp dir.
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${primary.port} ${Math.floor(count / 2) + 1}`,
        `sentinel down-after-milliseconds ${masterName} ${downAfterMs}`,
        `sentinel failover-timeout ${masterName} ${failoverTimeoutMs}`,
        `sentinel parallel-syncs ${masterName} 1`,
        '',
      ].join('\n'),
    );
    children.push(spawn('redis-server', [file, '--sentinel'], { stdio: 'ignore' }));
    ports.push(port);
  }
  const group: SentinelGroup = {
    masterName,
    ports,
    env: { REDIS_SENTINELS: ports.map((p) => `127.0.0.1:${p}`).join(','), REDIS_MASTER_NAME: masterName },
    target: { kind: 'sentinel', sentinels: ports.map((port) => ({ host: '127.0.0.1', port })), masterName },
    primaryPort: () => askSentinel(ports, (s) => s.call('SENTINEL', 'get-master-addr-by-name', masterName)).then((addr) => Number((addr as string[])[1])),
    async failedOver(oldPort, ms = 30_000) {
      let port = oldPort;
      await until(
        'the sentinels to promote a replica',
        async () => {
          port = await group.primaryPort();
          return port !== oldPort && (await withRedis(`redis://127.0.0.1:${port}`, async (r) => /role:master/.test(await r.info('replication'))));
        },
        ms,
      );
      return port;
    },
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) { resolve(); return; }
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // Ready when every sentinel sees its peers (CKQUORUM) and the replicas it could promote.
  for (const port of ports) {
    await until(`sentinel ${port} to know its peers and the replicas`, () =>
      withRedis(`redis://127.0.0.1:${port}`, async (s) => {
        const quorum = (await s.call('SENTINEL', 'CKQUORUM', masterName).catch(() => '')) as string;
        const known = (await s.call('SENTINEL', 'REPLICAS', masterName)) as unknown[];
        return quorum.startsWith(`OK ${count} usable`) && known.length >= replicas;
      }),
    );
  }
  return group;
}

async function askSentinel<T>(ports: number[], ask: (r: Redis) => Promise<T>): Promise<T> {
  let last: unknown;
  for (const port of ports) {
    try {
      return await withRedis(`redis://127.0.0.1:${port}`, ask);
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error('no sentinel answered');
}

/** A short-lived connection that fails at once instead of retrying (the servers here come and go on purpose). */
async function withRedis<T>(url: string, use: (r: Redis) => Promise<T>): Promise<T> {
  const r = createRedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  r.on('error', () => {}); // a refused connection rejects `connect` below
  try {
    await r.connect();
    return await use(r);
  } finally {
    r.disconnect();
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
