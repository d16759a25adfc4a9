import { randomBytes } from 'node:crypto';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '@introserv/shared';
import { z } from 'zod';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login.service.js';

/**
 * The only module that reads `process.env`. Everything else receives a `Config`.
 * Parsing fails fast at boot with one readable line per bad variable.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The URL operators and visitors use to reach this server (no trailing path). */
  PUBLIC_URL: z.url().optional(),
  /** Unset: the embedded MemoryStore (nothing durable). Set: RedisStore and the Socket.IO Redis adapter. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
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
  /** The site's secret for `IntroservChat.identify()`: hash = HMAC-SHA256(userId, IDENTITY_SECRET). Unset: nobody is verified. */
  IDENTITY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How long a visitor waits for an operator before the widget offers to leave a message (the default until an admin sets one). */
  LEAVE_MESSAGE_AFTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-* from this many proxies (for client IPs in rate limits). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** A chat nobody of its department and language has taken after this long goes to any available operator. */
  ROUTING_FALLBACK_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** The console highlights a chat waiting longer than this (the promise is an instant answer). */
  WAIT_ALERT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  redisUrl: string | undefined;
  redisPrefix: string;
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
  loginLimits: LoginLimits;
  logLevel: string;
  trustProxy: number;
  /** ROUTING_FALLBACK_SECONDS in ms. */
  routingFallbackMs: number;
  waitAlertSeconds: number;
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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
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
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
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
    },
    rateLimits: DEFAULT_RATE_LIMITS,
    loginLimits: DEFAULT_LOGIN_LIMITS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    routingFallbackMs: Math.round(e.ROUTING_FALLBACK_SECONDS * 1000),
    waitAlertSeconds: e.WAIT_ALERT_SECONDS,
  };
}
