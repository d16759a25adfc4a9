/** The server's public entry: what e2e tests and benchmarks may import. */
export { createApplication, type AppComponents, type Application } from './app.js';
export { bootstrapAdmin } from './auth/bootstrap-admin.js';
export { loadConfig, type Config } from './config.js';
export { createLogger } from './logger.js';
export { MemoryStore } from './store/memory.store.js';
export { RedisStore } from './store/redis.store.js';
export type { Store } from './store/store.js';
export { freePort, redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
