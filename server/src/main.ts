import { Redis } from 'ioredis';
import { createApplication } from './app.js';
import { bootstrapAdmin } from './auth/bootstrap-admin.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { connectRedisStores, createMemoryStores, type Stores } from './stores.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel);

  let stores: Stores;
  let adapterRedis: Redis | undefined;
  if (config.redisUrl) {
    const onError = (err: Error) => log.warn({ err: err.message }, 'redis connection problem');
    stores = connectRedisStores(config.redisUrl, config.redisPrefix, onError);
    // Auto-pipelining batches the adapter's per-broadcast XADDs of one tick into one write (it
    // blocks on XREAD on a duplicate connection, not this one).
    adapterRedis = new Redis(config.redisUrl, { enableAutoPipelining: true });
    adapterRedis.on('error', onError);
    await stores.ping();
    log.info({ redis: new URL(config.redisUrl).host }, 'using the Redis store and the Socket.IO Redis streams adapter');
    if (config.sessionSecretGenerated) log.warn('SESSION_SECRET is not set: sessions do not survive a restart and are not shared between processes');
  } else {
    stores = createMemoryStores();
    log.warn('REDIS_URL is not set: using the in-memory store. Nothing is durable and only one process can run. Set REDIS_URL for production.');
  }

  await bootstrapAdmin(stores.operators, config, log);
  const app = createApplication({ config, stores, log, adapterRedis, metrics: new Metrics({ processMetrics: true }) });
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
