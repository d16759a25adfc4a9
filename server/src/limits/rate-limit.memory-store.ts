import { windowOf, type QuotaCheck, type QuotaCount, type RateLimitStore } from './rate-limit.store.js';

interface Counter {
  index: number;
  current: number;
  previous: number;
  windowMs: number;
}

/** Counters kept before stale ones are pruned. */
const PRUNE_AT = 50_000;

/** A sliding log per key: the times of the hits still inside the longest window asked for. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, number[]>();
  private readonly counters = new Map<string, Counter>();

  async consume(rules: readonly QuotaCheck[], now: number): Promise<number> {
    const rolled = rules.map((r) => ({ rule: r, c: this.counter(r, now) }));
    const refused = rolled.findIndex(({ rule, c }) => c.current + c.previous * windowOf(now, c.windowMs).previousWeight + 1 > rule.limit);
    if (refused >= 0) return refused;
    for (const { c } of rolled) c.current++;
    if (this.counters.size > PRUNE_AT) this.prune(now);
    return -1;
  }

  async add(counts: readonly QuotaCount[], now: number): Promise<number[]> {
    return counts.map((q) => {
      const c = this.counter(q, now);
      c.current += q.n;
      return c.current + c.previous * windowOf(now, q.windowMs).previousWeight;
    });
  }

  /** The rule's counter, rolled forward to the window `now` falls in. */
  private counter(rule: { key: string; windowMs: number }, now: number): Counter {
    const { index } = windowOf(now, rule.windowMs);
    let c = this.counters.get(rule.key);
    if (!c) this.counters.set(rule.key, (c = { index, current: 0, previous: 0, windowMs: rule.windowMs }));
    if (c.index !== index) {
      c.previous = c.index === index - 1 ? c.current : 0;
      c.current = 0;
      c.index = index;
    }
    return c;
  }

  private prune(now: number): void {
    for (const [key, c] of this.counters) if (c.index < windowOf(now, c.windowMs).index - 1) this.counters.delete(key);
  }

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
