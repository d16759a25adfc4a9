import type { Logger } from '../logger.js';
import type { Broadcaster } from '../realtime/broadcaster.js';
import { DEFAULT_QUEUE, type Store } from '../store/store.js';

/**
 * Routing: waiting conversations go to the least busy online operator with free capacity.
 * The decision itself is one atomic store call (`assignNext`), so any number of processes
 * may drain the same queue at once. This class decides when to drain, and handles
 * operators coming and going (a grace period lets a reload or a flaky network pass).
 */
export class Router {
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly broadcaster: Broadcaster,
    private readonly log: Logger,
    private readonly presence: { graceMs: number; leaseMs: number },
  ) {}

  /**
   * Takes this process's presence lease and keeps it, and sweeps for operators whose
   * connections died with another process (no disconnect event ever came for them).
   */
  async start(): Promise<void> {
    await this.store.heartbeat(this.presence.leaseMs);
    this.sweepTimer = setInterval(() => {
      this.store
        .heartbeat(this.presence.leaseMs)
        .then(() => this.sweep())
        .catch((err: unknown) => this.log.warn({ err }, 'presence heartbeat or sweep failed'));
    }, this.presence.leaseMs / 3);
    this.sweepTimer.unref();
  }

  /** Releases every online operator who is gone and past the grace period. */
  async sweep(): Promise<void> {
    for (const operatorId of (await this.store.operatorLoads()).keys()) await this.release(operatorId);
  }

  /** Assigns waiting conversations until the queue is empty or every operator is full. */
  async drain(queue = DEFAULT_QUEUE): Promise<number> {
    let assigned = 0;
    for (;;) {
      const a = await this.store.assignNext(queue, Date.now());
      if (!a) return assigned;
      assigned++;
      const conversation = await this.store.getConversation(a.conversationId);
      if (conversation) this.broadcaster.conversationAssigned(conversation);
      this.log.info({ conversationId: a.conversationId, operatorId: a.operatorId }, 'conversation assigned');
    }
  }

  async operatorConnected(operatorId: string, capacity: number): Promise<void> {
    clearTimeout(this.releaseTimers.get(operatorId));
    this.releaseTimers.delete(operatorId);
    await this.store.operatorConnected(operatorId, capacity);
    await this.drain();
  }

  async operatorDisconnected(operatorId: string): Promise<void> {
    const left = await this.store.operatorDisconnected(operatorId, Date.now());
    if (left > 0) return;
    clearTimeout(this.releaseTimers.get(operatorId));
    const timer = setTimeout(() => {
      this.releaseTimers.delete(operatorId);
      this.release(operatorId).catch((err: unknown) => this.log.error({ err, operatorId }, 'releasing operator failed'));
    }, this.presence.graceMs);
    timer.unref();
    this.releaseTimers.set(operatorId, timer);
  }

  private async release(operatorId: string): Promise<void> {
    const requeued = await this.store.releaseOperatorIfGone(operatorId, Date.now(), this.presence.graceMs);
    if (!requeued) return;
    this.log.info({ operatorId, requeued: requeued.length }, 'operator gone; conversations back in the queue');
    for (const id of requeued) {
      const c = await this.store.getConversation(id);
      if (c) this.broadcaster.conversationUpdated(c);
    }
    await this.drain();
  }

  close(): void {
    clearInterval(this.sweepTimer);
    for (const t of this.releaseTimers.values()) clearTimeout(t);
    this.releaseTimers.clear();
  }
}
