import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapAdmin, connectRedisStores, createApplication, createLogger, createRedis, loadConfig, type Application } from '@introserv/server';
import { startRedisServer, type RedisServerHandle } from '@introserv/server/testing';

export const ADMIN = { email: 'admin@introserv.test', password: 'e2e-admin-password', name: 'Ana' };

export interface RunningServer {
  url: string;
  app: Application;
  /** Stops the server process's HTTP and Socket.IO side (Redis keeps running), as a crash would. */
  stopApp(): Promise<void>;
  /** Starts it again on the same port and the same Redis, as a restart would. */
  startApp(): Promise<void>;
  /** Stops redis-server, as an outage would; the app keeps running and answers STORE_UNAVAILABLE. */
  stopRedis(): Promise<void>;
  /** Starts redis-server again on the same port; the store and the adapter reconnect by themselves. */
  startRedis(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real server on a free port, with the Redis store and adapter on a throwaway redis-server.
 * `env` adds to the server's environment, e.g. `{ ALLOWED_ORIGINS: 'https://introserv.com' }`.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  for (const f of ['../../widget/dist/loader.js', '../../widget/dist/chat.js', '../../console/dist/index.html']) {
    if (!existsSync(fileURLToPath(new URL(f, import.meta.url)))) throw new Error(`${f} is missing: run "pnpm build" before the e2e tests`);
  }
  const redis: RedisServerHandle = await startRedisServer();
  // Uploads of this run go to a directory of its own, removed when the server stops.
  const uploads = mkdtempSync(join(tmpdir(), 'e2e-uploads-'));
  const config = loadConfig({
    UPLOAD_DIR: uploads,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    REDIS_URL: redis.url,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_NAME: ADMIN.name,
    // Every browser of a run comes from 127.0.0.1: one address may have many chats waiting here.
    QUOTA_QUEUED_PER_IP: '100',
    ...env,
  });
  const log = createLogger(config.logLevel);
  const stores = connectRedisStores(redis.url, config.redisPrefix);
  const adapterRedis = createRedis(redis.url, { enableAutoPipelining: true });
  // Refused connections during an outage a test makes on purpose; ioredis reconnects by itself.
  adapterRedis.on('error', () => {});
  await bootstrapAdmin(stores.operators, config, log);
  let app = createApplication({ config, stores, log, adapterRedis });
  const url = await app.listen();
  const port = Number(new URL(url).port);
  let running = true;
  const server: RunningServer = {
    url,
    app,
    stopApp: async () => {
      running = false;
      await app.close();
    },
    startApp: async () => {
      app = createApplication({ config: { ...config, port }, stores, log, adapterRedis });
      server.app = app;
      await app.listen();
      running = true;
    },
    stopRedis: () => redis.stop(),
    startRedis: () => redis.restart(),
    stop: async () => {
      if (running) await app.close();
      await stores.close();
      adapterRedis.disconnect();
      await redis.stop();
      rmSync(uploads, { recursive: true, force: true });
    },
  };
  return server;
}
