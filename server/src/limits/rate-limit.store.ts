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
}
