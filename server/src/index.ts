/** The server's public entry: what e2e tests and benchmarks may import. Test helpers are in `./testing`. */
export { createApplication, type AppComponents, type Application } from './app.js';
export { bootstrapAdmin } from './auth/bootstrap-admin.js';
export { loadConfig, type Config } from './config.js';
export { createLogger } from './logger.js';
export { createRedis, type RedisAddress, type RedisTarget } from './store/redis-connection.js';
export { connectRedisStores, createMemoryStores, createRedisStores, type RedisStores, type Stores } from './stores.js';
