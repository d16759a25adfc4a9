import { admits, releaseOnce, windowOf, type LimitRule, type QuotaCount, type RateLimitStore, type Reservation, type SlotRule, type WindowRule } from './rate-limit.store.js';

interface Counter {
  index: number;
  current: number;
  previous: number;
  windowMs: number;
}

/** Counters kept before stale ones are pruned. */
const PRUNE_AT = 50_000;

/**
 * Two fixed-window counters per key, and the held places per slot key. Every method runs
 * synchronously between its awaits, which is what makes each one atomic here.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, Counter>();
  /** Slot key → member → when its place frees itself. */
  private readonly slots = new Map<string, Map<string, number>>();

  async reserve(rules: readonly LimitRule[], now: number): Promise<Reservation> {
    const rolled = rules.map((r) => this.counter(r, now));
    const estimates = rolled.map((c) => this.estimate(c, now));
    const refusedBy = rules.findIndex((_, i) => !admits(rules, estimates, i));
    if (refusedBy >= 0) return { ok: false, refusedBy };
    const counted = rules.map((r, i) => {
      const cost = r.cost ?? 1;
      const c = rolled[i] as Counter;
      c.current += cost;
      return { key: r.key, index: c.index, cost };
    });
    if (this.counters.size > PRUNE_AT) this.prune(now);
    return {
      ok: true,
      counts: rules.map((r, i) => (estimates[i] ?? 0) + (r.cost ?? 1)),
      release: releaseOnce(async () => {
        for (const { key, index, cost } of counted) this.refund(key, index, cost);
      }),
    };
  }

  async reset(rule: WindowRule): Promise<void> {
    this.counters.delete(rule.key);
  }

  async add(counts: readonly QuotaCount[], now: number): Promise<number[]> {
    return counts.map((q) => {
      const c = this.counter(q, now);
      c.current += q.n;
      return this.estimate(c, now);
    });
  }

  async hold(slot: SlotRule, member: string, now: number, force = false): Promise<boolean> {
    const held = this.slots.get(slot.key) ?? new Map<string, number>();
    for (const [m, until] of held) if (until <= now) held.delete(m);
    if (!held.has(member) && !force && held.size >= slot.limit) return false;
    held.set(member, now + slot.ttlMs);
    this.slots.set(slot.key, held);
    return true;
  }

  async unhold(key: string, member: string): Promise<void> {
    const held = this.slots.get(key);
    held?.delete(member);
    if (held?.size === 0) this.slots.delete(key);
  }

  /** Uncounts `cost` from the window it was counted in, if that window still counts. */
  private refund(key: string, index: number, cost: number): void {
    const c = this.counters.get(key);
    if (c?.index === index) c.current = Math.max(0, c.current - cost);
    else if (c?.index === index + 1) c.previous = Math.max(0, c.previous - cost);
  }

  private estimate(c: Counter, now: number): number {
    return c.current + c.previous * windowOf(now, c.windowMs).previousWeight;
  }

  /** The rule's counter, rolled forward to the window `now` falls in. */
  private counter(rule: WindowRule, now: number): Counter {
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
    for (const [key, held] of this.slots) {
      for (const [m, until] of held) if (until <= now) held.delete(m);
      if (held.size === 0) this.slots.delete(key);
    }
  }
}
