/**
 * When each department's queue was served lately (a waiting conversation given to an
 * operator): the basis of the wait estimate. Implementations: `MemoryQueueStatsStore`,
 * `RedisQueueStatsStore`; `queue-stats.contract.ts`.
 */
export interface QueueStatsStore {
  /** Notes that `department`'s queue was served at `at`; the newest SERVED_KEPT are kept. */
  recordServed(department: string, at: number): Promise<void>;
  /** When the department's queue was served lately, newest first, at most `limit`. */
  recentServed(department: string, limit: number): Promise<number[]>;
}

/** How many service times each department keeps. */
export const SERVED_KEPT = 20;
