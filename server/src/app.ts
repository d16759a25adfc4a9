import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NAMESPACES } from '@introserv/shared';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { Sessions } from './auth/sessions.js';
import { ChatService } from './chat/chat.service.js';
import type { Config } from './config.js';
import { authRouter } from './http/auth.router.js';
import { conversationsRouter } from './http/conversations.router.js';
import { healthRouter } from './http/health.router.js';
import { widgetRouter } from './http/widget.router.js';
import { apiNotFound, errorHandler } from './http/http-error.js';
import { requireJson, requireOperator, requireSameOrigin } from './http/session.middleware.js';
import { defaultStaticDirs, staticRouter, type StaticDirs } from './http/static.router.js';
import type { Logger } from './logger.js';
import { SocketBroadcaster } from './realtime/broadcaster.js';
import { createLocalFirstAdapter } from './realtime/local-first-adapter.js';
import { setUpOperatorNamespace } from './realtime/operator.namespace.js';
import { OriginPolicy } from './realtime/origin-policy.js';
import { setUpVisitorNamespace } from './realtime/visitor.namespace.js';
import { Router } from './routing/router.js';
import type { Store } from './store/store.js';

export interface AppComponents {
  config: Config;
  store: Store;
  log: Logger;
  /**
   * A Redis connection for the Socket.IO streams adapter (it blocks on XREAD, so it must
   * not be the store's). Without it, broadcasts stay in this process.
   */
  adapterRedis?: Redis;
  staticDirs?: StaticDirs;
}

export interface Application {
  httpServer: HttpServer;
  io: Server;
  chat: ChatService;
  router: Router;
  /** Listens on config.port (0 = any free port) and resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the whole server from its components, without listening: tests boot it on port 0
 * with the store they choose; main.ts boots it from the environment.
 */
export function createApplication({ config, store, log, adapterRedis, staticDirs = defaultStaticDirs }: AppComponents): Application {
  const origins = new OriginPolicy(config);
  const sessions = new Sessions(store, config.sessionSecret, config.sessionTtlMs);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(healthRouter(store));
  app.use(widgetRouter(origins));
  const api = express.Router();
  api.use(requireSameOrigin(origins), requireJson, express.json({ limit: '64kb' }));
  api.use('/auth', authRouter({ store, sessions, secureCookies: config.publicUrl.startsWith('https:'), log: log.child({ mod: 'auth' }) }));
  const chatApi = express.Router();
  app.use('/api', api);
  api.use('/conversations', requireOperator(sessions, store), chatApi);
  api.use(apiNotFound);
  app.use(staticRouter(staticDirs));
  app.use(errorHandler(log));

  const httpServer = createServer(app);
  const io = new Server(httpServer, {
    // The widget is embedded cross-origin; the polling fallback needs CORS (no cookies there).
    cors: { origin: (origin, cb) => cb(null, !origin || origins.widgetAllowed(origin) || origins.consoleAllowed(origin, undefined)) },
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    ...(adapterRedis ? { adapter: createLocalFirstAdapter(adapterRedis, { streamName: `${config.redisPrefix}socket.io` }) } : {}),
  });

  const broadcaster = new SocketBroadcaster(io);
  const router = new Router(store, broadcaster, log.child({ mod: 'routing' }), {
    graceMs: config.operatorGraceMs,
    leaseMs: config.presenceLeaseMs,
  });
  const chat = new ChatService(store, router, broadcaster, log.child({ mod: 'chat' }));
  chatApi.use(conversationsRouter(chat));

  setUpVisitorNamespace(io.of(NAMESPACES.visitor), chat, origins, log);
  setUpOperatorNamespace(io.of(NAMESPACES.operator), { chat, router, sessions, store, origins, log });

  return {
    httpServer,
    io,
    chat,
    router,
    listen: async () => {
      await router.start();
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const { port } = httpServer.address() as AddressInfo;
          // Whatever may be waiting since before a restart gets an operator now.
          router.drain().catch((err: unknown) => log.error({ err }, 'initial queue drain failed'));
          resolve(`http://127.0.0.1:${port}`);
        });
      });
    },
    close: async () => {
      router.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
