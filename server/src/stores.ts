import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemorySessionStore } from './auth/session.memory-store.js';
import { RedisSessionStore } from './auth/session.redis-store.js';
import type { SessionStore } from './auth/session.store.js';
import { ConversationTables } from './conversations/conversation-tables.js';
import { MemoryConversationStore } from './conversations/conversation.memory-store.js';
import { RedisConversationStore } from './conversations/conversation.redis-store.js';
import type { ConversationStore } from './conversations/conversation.store.js';
import { MemoryVisitorStore } from './conversations/visitor.memory-store.js';
import { RedisVisitorStore } from './conversations/visitor.redis-store.js';
import type { VisitorStore } from './conversations/visitor.store.js';
import { MemoryDepartmentStore } from './departments/department.memory-store.js';
import { RedisDepartmentStore } from './departments/department.redis-store.js';
import type { DepartmentStore } from './departments/department.store.js';
import { MemoryRetentionStore } from './conversations/retention.memory-store.js';
import { RedisRetentionStore } from './conversations/retention.redis-store.js';
import type { RetentionStore } from './conversations/retention.store.js';
import { MemoryRateLimitStore } from './limits/rate-limit.memory-store.js';
import { RedisRateLimitStore } from './limits/rate-limit.redis-store.js';
import type { RateLimitStore } from './limits/rate-limit.store.js';
import { MemoryOperatorStore } from './operators/operator.memory-store.js';
import { RedisOperatorStore } from './operators/operator.redis-store.js';
import type { OperatorStore } from './operators/operator.store.js';
import { MemoryPresenceStore } from './presence/presence.memory-store.js';
import { RedisPresenceStore } from './presence/presence.redis-store.js';
import type { PresenceStore } from './presence/presence.store.js';
import { MemoryRoutingStore } from './routing/routing.memory-store.js';
import { RedisRoutingStore } from './routing/routing.redis-store.js';
import type { RoutingStore } from './routing/routing.store.js';
import { createRedis, type RedisAddress } from './store/redis-connection.js';
import { RedisKeyspace } from './store/redis-keyspace.js';
import { ReplicaWait, type AckedWrites, type ReplicaWaitListener, type ReplicaWaitSettings } from './store/replica-wait.js';
import { MemoryEscalationStore } from './tickets/escalation.memory-store.js';
import { RedisEscalationStore } from './tickets/escalation.redis-store.js';
import type { EscalationStore } from './tickets/escalation.store.js';
import { MemoryTicketStore } from './tickets/ticket.memory-store.js';
import { RedisTicketStore } from './tickets/ticket.redis-store.js';
import type { TicketStore } from './tickets/ticket.store.js';
import { MemoryStatsStore } from './stats/stats.memory-store.js';
import { RedisStatsStore } from './stats/stats.redis-store.js';
import type { StatsStore } from './stats/stats.store.js';
import { MemoryHistoryStore } from './history/history.memory-store.js';
import { RedisHistoryStore } from './history/history.redis-store.js';
import type { HistoryStore } from './history/history.store.js';
import { MemoryCannedStore } from './canned/canned.memory-store.js';
import { RedisCannedStore } from './canned/canned.redis-store.js';
import type { CannedStore } from './canned/canned.store.js';
import { MemorySettingsStore } from './settings/settings.memory-store.js';
import { RedisSettingsStore } from './settings/settings.redis-store.js';
import type { SettingsStore } from './settings/settings.store.js';
import { MemoryReceiptStore } from './receipts/receipt.memory-store.js';
import { RedisReceiptStore } from './receipts/receipt.redis-store.js';
import type { ReceiptStore } from './receipts/receipt.store.js';
import { MemoryQueueStatsStore } from './waiting/queue-stats.memory-store.js';
import { RedisQueueStatsStore } from './waiting/queue-stats.redis-store.js';
import type { QueueStatsStore } from './waiting/queue-stats.store.js';
import { MemoryAttachmentStore } from './attachments/attachment.memory-store.js';
import { RedisAttachmentStore } from './attachments/attachment.redis-store.js';
import type { AttachmentStore } from './attachments/attachment.store.js';

/**
 * Every port the application needs, from one backend: `createMemoryStores()` (embedded
 * default: one process, nothing durable) or `connectRedisStores()` (production, shared by
 * every process). Each service receives only the ports it uses.
 */
export interface Stores {
  readonly kind: 'memory' | 'redis';
  conversations: ConversationStore;
  visitors: VisitorStore;
  departments: DepartmentStore;
  operators: OperatorStore;
  sessions: SessionStore;
  presence: PresenceStore;
  routing: RoutingStore;
  rateLimits: RateLimitStore;
  retention: RetentionStore;
  /** The durable escalation outbox. */
  escalations: EscalationStore;
  /** The `local` provider's tickets. */
  tickets: TicketStore;
  stats: StatsStore;
  history: HistoryStore;
  canned: CannedStore;
  settings: SettingsStore;
  receipts: ReceiptStore;
  queueStats: QueueStatsStore;
  /** Metadata of uploaded files (their bytes are in a FileStore, see AppComponents). */
  attachments: AttachmentStore;
  /** Resolves when the backend answers and accepts a write (readiness: a full Redis answers PING but refuses writes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createMemoryStores(): Stores {
  const tables = new ConversationTables();
  const operators = new MemoryOperatorStore();
  const presence = new MemoryPresenceStore();
  return {
    kind: 'memory',
    conversations: new MemoryConversationStore(tables),
    visitors: new MemoryVisitorStore(tables),
    departments: new MemoryDepartmentStore(),
    operators,
    sessions: new MemorySessionStore(),
    presence,
    routing: new MemoryRoutingStore(tables, operators, presence),
    rateLimits: new MemoryRateLimitStore(),
    retention: new MemoryRetentionStore(tables),
    escalations: new MemoryEscalationStore(),
    tickets: new MemoryTicketStore(),
    stats: new MemoryStatsStore(),
    history: new MemoryHistoryStore(),
    canned: new MemoryCannedStore(),
    settings: new MemorySettingsStore(),
    receipts: new MemoryReceiptStore(),
    queueStats: new MemoryQueueStatsStore(),
    attachments: new MemoryAttachmentStore(),
    ping: async () => {},
    close: async () => {},
  };
}

export interface RedisStores extends Stores {
  readonly kind: 'redis';
  readonly redis: Redis;
  readonly keyspace: RedisKeyspace;
}

/**
 * Stores over one ioredis client; `processId` names this process's connection counts (see
 * PresenceStore); `acked` carries the writes whose ack promises durability (see replica-wait.ts).
 */
export function createRedisStores(redis: Redis, prefix = 'lc:', processId: string = randomUUID(), acked?: AckedWrites & { quit(): Promise<void> }): RedisStores {
  const keyspace = new RedisKeyspace(redis, prefix, processId, acked);
  return {
    kind: 'redis',
    redis,
    keyspace,
    conversations: new RedisConversationStore(keyspace),
    visitors: new RedisVisitorStore(keyspace),
    departments: new RedisDepartmentStore(keyspace),
    operators: new RedisOperatorStore(keyspace),
    sessions: new RedisSessionStore(keyspace),
    presence: new RedisPresenceStore(keyspace),
    routing: new RedisRoutingStore(keyspace),
    rateLimits: new RedisRateLimitStore(keyspace),
    retention: new RedisRetentionStore(keyspace),
    escalations: new RedisEscalationStore(keyspace),
    tickets: new RedisTicketStore(keyspace),
    stats: new RedisStatsStore(keyspace),
    history: new RedisHistoryStore(keyspace),
    canned: new RedisCannedStore(keyspace),
    settings: new RedisSettingsStore(keyspace),
    receipts: new RedisReceiptStore(keyspace),
    queueStats: new RedisQueueStatsStore(keyspace),
    attachments: new RedisAttachmentStore(keyspace),
    ping: async () => {
      // A write, not PING: with maxmemory reached (noeviction) Redis answers PING and refuses every write.
      await redis.set(keyspace.key('ready', processId), '1', 'PX', 10_000);
    },
    close: async () => {
      await acked?.quit();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export interface RedisStoreOptions {
  /** Connection errors (ioredis keeps reconnecting by itself meanwhile). */
  onError?: (err: Error) => void;
  /** Replicas a stored message waits for before its ack (`REDIS_WAIT_REPLICAS`); 0 or absent: none. */
  wait?: ReplicaWaitSettings;
  /** Hears the waits that fell short (metrics, the log). */
  waitListener?: ReplicaWaitListener;
}

/** The Redis stores at `address`: a URL, or a primary found through Sentinel. */
export function connectRedisStores(address: RedisAddress, prefix?: string, options: RedisStoreOptions = {}): RedisStores {
  const { onError = () => {}, wait, waitListener = QUIET_WAIT } = options;
  // Commands wait in ioredis's offline queue during a reconnect instead of failing at once;
  // auto-pipelining batches the commands of one tick into one write.
  const redis = createRedis(address, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
  redis.on('error', onError);
  let acked: ReplicaWait | undefined;
  if (wait && wait.replicas > 0) {
    // Its own connection: WAIT blocks the connection it runs on.
    const own = redis.duplicate();
    own.on('error', onError);
    acked = new ReplicaWait(own, wait, `${prefix ?? 'lc:'}replica-wait`, waitListener);
  }
  return createRedisStores(redis, prefix, randomUUID(), acked);
}

const QUIET_WAIT: ReplicaWaitListener = { degraded: () => {}, recovered: () => {}, unconfirmed: () => {} };
