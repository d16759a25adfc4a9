import type { RateLimitStore } from './rate-limit.store.js';

/** A sliding log per key: the times of the hits still inside the longest window asked for. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, number[]>();

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    const hits = this.live(key, windowMs, now);
    hits.push(now);
    this.windows.set(key, hits);
    return hits.length;
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return this.live(key, windowMs, now).length;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private live(key: string, windowMs: number, now: number): number[] {
    const hits = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    if (hits.length) this.windows.set(key, hits);
    else this.windows.delete(key);
    return hits;
  }
}
