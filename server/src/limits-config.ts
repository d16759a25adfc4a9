import { z } from 'zod';
import type { LoginLimits } from './auth/login.service.js';
import type { LeaveMessageLimits } from './tickets/escalation.service.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MB = 1024 * 1024;

/**
 * The abuse limits' part of the environment and of `Config` (config.ts composes it; it is
 * the only reader of `process.env`). Every limit is here with its default; docs/OPERATIONS.md
 * ("Every limit") says what a user sees when it is reached. A count of 0 turns a quota off.
 */
export const LimitsEnv = {
  /** Socket.IO connections one client address (an IPv6 /64) may hold on one process (behind TRUST_PROXY proxies: the forwarded address). */
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Quotas shared by every process (sliding windows in the store); 0 turns one off. */
  QUOTA_VISITORS_PER_IP_HOUR: z.coerce.number().int().min(0).default(100),
  QUOTA_VISITORS_PER_SITE_HOUR: z.coerce.number().int().min(0).default(5_000),
  QUOTA_CONVERSATIONS_PER_IP_HOUR: z.coerce.number().int().min(0).default(30),
  QUOTA_CONVERSATIONS_PER_SITE_HOUR: z.coerce.number().int().min(0).default(1_000),
  /** Conversations one address may have waiting for an operator at once (verified visitors aside). */
  QUOTA_QUEUED_PER_IP: z.coerce.number().int().min(0).default(3),
  QUOTA_MESSAGES_PER_IP_MINUTE: z.coerce.number().int().min(0).default(300),
  /** Failed logins counted over this window. */
  LOGIN_WINDOW_MINUTES: z.coerce.number().min(1).max(24 * 60).default(15),
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_FAILURES_PER_ACCOUNT_IP: z.coerce.number().int().min(1).default(10),
  /** Password hashes one process computes at once (scrypt: tens of ms of a libuv thread each). */
  LOGIN_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Logins of one address being checked or waiting for a hash at once, on one process. */
  LOGIN_HASHES_PER_IP: z.coerce.number().int().min(1).max(1_000).default(8),
  LEAVE_MESSAGES_PER_VISITOR_10_MINUTES: z.coerce.number().int().min(0).default(3),
  LEAVE_MESSAGES_PER_IP_HOUR: z.coerce.number().int().min(0).default(20),
  TRANSCRIPT_EMAILS_PER_VISITOR_HOUR: z.coerce.number().int().min(0).default(5),
  TRANSCRIPT_EMAILS_PER_IP_HOUR: z.coerce.number().int().min(0).default(10),
  TRANSCRIPT_EMAILS_PER_SITE_HOUR: z.coerce.number().int().min(0).default(200),
  /** Uploads one visitor or operator may make in 10 minutes. */
  UPLOADS_PER_10_MINUTES: z.coerce.number().int().min(0).default(30),
  /** Bytes uploaded from one address in a sliding hour. */
  UPLOAD_BYTES_PER_IP_HOUR: z.coerce.number().int().min(0).default(100 * MB),
  /** Bytes uploaded by everyone together in a sliding hour (all processes). */
  UPLOAD_BYTES_PER_HOUR: z.coerce.number().int().min(0).default(2_048 * MB),
  /** Uploads are refused while UPLOAD_DIR's file system has less free than this… */
  UPLOAD_MIN_FREE_BYTES: z.coerce.number().int().min(0).default(1_024 * MB),
  /** …or less than this share of it free. */
  UPLOAD_MIN_FREE_PERCENT: z.coerce.number().min(0).max(99).default(5),
};

/** A window and how much it admits; `limit` 0 = no limit. */
export interface QuotaRule {
  limit: number;
  windowMs: number;
}

export type QuotaKind = 'visitor' | 'conversation' | 'message';

/**
 * Quotas on what anonymous visitors make the store keep. Site-wide rules cap what an attack
 * costs without turning the chat off (limits/quota.service.ts says how); messages have no
 * site-wide rule, so that nobody already chatting is ever refused for what others did.
 */
export interface Quotas {
  visitor: { perIp: QuotaRule; perSite: QuotaRule };
  conversation: { perIp: QuotaRule; perSite: QuotaRule; queuedPerIp: number };
  message: { perIp: QuotaRule };
}

export interface ConnectionLimits {
  /** Open connections per client address, on this process. */
  perIp: number;
  /** Every inbound packet of a connection (events, pings, namespace connects) draws from this bucket. */
  packets: { burst: number; perSecond: number };
  /** Packets refused within one second after which the connection is cut. */
  maxRefusedPerSecond: number;
  /** After a cut, the address's new connections are refused for this long. */
  penaltyMs: number;
}

/** E-mailed transcripts, counted before each is sent. */
export interface TranscriptEmailLimits {
  perVisitor: QuotaRule;
  perIp: QuotaRule;
  perSite: QuotaRule;
}

/** Uploads, counted (in bytes too) before a file is written. */
export interface UploadQuota {
  /** Uploads per uploader (visitor or operator) in `windowMs`. */
  uploadsPerWindow: number;
  windowMs: number;
  /** Bytes per address, and of everyone together. */
  bytesPerIp: QuotaRule;
  bytesTotal: QuotaRule;
  /** UPLOAD_DIR's file system must keep this much free, and this share of it. */
  minFreeBytes: number;
  minFreePercent: number;
}

export interface LimitsConfig {
  /** Per connection and per client address, before any command's own budget. */
  connectionLimits: ConnectionLimits;
  /** Sliding-window quotas in the store, per client address and per site. */
  quotas: Quotas;
  loginLimits: LoginLimits;
  /** The widget's leave-a-message form, per visitor and per address. */
  leaveMessageLimits: LeaveMessageLimits;
  transcriptEmailLimits: TranscriptEmailLimits;
  uploadQuota: UploadQuota;
}

type LimitsEnvValues = z.infer<z.ZodObject<typeof LimitsEnv>>;

export function limitsConfig(e: LimitsEnvValues): LimitsConfig {
  const hourly = (limit: number): QuotaRule => ({ limit, windowMs: HOUR });
  return {
    connectionLimits: {
      perIp: e.MAX_CONNECTIONS_PER_IP,
      // A widget sends a handful of packets a minute and the console a few a second; a
      // resend of a full outbox after a reconnect fits in the burst.
      packets: { burst: 60, perSecond: 20 },
      maxRefusedPerSecond: 60,
      penaltyMs: 30_000,
    },
    quotas: {
      visitor: { perIp: hourly(e.QUOTA_VISITORS_PER_IP_HOUR), perSite: hourly(e.QUOTA_VISITORS_PER_SITE_HOUR) },
      conversation: { perIp: hourly(e.QUOTA_CONVERSATIONS_PER_IP_HOUR), perSite: hourly(e.QUOTA_CONVERSATIONS_PER_SITE_HOUR), queuedPerIp: e.QUOTA_QUEUED_PER_IP },
      message: { perIp: { limit: e.QUOTA_MESSAGES_PER_IP_MINUTE, windowMs: MINUTE } },
    },
    loginLimits: {
      windowMs: Math.round(e.LOGIN_WINDOW_MINUTES * MINUTE),
      perAddress: e.LOGIN_FAILURES_PER_IP,
      perAccountAddress: e.LOGIN_FAILURES_PER_ACCOUNT_IP,
      perAccountBeforeSlowdown: 10,
      slowdownMs: 2_000,
      hashConcurrency: e.LOGIN_HASH_CONCURRENCY,
      hashesPerAddress: e.LOGIN_HASHES_PER_IP,
      // Beyond this many logins waiting for a hash, a login is refused at once rather than
      // answered after a long wait.
      hashQueue: 100,
    },
    leaveMessageLimits: {
      perVisitor: { max: e.LEAVE_MESSAGES_PER_VISITOR_10_MINUTES, windowMs: 10 * MINUTE },
      perAddress: { max: e.LEAVE_MESSAGES_PER_IP_HOUR, windowMs: HOUR },
    },
    transcriptEmailLimits: {
      perVisitor: hourly(e.TRANSCRIPT_EMAILS_PER_VISITOR_HOUR),
      perIp: hourly(e.TRANSCRIPT_EMAILS_PER_IP_HOUR),
      perSite: hourly(e.TRANSCRIPT_EMAILS_PER_SITE_HOUR),
    },
    uploadQuota: {
      uploadsPerWindow: e.UPLOADS_PER_10_MINUTES,
      windowMs: 10 * MINUTE,
      bytesPerIp: hourly(e.UPLOAD_BYTES_PER_IP_HOUR),
      bytesTotal: hourly(e.UPLOAD_BYTES_PER_HOUR),
      minFreeBytes: e.UPLOAD_MIN_FREE_BYTES,
      minFreePercent: e.UPLOAD_MIN_FREE_PERCENT,
    },
  };
}
