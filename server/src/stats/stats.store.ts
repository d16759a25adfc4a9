/**
 * What the admin dashboard measures, per UTC day of a conversation's start: chats started
 * (per department), the wait until the first assignment and the time to the first operator
 * reply, as fixed-bucket histograms (count, sum and max too), so that any number of
 * processes add to them atomically and a 30-day read stays small. Each measure counts once
 * per conversation. Implementations: `MemoryStatsStore`, `RedisStatsStore`; `stats.contract.ts`.
 */
export interface StatsStore {
  /** A conversation started (counted once). */
  opened(input: { conversationId: string; department: string; createdAt: number }): Promise<void>;
  /** The first assignment of a conversation: the wait is `at - createdAt` (later ones are ignored). */
  assigned(input: { conversationId: string; createdAt: number; at: number }): Promise<void>;
  /** The first operator reply of a conversation: `at - createdAt` (later ones are ignored). */
  firstResponse(input: { conversationId: string; createdAt: number; at: number }): Promise<void>;
  /** The totals of the given days (`YYYY-MM-DD`, UTC), in that order; a day without data is all zeros. */
  days(days: readonly string[]): Promise<DayStats[]>;
}

export interface Histogram {
  count: number;
  sumMs: number;
  maxMs: number;
  /** Counts per bucket of {@link BUCKETS_MS}. */
  buckets: number[];
}

export interface DayStats {
  day: string;
  chats: number;
  byDepartment: Record<string, number>;
  wait: Histogram;
  firstResponse: Histogram;
}

/** Upper bounds (inclusive) of the histogram buckets, in ms; the last one catches the rest. */
export const BUCKETS_MS: readonly number[] = [5, 10, 15, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600, Infinity].map((s) => s * 1000);

export function bucketOf(ms: number): number {
  const i = BUCKETS_MS.findIndex((upper) => ms <= upper);
  return i < 0 ? BUCKETS_MS.length - 1 : i;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const emptyHistogram = (): Histogram => ({ count: 0, sumMs: 0, maxMs: 0, buckets: BUCKETS_MS.map(() => 0) });

/** How long a day's totals and a conversation's "counted already" marks are kept. */
export const STATS_TTL_DAYS = 400;
