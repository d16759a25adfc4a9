import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NAMESPACES } from '@introserv/shared';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { createAuthenticate } from './auth/authenticate.js';
import { LoginService } from './auth/login.service.js';
import { OriginPolicy } from './auth/origin-policy.js';
import { SessionService } from './auth/session.service.js';
import { ChatService } from './chat/chat.service.js';
import type { Config } from './config.js';
import { authRouter } from './http/auth.router.js';
import { conversationsRouter } from './http/conversations.router.js';
import { healthRouter } from './http/health.router.js';
import { apiNotFound, errorHandler } from './http/http-error.js';
import { requireAdmin, requireJson, requireOperator, requireSameOrigin } from './http/request-guards.js';
import { defaultStaticDirs, staticRouter, type StaticDirs } from './http/static.router.js';
import { widgetRouter } from './http/widget.router.js';
import { DepartmentListCache } from './departments/department-list-cache.js';
import type { Logger } from './logger.js';
import { OperatorDirectory } from './operators/operator-directory.js';
import { createLocalFirstAdapter } from './realtime/local-first-adapter.js';
import { setUpOperatorNamespace } from './realtime/operator.namespace.js';
import { SocketBroadcaster } from './realtime/socket-broadcaster.js';
import { setUpVisitorNamespace } from './realtime/visitor.namespace.js';
import { RoutingService } from './routing/routing.service.js';
import type { Stores } from './stores.js';
import { CannedService } from './canned/canned.service.js';
import { DepartmentService } from './departments/department.service.js';
import { HistoryService } from './history/history.service.js';
import { cannedRouter } from './http/canned.router.js';
import { departmentsRouter } from './http/departments.router.js';
import { historyRouter } from './http/history.router.js';
import { statsRouter } from './http/stats.router.js';
import { teamRouter } from './http/team.router.js';
import { visitorsRouter } from './http/visitors.router.js';
import { workspaceRouter } from './http/workspace.router.js';
import { StatsService } from './stats/stats.service.js';
import { TeamService } from './team/team.service.js';

export interface AppComponents {
  config: Config;
  stores: Stores;
  log: Logger;
  /**
   * A Redis connection for the Socket.IO streams adapter (it blocks on XREAD, so it must
   * not be the stores'). Without it, broadcasts stay in this process.
   */
  adapterRedis?: Redis;
  staticDirs?: StaticDirs;
}

export interface Application {
  httpServer: HttpServer;
  io: Server;
  chat: ChatService;
  routing: RoutingService;
  login: LoginService;
  /** Listens on config.port (0 = any free port) and resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the whole server from its components, without listening: tests boot it on port 0
 * with the stores they choose; main.ts boots it from the environment. Services get the
 * ports they use; transport (HTTP, Socket.IO) depends on services, never the reverse.
 */
export function createApplication({ config, stores, log, adapterRedis, staticDirs = defaultStaticDirs }: AppComponents): Application {
  const origins = new OriginPolicy(config);
  const sessions = new SessionService(stores.sessions, config.sessionSecret, config.sessionTtlMs);
  const directory = new OperatorDirectory(stores.operators, config.operatorCacheMs);
  const authenticate = createAuthenticate(sessions, directory);

  // Routes are mounted below, once the services exist; Socket.IO must wrap the server's
  // request listener, so the app is that listener from the start.
  const app = express();
  const httpServer = createServer(app);
  const io = new Server(httpServer, {
    // The widget is embedded cross-origin; the polling fallback needs CORS (no cookies there).
    cors: { origin: (origin, cb) => cb(null, !origin || origins.widgetAllowed(origin) || origins.consoleAllowed(origin, undefined)) },
    maxHttpBufferSize: 64 * 1024,
    pingInterval: config.timings.pingIntervalMs,
    pingTimeout: config.timings.pingTimeoutMs,
    ...(adapterRedis ? { adapter: createLocalFirstAdapter(adapterRedis, { streamName: `${config.redisPrefix}socket.io` }) } : {}),
  });
  const broadcaster = new SocketBroadcaster(io);

  const routing = new RoutingService(stores, log.child({ mod: 'routing' }), {
    graceMs: config.operatorGraceMs,
    leaseMs: config.presenceLeaseMs,
    defaultCapacity: config.operatorCapacity,
    fallbackMs: config.routingFallbackMs,
  });
  const stats = new StatsService(
    stores,
    {
      waiting: async () => (await Promise.all((await routing.queues()).map((q) => stores.routing.queueLength(q)))).reduce((a, b) => a + b, 0),
      operatorsOnline: async () => (await Promise.all((await stores.operators.list()).map((o) => stores.presence.isAvailable(o.id)))).filter(Boolean).length,
    },
    log.child({ mod: 'stats' }),
  );
  const history = new HistoryService(stores, log.child({ mod: 'history' }));
  const chat = new ChatService(
    stores,
    routing,
    broadcaster,
    log.child({ mod: 'chat' }),
    {
      visitorGraceMs: config.visitorGraceMs,
      idleCloseMs: config.idleCloseMs,
      identitySecret: config.identitySecret,
    },
    Date.now,
    { recorder: stats, indexer: history },
  );
  routing.listen(chat);
  const login = new LoginService(stores, sessions, broadcaster, log.child({ mod: 'auth' }), config.loginLimits);

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(healthRouter(stores, config.timings.readyTimeoutMs));
  const departmentList = new DepartmentListCache(stores.departments, config.timings.settingsCacheMs);
  const departments = new DepartmentService(stores.departments, () => departmentList.forget());
  const team = new TeamService(
    stores,
    { sessions, connections: broadcaster, routing, directory, defaultCapacity: config.operatorCapacity },
    log.child({ mod: 'team' }),
  );
  app.use(widgetRouter(origins, { departments: departmentList, leaveMessageAfterSeconds: config.leaveMessageAfterSeconds }));
  const api = express.Router();
  api.use(requireSameOrigin(origins), requireJson, express.json({ limit: '64kb' }));
  api.use('/auth', authRouter({ login, authenticate, presence: stores.presence, secureCookies: config.publicUrl.startsWith('https:'), sessionTtlMs: config.sessionTtlMs }));
  api.use('/conversations', requireOperator(authenticate), conversationsRouter(chat));
  const signedIn = requireOperator(authenticate);
  api.use('/operators', signedIn, requireAdmin, teamRouter(team));
  api.use(workspaceRouter({ team, departments, signedIn, waitAlertSeconds: config.waitAlertSeconds, defaultCapacity: config.operatorCapacity }));
  api.use('/departments', signedIn, departmentsRouter(departments, requireAdmin));
  api.use('/canned', signedIn, cannedRouter(new CannedService(stores.canned), requireAdmin));
  api.use('/history', signedIn, historyRouter({ history, chat, departments }));
  api.use('/visitors', signedIn, visitorsRouter(chat));
  api.use('/stats', signedIn, requireAdmin, statsRouter(stats));
  api.use(apiNotFound);
  app.use('/api', api);
  app.use(staticRouter(staticDirs));
  app.use(errorHandler(log));

  setUpVisitorNamespace(io.of(NAMESPACES.visitor), { chat, origins, log, rateLimits: config.rateLimits.visitor, trustProxy: config.trustProxy });
  setUpOperatorNamespace(io.of(NAMESPACES.operator), {
    chat,
    routing,
    conversations: stores.conversations,
    presence: stores.presence,
    authenticate,
    origins,
    log,
    rateLimits: config.rateLimits.operator,
  });

  return {
    httpServer,
    io,
    chat,
    routing,
    login,
    listen: async () => {
      await routing.start();
      chat.start(config.timings.visitorSweepMs);
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const { port } = httpServer.address() as AddressInfo;
          // Whatever may be waiting since before a restart gets an operator now.
          routing.drain().catch((err: unknown) => log.error({ err }, 'initial queue drain failed'));
          resolve(`http://127.0.0.1:${port}`);
        });
      });
    },
    close: async () => {
      routing.close();
      chat.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
