import type { Redis } from 'ioredis';
import { createApplication } from './app.js';
import { bootstrapAdmin } from './auth/bootstrap-admin.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { createRedis, describeTarget, firstConnect, RedisUnreachable } from './store/redis-connection.js';
import { connectRedisStores, createMemoryStores, type Stores } from './stores.js';

/** Exit codes (sysexits.h): a bad environment, a service that is not there. */
const EX_CONFIG = 78;
const EX_UNAVAILABLE = 69;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(EX_CONFIG);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const metrics = new Metrics({ processMetrics: true });

  let stores: Stores;
  let adapterRedis: Redis | undefined;
  if (config.redis) {
    const target = config.redis;
    // Until the first connection, an error is the one line below; after it, a warning while ioredis reconnects.
    let started = false;
    const onError = (err: Error) => {
      if (started) log.warn({ err: err.message }, 'redis connection problem');
    };
    const redisStores = connectRedisStores(target, config.redisPrefix, {
      onError,
      wait: config.redisWait,
      waitListener: {
        degraded: (confirmed) => {
          metrics.replicaWaitDegraded.set(1);
          log.warn({ asked: config.redisWait.replicas, confirmed, waitMs: config.redisWait.timeoutMs }, 'fewer Redis replicas than REDIS_WAIT_REPLICAS confirmed a write: acks go without waiting until enough replicas are online');
        },
        recovered: () => {
          metrics.replicaWaitDegraded.set(0);
          log.info({ replicas: config.redisWait.replicas }, 'enough Redis replicas are online again: acks wait for them');
        },
        unconfirmed: (count) => metrics.unreplicatedAcks.inc(count),
      },
    });
    stores = redisStores;
    // Auto-pipelining batches the adapter's per-broadcast XADDs of one tick into one write (it
    // blocks on XREAD on a duplicate connection, not this one).
    const adapter = createRedis(target, { enableAutoPipelining: true });
    adapter.on('error', onError);
    adapterRedis = adapter;
    try {
      await firstConnect(target, [redisStores.redis, adapter]);
    } catch (err) {
      if (!(err instanceof RedisUnreachable)) throw err;
      // One line, no stack: the address and why (stderr is written synchronously before the exit).
      process.stderr.write(`${err.message}\n`);
      process.exit(EX_UNAVAILABLE);
    }
    started = true;
    await stores.ping();
    log.info({ redis: describeTarget(target), waitReplicas: config.redisWait.replicas }, 'using the Redis store and the Socket.IO Redis streams adapter');
    if (config.sessionSecretGenerated) log.warn('SESSION_SECRET is not set: sessions do not survive a restart and are not shared between processes');
  } else {
    stores = createMemoryStores();
    log.warn('REDIS_URL (or REDIS_SENTINELS) is not set: using the in-memory store. Nothing is durable and only one process can run. Set REDIS_URL for production.');
  }

  await bootstrapAdmin(stores.operators, config, log);
  const app = createApplication({ config, stores, log, adapterRedis, metrics });
  const url = await app.listen();
  log.info({ url, publicUrl: config.publicUrl, demo: `${config.publicUrl}/`, console: `${config.publicUrl}/console/` }, 'listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.timings.shutdownTimeoutMs);
    force.unref();
    // Finish what is in flight within half the bound, then close; the rest is for the store.
    void app
      .shutdown(config.timings.shutdownTimeoutMs / 2)
      .then(() => stores.close())
      .then(() => adapterRedis?.quit())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
