import type { Redis } from 'ioredis';

/**
 * Writes whose ack promises durability (a message append) run through this: by default
 * straight on the stores' connection; with `REDIS_WAIT_REPLICAS` through `ReplicaWait`.
 */
export interface AckedWrites {
  run<T>(write: (redis: Redis) => Promise<T>): Promise<T>;
}

/** No waiting: the write on the given connection, as every other write. */
export function directWrites(redis: Redis): AckedWrites {
  return { run: (write) => write(redis) };
}

export interface ReplicaWaitSettings {
  /** Replicas that must have a write before its ack (Redis `WAIT numreplicas`). */
  replicas: number;
  /** How long to wait for them before acking anyway (`WAIT … timeout`; 0 would be forever). */
  timeoutMs: number;
}

export interface ReplicaWaitListener {
  /** A wait ended with fewer replicas than asked: from now on acks go without waiting, until enough replicas are online again. */
  degraded(confirmed: number): void;
  recovered(): void;
  /** Acks that went without the replicas' confirmation. */
  unconfirmed(count: number): void;
}

/** The connection broke between a write and its confirmation: nobody can say which server has it. */
export class ReplicaWaitInterrupted extends Error {
  override name = 'ReplicaWaitInterrupted';
  constructor() {
    super('the Redis connection changed before the replicas confirmed the write');
  }
}

interface Waiter {
  /** The connection's epoch when the write was sent. */
  epoch: number;
  resolve(): void;
  reject(err: Error): void;
}

/**
 * "Acked means stored" across a failover: a write acked to a client must be on the replica
 * Sentinel would promote. After the write, `WAIT n timeout` on the same connection blocks
 * until n replicas acknowledged every write this connection made.
 *
 * - **Its own connection.** WAIT blocks the connection it runs on; here it blocks only the
 *   writes that asked for it, never the stores' reads, leases and other writes.
 * - **Group commit.** Writes that finish while a WAIT is out share the next one: one WAIT per
 *   round trip to the replicas, however many messages arrive meanwhile.
 * - **A barrier before each WAIT** (`PUBLISH`, which Redis replicates and which touches no
 *   key): a resend that found its message already stored wrote nothing, and WAIT counts only
 *   this connection's writes, so the barrier makes it cover everything the server had.
 * - **Same server.** A write and its WAIT must reach the same server: if the connection closed
 *   in between (ioredis reconnects, possibly to a new primary, and resends), the write is
 *   refused with `ReplicaWaitInterrupted` (STORE_UNAVAILABLE) and the client's resend decides.
 * - **Missing replicas degrade, they do not stop the chat.** When fewer replicas than asked
 *   confirm within the timeout (the replica is down, or it was promoted and the new primary has
 *   none yet), the ack goes and is counted; further acks do not wait (each would cost the whole
 *   timeout) until `INFO replication` shows enough replicas online again, checked every
 *   `probeMs`. A write is only unconfirmed while there is no replica a failover could promote
 *   over the primary that has it. See docs/OPERATIONS.md, "Acked means stored".
 */
export class ReplicaWait implements AckedWrites {
  private epoch = 0;
  private waiting: Waiter[] = [];
  private waitOut = false;
  private isDegraded = false;
  private probe: NodeJS.Timeout | undefined;

  constructor(
    /** Its own connection (a duplicate of the stores'), never shared. */
    private readonly redis: Redis,
    private readonly settings: ReplicaWaitSettings,
    /** A channel nobody listens to, for the barrier. */
    private readonly barrierChannel: string,
    private readonly listener: ReplicaWaitListener,
    private readonly probeMs = 1_000,
  ) {
    redis.on('close', () => {
      this.epoch += 1;
    });
  }

  get degraded(): boolean {
    return this.isDegraded;
  }

  async run<T>(write: (redis: Redis) => Promise<T>): Promise<T> {
    const epoch = this.epoch;
    const value = await write(this.redis);
    if (this.isDegraded) {
      this.listener.unconfirmed(1);
      return value;
    }
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ epoch, resolve, reject });
      this.flush();
    });
    return value;
  }

  /** Stops the probe and closes its connection. */
  async quit(): Promise<void> {
    clearInterval(this.probe);
    this.probe = undefined;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private flush(): void {
    if (this.waitOut || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.waitOut = true;
    const epoch = this.epoch;
    const { replicas, timeoutMs } = this.settings;
    // The WAIT's own failure reports for both; the barrier's would only repeat it.
    this.redis.publish(this.barrierChannel, '').catch(() => {});
    this.redis
      .wait(replicas, timeoutMs)
      .then(
        (confirmed) => {
          if (this.epoch !== epoch) {
            for (const w of batch) w.reject(new ReplicaWaitInterrupted());
            return;
          }
          let short = 0;
          for (const w of batch) {
            if (w.epoch !== epoch) {
              w.reject(new ReplicaWaitInterrupted());
            } else {
              if (confirmed < replicas) short += 1;
              w.resolve();
            }
          }
          if (confirmed < replicas) {
            this.listener.unconfirmed(short);
            this.degrade(confirmed);
          }
        },
        (err: unknown) => {
          const error = err instanceof Error ? err : new Error(String(err));
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        this.waitOut = false;
        this.flush();
      });
  }

  private degrade(confirmed: number): void {
    if (this.isDegraded) return;
    this.isDegraded = true;
    this.listener.degraded(confirmed);
    this.probe = setInterval(() => void this.checkReplicas(), this.probeMs);
    this.probe.unref();
  }

  private async checkReplicas(): Promise<void> {
    const info = await this.redis.info('replication').catch(() => '');
    const online = info.split('\n').filter((line) => /^slave\d+:.*state=online/.test(line)).length;
    if (online < this.settings.replicas || !this.isDegraded) return;
    this.isDegraded = false;
    clearInterval(this.probe);
    this.probe = undefined;
    this.listener.recovered();
  }
}
