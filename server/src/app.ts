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
import { VisitorTokens } from './auth/visitor-token.js';
import { ChatService } from './chat/chat.service.js';
import { RetentionService } from './chat/retention.service.js';
import type { Config } from './config.js';
import { metricsRouter } from './http/metrics.router.js';
import { mountHttp } from './http/mount-http.js';
import { defaultStaticDirs, type StaticDirs } from './http/static.router.js';
import { EscalationService } from './tickets/escalation.service.js';
import { EscalationWorker } from './tickets/escalation.worker.js';
import { createTicketProvider } from './tickets/providers.js';
import { composeTicket } from './tickets/ticket-composer.js';
import { DepartmentListCache } from './departments/department-list-cache.js';
import { LogSampler } from './log-sampler.js';
import type { Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { QuotaService } from './limits/quota.service.js';
import { OperatorDirectory } from './operators/operator-directory.js';
import { ConnectionGuard } from './realtime/connection-guard.js';
import { Drain } from './realtime/drain.js';
import { createLocalFirstAdapter, PeerWatch } from './realtime/local-first-adapter.js';
import { setUpOperatorNamespace } from './realtime/operator.namespace.js';
import { SocketBroadcaster } from './realtime/socket-broadcaster.js';
import { setUpVisitorNamespace } from './realtime/visitor.namespace.js';
import { RoutingService } from './routing/routing.service.js';
import { StoreHealth } from './store/store-health.js';
import { isStoreFailure } from './store/store-unavailable.js';
import type { Stores } from './stores.js';
import { CannedService } from './canned/canned.service.js';
import { DepartmentService } from './departments/department.service.js';
import { HistoryService } from './history/history.service.js';
import { StatsService } from './stats/stats.service.js';
import { TeamService } from './team/team.service.js';
import { AttachmentService } from './attachments/attachment.service.js';
import { statfsProbe, type DiskSpaceProbe } from './attachments/disk-space.js';
import { DiskFileStore } from './attachments/disk-file.store.js';
import type { FileStore } from './attachments/file.store.js';
import { defaultSiteSettings } from './settings/defaults.js';
import { SettingsCache } from './settings/settings-cache.js';
import { smtpMailer, type Mailer } from './transcripts/mailer.js';
import { WaitingLine } from './waiting/waiting-line.js';

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
  /** The process's metrics (main.ts adds the process's own); a fresh registry when absent. */
  metrics?: Metrics;
  /** Where uploaded files' bytes go; a DiskFileStore in `config.uploadDir` unless given. */
  files?: FileStore;
  /** Sends transcript e-mails; an SMTP mailer from `config.smtp` unless given (none without SMTP). */
  mailer?: Mailer;
  /** UPLOAD_DIR's free space; `statfs` of it unless given (not watched when `files` is given). */
  diskSpace?: DiskSpaceProbe;
}

export interface Application {
  httpServer: HttpServer;
  io: Server;
  chat: ChatService;
  routing: RoutingService;
  login: LoginService;
  retention: RetentionService;
  metrics: Metrics;
  /**
   * A graceful stop (SIGTERM): takes no new connections and no new commands, lets the commands
   * in flight finish their writes and acks (for up to `drainMs`), then closes every connection
   * so that clients reconnect to another process. Resolves with whether everything finished.
   */
  shutdown(drainMs: number): Promise<boolean>;
  escalations: EscalationService;
  /** Sends the escalation outbox (tests run its passes). */
  escalationWorker: EscalationWorker;
  /** Uploaded files; `read(id)` gives any file's name, type and bytes to other services (tickets). */
  attachments: AttachmentService;
  /** Listens on config.port (0 = any free port) and resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the whole server from its components, without listening: tests boot it on port 0
 * with the stores they choose; main.ts boots it from the environment. Services get the
 * ports they use; transport (HTTP, Socket.IO) depends on services, never the reverse.
 */
export function createApplication({ config, stores, log, adapterRedis, staticDirs = defaultStaticDirs, metrics = new Metrics(), files, mailer, diskSpace }: AppComponents): Application {
  const sampler = new LogSampler(log, config.timings.logWindowMs);
  const health = new StoreHealth(sampler, (kind) => metrics.storeErrors.inc({ kind }));
  const guard = new ConnectionGuard(config.connectionLimits, config.trustProxy, sampler, metrics);
  const drain = new Drain();
  const peers = new PeerWatch();
  const siteDefaults = defaultSiteSettings(config);
  const settingsCache = new SettingsCache(stores.settings, siteDefaults, config.timings.settingsCacheMs);
  // The admin's allowed origins join ALLOWED_ORIGINS, read from the cache: handshakes stay cheap.
  const origins = new OriginPolicy(config, () => settingsCache.peek().settings.allowedOrigins);
  const sessions = new SessionService(stores.sessions, config.sessionSecret, config.sessionTtlMs);
  const directory = new OperatorDirectory(stores.operators, config.operatorCacheMs);
  const authenticate = createAuthenticate(sessions, directory);

  // Routes are mounted below, once the services exist; Socket.IO must wrap the server's
  // request listener, so the app is that listener from the start.
  const app = express();
  // A request (body included) that trickles in is dropped after requestTimeoutMs, not Node's 300 s.
  const httpServer = createServer(
    {
      headersTimeout: config.timings.headersTimeoutMs,
      requestTimeout: config.timings.requestTimeoutMs,
      connectionsCheckingInterval: config.timings.connectionsCheckingIntervalMs,
    },
    app,
  );
  const io = new Server(httpServer, {
    // The widget is embedded cross-origin; the polling fallback needs CORS (no cookies there).
    cors: { origin: (origin, cb) => cb(null, !origin || origins.widgetAllowed(origin) || origins.consoleAllowed(origin, undefined)) },
    maxHttpBufferSize: 64 * 1024,
    allowRequest: guard.allowRequest,
    pingInterval: config.timings.pingIntervalMs,
    pingTimeout: config.timings.pingTimeoutMs,
    ...(adapterRedis ? { adapter: createLocalFirstAdapter(adapterRedis, { streamName: `${config.redisPrefix}socket.io` }, peers) } : {}),
  });
  guard.attach(io.engine);
  const broadcaster = new SocketBroadcaster(io, peers);

  const routing = new RoutingService(stores, log.child({ mod: 'routing' }), {
    graceMs: config.operatorGraceMs,
    leaseMs: config.presenceLeaseMs,
    defaultCapacity: config.operatorCapacity,
    fallbackMs: config.routingFallbackMs,
  });
  const quotas = new QuotaService(stores.rateLimits, config.quotas, (kind) => metrics.limited(`quota:${kind}`), Date.now, {
    messageBatchMs: config.timings.quotaBatchMs,
    onError: (err) => {
      if (isStoreFailure(err)) health.failed(err, { during: 'quota update' });
      else log.error({ err }, 'quota update failed');
    },
  });
  // Uploaded files; tickets read theirs from here too.
  // UPLOAD_DIR's free space is watched when the files go there (not when a test keeps them in memory).
  const space = diskSpace ?? (files ? undefined : statfsProbe(config.uploadDir));
  const attachments = new AttachmentService(
    { attachments: stores.attachments, files: files ?? new DiskFileStore(config.uploadDir), rateLimits: stores.rateLimits, conversations: stores.conversations, ...(space ? { space } : {}) },
    { maxBytes: config.uploadMaxBytes, ...config.uploadQuota },
  );
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
    { ...stores, files: attachments },
    routing,
    broadcaster,
    log.child({ mod: 'chat' }),
    { visitorGraceMs: config.visitorGraceMs, idleCloseMs: config.idleCloseMs, identitySecret: config.identitySecret },
    Date.now,
    quotas,
    { recorder: stats, indexer: history },
  );
  routing.listen(chat);
  chat.observe({
    assigned: (c, at) => metrics.waitSeconds.observe({ queue: c.department }, Math.max(0, at - c.createdAt) / 1000),
    firstReply: (c, at) => metrics.firstResponseSeconds.observe({ queue: c.department }, Math.max(0, at - c.createdAt) / 1000),
  });
  const departmentList = new DepartmentListCache(stores.departments, config.timings.settingsCacheMs);
  // One queue per department.
  metrics.gauge('livechat_queue_length', 'Conversations waiting in each queue', ['queue'], async (set) => {
    for (const { id } of await departmentList.list()) set({ queue: id }, await stores.routing.queueLength(id));
  });
  const retention = new RetentionService(stores.retention, config.retentionMs, log.child({ mod: 'retention' }), Date.now, attachments);
  const waiting = new WaitingLine(stores, broadcaster, log.child({ mod: 'waiting' }));
  // Queue moves tell waiting visitors their place, and give back an address's place in the queue.
  chat.observeQueue({
    queueChanged: (conversation, how) => {
      waiting.queueChanged(conversation, how);
      quotas.queueChanged(conversation, how);
    },
  });
  const transcriptMailer = mailer ?? (config.smtp ? smtpMailer(config.smtp.url, config.smtp.from) : undefined);
  const login = new LoginService(stores, sessions, broadcaster, log.child({ mod: 'auth' }), { limits: config.loginLimits, sampler });
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

  const departments = new DepartmentService(stores.departments, () => departmentList.forget());
  const team = new TeamService(
    stores,
    { sessions, connections: broadcaster, routing, directory, defaultCapacity: config.operatorCapacity },
    log.child({ mod: 'team' }),
  );
  // Every HTTP route: the registries in shared/http bound to their handlers (http/mount-http.ts).
  mountHttp(app, {
    config,
    log,
    health,
    metrics,
    store: stores,
    draining: () => drain.draining,
    origins,
    authenticate,
    visitorTokens: new VisitorTokens(stores.visitors),
    staticDirs,
    widget: {
      settings: { origins, departments: departmentList, settings: settingsCache, transcriptEmail: transcriptMailer !== undefined, uploadMaxBytes: config.uploadMaxBytes },
      attachments,
      transcripts: { chat, rateLimits: stores.rateLimits, emailLimits: config.transcriptEmailLimits, mailer: transcriptMailer, log: log.child({ mod: 'visitor-http' }) },
      escalations,
    },
    console: {
      auth: { login, presence: stores.presence, secureCookies: config.publicUrl.startsWith('https:'), sessionTtlMs: config.sessionTtlMs },
      chat,
      attachments,
      conversations: stores.conversations,
      escalations,
      tickets: { store: stores.tickets, provider: provider.name },
      team,
      departments,
      canned: new CannedService(stores.canned),
      history,
      stats,
      settings: { store: stores.settings, cache: settingsCache, defaults: siteDefaults },
      config,
      log,
    },
  });

  const realtime = { guard, sampler, health, metrics, drain };
  setUpVisitorNamespace(io.of(NAMESPACES.visitor), { chat, origins, log, rateLimits: config.rateLimits.visitor, trustProxy: config.trustProxy, waiting, ...realtime });
  setUpOperatorNamespace(io.of(NAMESPACES.operator), {
    chat,
    routing,
    conversations: stores.conversations,
    presence: stores.presence,
    authenticate,
    origins,
    log,
    rateLimits: config.rateLimits.operator,
    ...realtime,
  });

  // METRICS_PORT: /metrics alone on a port of its own (no token), for a private network.
  let metricsServer: HttpServer | undefined;
  // Closing every socket ends each transport: Socket.IO clients see "transport close" and
  // reconnect, through the balancer, to another process.
  const close = async () => {
    routing.close();
    peers.stop();
    chat.stop();
    retention.stop();
    await escalationWorker.stop();
    metricsServer?.close();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  };

  return {
    httpServer,
    io,
    chat,
    routing,
    login,
    retention,
    metrics,
    escalations,
    escalationWorker,
    attachments,
    listen: async () => {
      // The admin's allowed origins are known before the first handshake.
      await settingsCache.get();
      await routing.start();
      chat.start(config.timings.visitorSweepMs);
      escalationWorker.start();
      retention.start(config.timings.retentionSweepMs);
      if (adapterRedis) {
        peers.start(() => io.of(NAMESPACES.operator).adapter.serverCount(), config.timings.peerPollMs);
        // Let the other processes see this one (their next poll) before it takes connections:
        // until then they may skip publishing what its sockets would need.
        await new Promise((resolve) => setTimeout(resolve, config.timings.peerPollMs * 1.5));
      }
      if (config.metrics.port) {
        const server = createServer(express().use(metricsRouter(metrics, undefined)));
        metricsServer = server;
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.metrics.port, config.host, resolve);
        });
      }
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
    shutdown: async (drainMs) => {
      guard.closing = true;
      // Stop listening now; the callback fires once every connection has gone (io.close below).
      httpServer.close(() => {});
      const finished = await drain.drain(drainMs);
      if (!finished) log.warn({ inFlight: drain.inFlight }, 'shutdown: commands still running after the drain period');
      // Each connection closes after its last acks are written (io.close would discard them).
      await closeConnections(io, 1_000);
      await close();
      return finished;
    },
    close,
  };
}

/** Closes every engine.io connection once its write buffer is flushed; gives up waiting after `ms`. */
async function closeConnections(io: Server, ms: number): Promise<void> {
  // `clients` is protected in engine.io's types, public at run time (and documented as such).
  const engine = io.engine as unknown as { clients: Record<string, { once(event: 'close', fn: () => void): unknown; close(): unknown }> };
  await Promise.race([
    Promise.all(
      Object.values(engine.clients).map(
        (c) =>
          new Promise<void>((resolve) => {
            c.once('close', resolve);
            c.close();
          }),
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, ms).unref()),
  ]);
}
