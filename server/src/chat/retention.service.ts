import type { RetentionStore } from '../conversations/retention.store.js';
import type { Logger } from '../logger.js';

/** Deleted per store call, so one call never holds Redis for long. */
const BATCH = 500;
/** Calls per sweep and kind at most; what is left waits for the next sweep. */
const MAX_ROUNDS = 20;

/** Uploaded files past the retention period go too (implemented by the uploads' AttachmentService). */
export interface FileExpiry {
  /** Deletes at most `limit` files uploaded before `before`; returns how many went. */
  expire(before: number, limit: number): Promise<number>;
}

/**
 * Deletes what is past the retention period (RETENTION_DAYS): closed conversations with
 * their messages, visitors (with their tokens) not seen for that long, and uploaded files
 * that old (uploads never sent in a message after a day). Any process may
 * sweep; each deletion is one atomic store step, so two sweeping at once delete nothing twice.
 */
export class RetentionService {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: RetentionStore,
    private readonly retentionMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly files?: FileExpiry,
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

  async sweep(): Promise<{ conversations: number; visitors: number; files: number }> {
    const before = this.now() - this.retentionMs;
    const conversations = await this.drain(() => this.store.expireClosedConversations(before, BATCH));
    const visitors = await this.drain(() => this.store.expireVisitors(before, BATCH));
    const expiry = this.files;
    const files = expiry ? await this.drain(() => expiry.expire(before, BATCH)) : 0;
    if (conversations || visitors || files) this.log.info({ conversations, visitors, files, retentionMs: this.retentionMs }, 'retention: deleted expired records');
    return { conversations, visitors, files };
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
