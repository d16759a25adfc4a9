import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '@introserv/shared';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { redisSettings, type RedisSettings } from './config-redis.js';
import { ticketProvider, type TicketProviderConfig } from './config-tickets.js';
import { limitsConfig, LimitsEnv, type LimitsConfig } from './limits-config.js';
import type { RedisTarget } from './store/redis-connection.js';
import type { WorkerSettings } from './tickets/escalation.worker.js';

/**
 * The only module that reads `process.env`. Everything else receives a `Config`.
 * Parsing fails fast at boot with one readable line per bad variable.
 */
const Env = z.object({
  ...LimitsEnv,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The URL operators and visitors use to reach this server (no trailing path). */
  PUBLIC_URL: z.url().optional(),
  /** Unset (and no REDIS_SENTINELS): the embedded MemoryStore (nothing durable). Set: RedisStore and the Socket.IO Redis adapter. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** `host:port,host:port`: find the primary through Redis Sentinel instead of REDIS_URL. */
  REDIS_SENTINELS: z.string().optional(),
  REDIS_MASTER_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a Sentinel master name (letters, digits, . _ -)').default('mymaster'),
  /** With REDIS_SENTINELS: the primary's and replicas' password (with REDIS_URL it goes in the URL). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** After a message is stored, wait until this many replicas have it before the ack (Redis WAIT); 0 = do not wait. */
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(10).default(0),
  /** How long an ack waits for those replicas before it goes anyway (counted, and waiting pauses until they are back). */
  REDIS_WAIT_MS: z.coerce.number().int().min(1).max(10_000).default(250),
  /** Prefix of every Redis key, so that several deployments may share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[a-z0-9:_-]{1,32}$/i).default('lc:'),
  /** Keys session ids before they are stored. Every process of a deployment needs the same one. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).default('admin@introserv.local'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ADMIN_NAME: z.string().min(1).max(100).default('Admin'),
  /** Comma-separated origins allowed to embed the widget, or `*`. The PUBLIC_URL origin is always allowed. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Chats routing may give one operator at once, for operators without a capacity of their own. */
  OPERATOR_CAPACITY: z.coerce.number().int().min(1).max(100).default(5),
  /** How long an operator may be disconnected before their chats go back to the queue. */
  OPERATOR_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** A process that has not renewed its lease for this long counts as dead: its operators' connections stop counting. */
  PRESENCE_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  /** A visitor gone for less than this (a reload, a new tab) has not left the chat. */
  VISITOR_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  /** An open chat whose visitor has been gone this long closes by itself, freeing the operator's slot. */
  IDLE_CLOSE_MINUTES: z.coerce.number().min(0.01).max(7 * 24 * 60).default(30),
  /** The site's secret for `IntroservChat.identify()`: hash = HMAC-SHA256(userId NUL name NUL email, IDENTITY_SECRET). Unset: nobody is verified. */
  IDENTITY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How long a visitor waits for an operator before the widget offers to leave a message (the default until an admin sets one). */
  LEAVE_MESSAGE_AFTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-* from this many proxies (for client IPs in rate limits). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Closed conversations and visitors unseen for this long are deleted (and visitor tokens stop working). */
  RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
  /** `/metrics` needs `Authorization: Bearer <token>`; unset (and no METRICS_PORT): no /metrics. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Serves `/metrics` (without a token) on this port of its own instead, for a private network. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where escalated chats become tickets: the embedded `local` help desk, or an external one. */
  TICKET_PROVIDER: z.enum(['local', 'whmcs', 'osticket', 'zammad', 'webhook']).default('local'),
  /** A help desk call that has not answered within this is an unclear outcome. */
  TICKET_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  /** Tries (with exponential backoff) before an escalation is failed and the operators alerted. */
  TICKET_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WHMCS_URL: z.url({ protocol: /^https?$/ }).optional(),
  WHMCS_IDENTIFIER: z.string().min(1).optional(),
  WHMCS_SECRET: z.string().min(1).optional(),
  WHMCS_ACCESS_KEY: z.string().min(1).optional(),
  /** `technical=<WHMCS department name>,financial=<name>`, resolved to ids with GetSupportDepartments. */
  WHMCS_DEPARTMENTS: z.string().default('technical=Technical issues,financial=Financial issues'),
  OSTICKET_URL: z.url({ protocol: /^https?$/ }).optional(),
  OSTICKET_API_KEY: z.string().min(1).optional(),
  /** `technical=<help topic id>,financial=<id>`; a department left out goes to osTicket's default topic. */
  OSTICKET_TOPICS: z.string().default(''),
  /** `regular=<priority id>,high=<id>` (stock osTicket: 2 Normal, 3 High). */
  OSTICKET_PRIORITIES: z.string().default('regular=2,high=3'),
  ZAMMAD_URL: z.url({ protocol: /^https?$/ }).optional(),
  ZAMMAD_TOKEN: z.string().min(1).optional(),
  /** `technical=<group name>,financial=<group name>`. */
  ZAMMAD_GROUPS: z.string().default('technical=Technical issues,financial=Financial issues'),
  /** `regular=<priority name>,high=<priority name>`. */
  ZAMMAD_PRIORITIES: z.string().default('regular=2 normal,high=3 high'),
  TICKET_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  TICKET_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A chat nobody of its department and language has taken after this long goes to any available operator. */
  ROUTING_FALLBACK_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** The console highlights a chat waiting longer than this (the promise is an instant answer). */
  WAIT_ALERT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Where uploaded files are kept, under random names. Shared storage when several processes run. */
  UPLOAD_DIR: z.string().min(1).optional(),
  /** The largest file a visitor or operator may upload, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** `smtp://user:pass@host:587` or `smtps://…`: lets visitors have their transcript e-mailed. Unset: the option is hidden. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The sender of transcript e-mails. */
  SMTP_FROM: z.string().min(3).default('INTROSERV Live Chat <support@introserv.com>'),
});

export { ConfigError } from './config-error.js';
export type { TicketProviderConfig } from './config-tickets.js';

export type { ConnectionLimits, QuotaKind, QuotaRule, Quotas, TranscriptEmailLimits, UploadQuota } from './limits-config.js';

/** Everything the server is configured with; the abuse limits' part is `LimitsConfig`. */
export interface Config extends LimitsConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  /** Where Redis is (a URL, or Sentinel); unset: the memory stores. */
  redis: RedisTarget | undefined;
  redisPrefix: string;
  /** Replicas a stored message waits for before its ack (`replicas` 0: none). */
  redisWait: RedisSettings['wait'];
  sessionSecret: string;
  /** True when SESSION_SECRET was not given and a random one is used (sessions die with the process). */
  sessionSecretGenerated: boolean;
  sessionTtlMs: number;
  admin: { email: string; password: string | undefined; name: string };
  /** `'*'` or exact origins such as `https://introserv.com`. */
  allowedOrigins: '*' | string[];
  /** Capacity of operators without their own. */
  operatorCapacity: number;
  operatorGraceMs: number;
  presenceLeaseMs: number;
  visitorGraceMs: number;
  idleCloseMs: number;
  identitySecret: string | undefined;
  leaveMessageAfterSeconds: number;
  /** How long an operator's record is reused before it is read again (a change reaches other processes within it). */
  operatorCacheMs: number;
  /** The server's fixed timings, named here rather than where they are used. */
  timings: ServerTimings;
  /** Per-connection command budgets; tests shrink them instead of sleeping. */
  rateLimits: RateLimits;
  logLevel: string;
  trustProxy: number;
  /** Closed conversations and idle visitors are deleted after this. */
  retentionMs: number;
  metrics: { token: string | undefined; port: number | undefined };
  tickets: TicketProviderConfig;
  /** The outbox worker's timings. */
  escalation: WorkerSettings;
  /** ROUTING_FALLBACK_SECONDS in ms. */
  routingFallbackMs: number;
  waitAlertSeconds: number;
  /** Directory of uploaded files. */
  uploadDir: string;
  uploadMaxBytes: number;
  /** Set when SMTP_URL is: transcripts may be e-mailed. */
  smtp: { url: string; from: string } | undefined;
}

export interface ServerTimings {
  /** Socket.IO heartbeat: a connection silent for interval + timeout is dropped. */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** `/readyz` says not ready when the store has not answered within this. */
  readyTimeoutMs: number;
  /** How often departed visitors and idle chats are looked for. */
  visitorSweepMs: number;
  /** After SIGTERM, the process exits by then even if something hangs. */
  shutdownTimeoutMs: number;
  /** What page loads read (widget settings, departments) is read from the store at most this often. */
  settingsCacheMs: number;
  /** HTTP: the request headers must have arrived by then, and the whole request (body included) by `requestTimeoutMs`. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** How often Node checks those two timeouts. */
  connectionsCheckingIntervalMs: number;
  /** Repeated log lines (unknown events, store failures) are written once per window, with a count. */
  logWindowMs: number;
  /** `/readyz` stays 503 this long after a store write failed. */
  storeFailureReadyMs: number;
  /** How often closed conversations and idle visitors past the retention are deleted. */
  retentionSweepMs: number;
  /** Visitors' messages are counted against their quotas in the store in batches this often. */
  quotaBatchMs: number;
  /** How often a process asks whether other processes share its adapter (it publishes nothing while alone). */
  peerPollMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.RETENTION_DAYS * 24 * 60 <= e.IDLE_CLOSE_MINUTES) {
    throw new ConfigError('Invalid configuration:\n  RETENTION_DAYS: must be longer than IDLE_CLOSE_MINUTES (an open chat is closed before its visitor can expire)');
  }
  const redis = redisSettings(e);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const publicOrigin = new URL(publicUrl).origin;
  // `https://introserv.com/` names the same origin as `https://introserv.com`.
  const listed = e.ALLOWED_ORIGINS.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
  let allowedOrigins: Config['allowedOrigins'];
  if (listed.includes('*')) {
    allowedOrigins = '*';
  } else {
    for (const o of listed) {
      if (!/^https?:\/\/[^/]+$/.test(o)) throw new ConfigError(`Invalid configuration:\n  ALLOWED_ORIGINS: "${o}" is not an origin like https://example.com`);
    }
    allowedOrigins = [...new Set([publicOrigin, ...listed])];
  }
  return {
    ...limitsConfig(e),
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    redis: redis.target,
    redisPrefix: e.REDIS_PREFIX,
    redisWait: redis.wait,
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    sessionSecretGenerated: e.SESSION_SECRET === undefined,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME },
    allowedOrigins,
    operatorCapacity: e.OPERATOR_CAPACITY,
    operatorGraceMs: e.OPERATOR_GRACE_MS,
    presenceLeaseMs: e.PRESENCE_LEASE_MS,
    visitorGraceMs: e.VISITOR_GRACE_MS,
    idleCloseMs: Math.round(e.IDLE_CLOSE_MINUTES * 60_000),
    identitySecret: e.IDENTITY_SECRET,
    leaveMessageAfterSeconds: e.LEAVE_MESSAGE_AFTER_SECONDS,
    operatorCacheMs: 1_000,
    timings: {
      pingIntervalMs: 20_000,
      pingTimeoutMs: 20_000,
      readyTimeoutMs: 1_000,
      // Often enough that a departed visitor shows as gone soon after the grace period.
      visitorSweepMs: Math.max(250, Math.min(e.VISITOR_GRACE_MS, 15_000) / 2),
      shutdownTimeoutMs: 10_000,
      settingsCacheMs: 30_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      connectionsCheckingIntervalMs: 1_000,
      logWindowMs: 10_000,
      storeFailureReadyMs: 2_000,
      retentionSweepMs: 60_000,
      quotaBatchMs: 250,
      peerPollMs: 1_000,
    },
    rateLimits: DEFAULT_RATE_LIMITS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    retentionMs: Math.round(e.RETENTION_DAYS * 86_400_000),
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    tickets: ticketProvider(e),
    escalation: {
      pollMs: 1_000,
      // The same lease as presence: a process silent for this long is dead to the others.
      leaseMs: e.PRESENCE_LEASE_MS,
      timeoutMs: e.TICKET_TIMEOUT_MS,
      // Long enough for a lookup and a create to time out; a sender silent for longer is dead.
      claimMs: 2 * e.TICKET_TIMEOUT_MS + 1_000,
      maxAttempts: e.TICKET_MAX_ATTEMPTS,
      retryBaseMs: 2_000,
      retryMaxMs: 300_000,
      concurrency: 4,
    },
    routingFallbackMs: Math.round(e.ROUTING_FALLBACK_SECONDS * 1000),
    waitAlertSeconds: e.WAIT_ALERT_SECONDS,
    uploadDir: e.UPLOAD_DIR ?? join(tmpdir(), 'introserv-chat-uploads'),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
  };
}
