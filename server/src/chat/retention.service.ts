import type { RetentionStore } from '../conversations/retention.store.js';
import type { Logger } from '../logger.js';

/** Deleted per store call, so one call never holds Redis for long. */
const BATCH = 500;
/** Calls per sweep and kind at most; what is left waits for the next sweep. */
const MAX_ROUNDS = 20;

/**
 * Deletes what is past the retention period (RETENTION_DAYS): closed conversations with
 * their messages, and visitors (with their tokens) not seen for that long. Any process may
 * sweep; each deletion is one atomic store step, so two sweeping at once delete nothing twice.
 */
export class RetentionService {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: RetentionStore,
    private readonly retentionMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) => this.log.warn({ err }, 'retention sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ conversations: number; visitors: number }> {
    const before = this.now() - this.retentionMs;
    const conversations = await this.drain(() => this.store.expireClosedConversations(before, BATCH));
    const visitors = await this.drain(() => this.store.expireVisitors(before, BATCH));
    if (conversations || visitors) this.log.info({ conversations, visitors, retentionMs: this.retentionMs }, 'retention: deleted expired records');
    return { conversations, visitors };
  }

  private async drain(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const n = await step();
      total += n;
      if (n < BATCH) break;
    }
    return total;
  }
}
