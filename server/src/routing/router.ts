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

  constructor(
    private readonly store: Store,
    private readonly broadcaster: Broadcaster,
    private readonly log: Logger,
    private readonly graceMs: number,
  ) {}

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
    const left = await this.store.operatorDisconnected(operatorId);
    if (left > 0) return;
    clearTimeout(this.releaseTimers.get(operatorId));
    const timer = setTimeout(() => {
      this.releaseTimers.delete(operatorId);
      this.release(operatorId).catch((err: unknown) => this.log.error({ err, operatorId }, 'releasing operator failed'));
    }, this.graceMs);
    timer.unref();
    this.releaseTimers.set(operatorId, timer);
  }

  private async release(operatorId: string): Promise<void> {
    const requeued = await this.store.releaseOperatorIfGone(operatorId, Date.now());
    if (!requeued) return;
    this.log.info({ operatorId, requeued: requeued.length }, 'operator gone; conversations back in the queue');
    for (const id of requeued) {
      const c = await this.store.getConversation(id);
      if (c) this.broadcaster.conversationUpdated(c);
    }
    await this.drain();
  }

  close(): void {
    for (const t of this.releaseTimers.values()) clearTimeout(t);
    this.releaseTimers.clear();
  }
}
