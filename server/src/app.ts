import { randomUUID } from 'node:crypto';
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
import { requireJson, requireOperator, requireSameOrigin } from './http/request-guards.js';
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
import { conversationEscalationsRouter, escalationsRouter } from './http/escalations.router.js';
import { leaveMessageRouter } from './http/leave-message.router.js';
import { ticketsRouter } from './http/tickets.router.js';
import { MemoryAttachmentSource, type AttachmentSource } from './tickets/attachment-source.js';
import { EscalationService } from './tickets/escalation.service.js';
import { EscalationWorker } from './tickets/escalation.worker.js';
import { createTicketProvider } from './tickets/providers.js';
import { composeTicket } from './tickets/ticket-composer.js';

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
  /** Where tickets read the chat's uploaded files from (the uploads feature's port); none by default. */
  attachments?: AttachmentSource;
}

export interface Application {
  httpServer: HttpServer;
  io: Server;
  chat: ChatService;
  routing: RoutingService;
  login: LoginService;
  escalations: EscalationService;
  /** Sends the escalation outbox (tests run its passes). */
  escalationWorker: EscalationWorker;
  /** Listens on config.port (0 = any free port) and resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the whole server from its components, without listening: tests boot it on port 0
 * with the stores they choose; main.ts boots it from the environment. Services get the
 * ports they use; transport (HTTP, Socket.IO) depends on services, never the reverse.
 */
export function createApplication({ config, stores, log, adapterRedis, staticDirs = defaultStaticDirs, attachments = new MemoryAttachmentSource() }: AppComponents): Application {
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
  });
  const chat = new ChatService(stores, routing, broadcaster, log.child({ mod: 'chat' }), {
    visitorGraceMs: config.visitorGraceMs,
    idleCloseMs: config.idleCloseMs,
    identitySecret: config.identitySecret,
  });
  routing.listen(chat);
  const login = new LoginService(stores, sessions, broadcaster, log.child({ mod: 'auth' }), config.loginLimits);
  const provider = createTicketProvider(config.tickets, config.escalation.timeoutMs, stores.tickets);
  const ticketLog = log.child({ mod: 'tickets' });
  const escalationWorker: EscalationWorker = new EscalationWorker(
    stores.escalations,
    provider,
    (record) => composeTicket(record, { conversations: stores.conversations, attachments }),
    { settled: (record): Promise<void> => escalations.settled(record) },
    ticketLog,
    config.escalation,
    // The outbox's claims and lease belong to this application instance.
    `app-${randomUUID()}`,
  );
  const escalations: EscalationService = new EscalationService(stores, broadcaster, escalationWorker, ticketLog, { provider: provider.name, leaveMessageLimits: config.leaveMessageLimits });

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(healthRouter(stores, config.timings.readyTimeoutMs));
  const departmentList = new DepartmentListCache(stores.departments, config.timings.settingsCacheMs);
  app.use(widgetRouter(origins, { departments: departmentList, leaveMessageAfterSeconds: config.leaveMessageAfterSeconds }));
  app.use(leaveMessageRouter({ origins, visitors: stores.visitors, escalations }));
  const api = express.Router();
  api.use(requireSameOrigin(origins), requireJson, express.json({ limit: '64kb' }));
  api.use('/auth', authRouter({ login, authenticate, presence: stores.presence, secureCookies: config.publicUrl.startsWith('https:'), sessionTtlMs: config.sessionTtlMs }));
  api.use('/conversations', requireOperator(authenticate), conversationsRouter(chat));
  api.use('/conversations', requireOperator(authenticate), conversationEscalationsRouter(escalations));
  api.use('/escalations', requireOperator(authenticate), escalationsRouter(escalations));
  api.use('/tickets', requireOperator(authenticate), ticketsRouter(stores.tickets, provider.name));
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
    escalations,
    escalationWorker,
    listen: async () => {
      await routing.start();
      chat.start(config.timings.visitorSweepMs);
      escalationWorker.start();
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
      await escalationWorker.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
