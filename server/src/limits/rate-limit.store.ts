/**
 * Counters over sliding time windows, shared by every process (login attempts, quotas).
 * Implementations: `MemoryRateLimitStore`, `RedisRateLimitStore`; `rate-limit.contract.ts`.
 */
export interface RateLimitStore {
  /** Counts one event at `now` and returns how many fell within the last `windowMs`, this one included. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
  /** How many events fell within the last `windowMs`, without counting one. */
  count(key: string, windowMs: number, now: number): Promise<number>;
  reset(key: string): Promise<void>;
  /**
   * Quotas: counts one event against every rule if each still admits it, in one atomic step,
   * and returns -1; otherwise counts nothing and returns the index of the first rule that
   * refused. Each rule is a sliding window approximated from two fixed ones (this window's
   * count plus the previous one's, weighted by how much of it still overlaps), so a key
   * costs two counters however many events it admits, unlike `hit`'s log of every event.
   */
  consume(rules: readonly QuotaCheck[], now: number): Promise<number>;
  /**
   * Counts `n` events per key at once, whatever the limits (a process's batch of them), and
   * returns each key's sliding-window estimate afterwards, in the same windows as `consume`.
   */
  add(counts: readonly QuotaCount[], now: number): Promise<number[]>;
}

export interface QuotaCount {
  key: string;
  windowMs: number;
  n: number;
}

export interface QuotaCheck {
  key: string;
  /** Events admitted per window. */
  limit: number;
  windowMs: number;
}

/** The fixed window `now` falls in, and how much of the previous one a sliding window still covers. */
export function windowOf(now: number, windowMs: number): { index: number; previousWeight: number } {
  return { index: Math.floor(now / windowMs), previousWeight: 1 - (now % windowMs) / windowMs };
}
