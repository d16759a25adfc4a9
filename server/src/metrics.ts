import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why a client was refused or slowed: what `livechat_rate_limited_total{limit}` counts. */
export type LimitKind =
  | 'command' // a command class's token bucket (RATE_LIMITED ack)
  | 'packet' // the connection's packet bucket
  | 'flooder' // a connection cut for flooding
  | 'penalty' // a handshake refused while its address is slowed down
  | 'connections' // a handshake over MAX_CONNECTIONS_PER_IP
  | `quota:${string}`; // a store quota (new visitors, conversations, messages per IP or site)

/**
 * The process's Prometheus metrics, one registry per application (tests boot several in one
 * process). Served at `/metrics` (http/metrics.router.ts) behind METRICS_TOKEN or on
 * METRICS_PORT. Names are `livechat_*`; the process's own (CPU, memory, event loop lag) are
 * prom-client's defaults.
 *
 * Hook for what comes later: a feature with a backlog of its own (the ticket outbox) adds a
 * gauge with `gauge(name, help, collect)`; `collect` runs at each scrape.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'livechat_connections', help: 'Open Socket.IO connections on this process', labelNames: ['namespace'] as const, registers: [this.registry] });
  readonly commandSeconds = new Histogram({
    name: 'livechat_command_duration_seconds',
    help: 'Server-side time from a command arriving to its ack (message:send is the message latency)',
    labelNames: ['namespace', 'command'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly waitSeconds = new Histogram({
    name: 'livechat_wait_seconds',
    help: 'Time a conversation waited in the queue before an operator got it',
    labelNames: ['queue'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });
  readonly firstResponseSeconds = new Histogram({
    name: 'livechat_first_response_seconds',
    help: "Time from a conversation's start to the operator's first message",
    labelNames: ['queue'] as const,
    buckets: [5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({ name: 'livechat_store_errors_total', help: 'Store calls that failed (kind: OOM, READONLY, MaxRetriesPerRequestError, …)', labelNames: ['kind'] as const, registers: [this.registry] });
  readonly rateLimited = new Counter({ name: 'livechat_rate_limited_total', help: 'Requests refused or connections cut by a limit', labelNames: ['limit'] as const, registers: [this.registry] });
  /** REDIS_WAIT_REPLICAS: acks that went without the replicas' confirmation, and whether acks wait right now (store/replica-wait.ts). */
  readonly unreplicatedAcks = new Counter({ name: 'livechat_unreplicated_acks_total', help: 'Messages acked although fewer replicas than REDIS_WAIT_REPLICAS confirmed them', registers: [this.registry] });
  readonly replicaWaitDegraded = new Gauge({ name: 'livechat_replica_wait_degraded', help: '1 while acks do not wait for replicas because too few are online (REDIS_WAIT_REPLICAS)', registers: [this.registry] });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge read at each scrape (queue lengths; later the ticket outbox backlog). A failing read leaves the gauge unset. */
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[], collect: (set: (labels: Record<L, string>, value: number) => void) => Promise<void>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await collect((labels, value) => this.set(labels as Partial<Record<L, string>>, value)).catch(() => {});
      },
    });
  }

  limited(kind: LimitKind): void {
    this.rateLimited.inc({ limit: kind });
  }
}
