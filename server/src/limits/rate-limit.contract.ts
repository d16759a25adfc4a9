import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import type { LimitRule, Reservation } from './rate-limit.store.js';

export function rateLimitContract(makeStores: StoresFactory): void {
  describe('RateLimitStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });
    // A clock of our own, so no test waits for a window to pass; `start` is the start of a fixed window.
    const start = Math.ceil(Date.now() / 60_000) * 60_000;
    const admitted = (r: Reservation) => r.ok;

    it('admits up to the limit per window, counts nothing it refuses, and slides', async () => {
      const { rateLimits } = stores;
      const ip = { key: 'ip:a', limit: 3, windowMs: 60_000 };
      const site = { key: 'site:s', limit: 4, windowMs: 60_000 };
      for (let i = 0; i < 3; i++) expect((await rateLimits.reserve([ip, site], start + i)).ok).toBe(true);
      expect(await rateLimits.reserve([ip, site], start + 10)).toEqual({ ok: false, refusedBy: 0 });
      // The refused one was not counted against the site: one more from elsewhere still fits.
      expect((await rateLimits.reserve([{ ...ip, key: 'ip:b' }, site], start + 20)).ok).toBe(true);
      expect(await rateLimits.reserve([{ ...ip, key: 'ip:c' }, site], start + 30)).toEqual({ ok: false, refusedBy: 1 });
      // Half a window later, half of the last window's 3 still counts: 1.5 + 1 ≤ 3 admits one…
      expect((await rateLimits.reserve([ip], start + 90_000)).ok).toBe(true);
      // …and 1.5 + 1 + 1 > 3 refuses the next.
      expect((await rateLimits.reserve([ip], start + 90_001)).ok).toBe(false);
      // Two windows later everything has slid out.
      expect((await rateLimits.reserve([ip], start + 180_000)).ok).toBe(true);
    });

    it('admits exactly the limit out of a burst of reservations sent at once', async () => {
      const rule = { key: 'burst', limit: 30, windowMs: 60_000 };
      const outcomes = await Promise.all(Array.from({ length: 100 }, () => stores.rateLimits.reserve([rule], start + 5)));
      expect(outcomes.filter(admitted)).toHaveLength(30);
      expect(outcomes.filter((o) => !o.ok)).toEqual(Array.from({ length: 70 }, () => ({ ok: false, refusedBy: 0 })));
    });

    it('weighs a reservation by its cost: a byte quota admits what fits, even in a parallel burst', async () => {
      const bytes = (cost: number): LimitRule => ({ key: 'bytes:a', limit: 1_000, windowMs: 60_000, cost });
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => stores.rateLimits.reserve([bytes(300)], start)));
      expect(outcomes.filter(admitted)).toHaveLength(3);
      // 900 counted: 300 more does not fit, 100 does.
      expect((await stores.rateLimits.reserve([bytes(300)], start + 1)).ok).toBe(false);
      const last = await stores.rateLimits.reserve([bytes(100)], start + 2);
      expect(last).toMatchObject({ ok: true, counts: [1_000] });
    });

    it('gives a reservation back on release, once, in the window it was counted in', async () => {
      const { rateLimits } = stores;
      const rule = { key: 'refund', limit: 2, windowMs: 60_000 };
      const a = await rateLimits.reserve([rule], start);
      const b = await rateLimits.reserve([rule], start + 1);
      if (!a.ok || !b.ok) throw new Error('not admitted');
      expect((await rateLimits.reserve([rule], start + 2)).ok).toBe(false);
      await a.release();
      await a.release();
      // One place came back, not two.
      expect((await rateLimits.reserve([rule], start + 3)).ok).toBe(true);
      expect((await rateLimits.reserve([rule], start + 4)).ok).toBe(false);
      // Released in the next window, it leaves the previous window's weight: 2 × 0.5 → 1 × 0.5.
      await b.release();
      expect(await rateLimits.reserve([rule], start + 90_000)).toMatchObject({ ok: true, counts: [1.5] });
    });

    it('releases a burst of reservations made at once, each exactly once', async () => {
      const rule = { key: 'refund-burst', limit: 50, windowMs: 60_000 };
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => stores.rateLimits.reserve([rule], start)));
      await Promise.all(outcomes.flatMap((o) => (o.ok ? [o.release(), o.release()] : [])));
      expect(await stores.rateLimits.reserve([rule], start + 1)).toMatchObject({ ok: true, counts: [1] });
    });

    it('reports the counts, and never refuses on a rule without a limit', async () => {
      const free = { key: 'count-only', limit: Infinity, windowMs: 60_000 };
      for (let i = 1; i <= 5; i++) expect(await stores.rateLimits.reserve([free], start + i)).toMatchObject({ ok: true, counts: [i] });
    });

    it('waives a rule for the first event of another one: a spent site quota still admits a new address once', async () => {
      const { rateLimits } = stores;
      const site = { key: 'site:full', limit: 2, windowMs: 60_000, exceptFirstOf: 0 };
      const ip = (a: string) => ({ key: `ip:${a}`, limit: 10, windowMs: 60_000 });
      expect((await rateLimits.reserve([ip('a'), site], start)).ok).toBe(true);
      expect((await rateLimits.reserve([ip('a'), site], start + 1)).ok).toBe(true);
      // The site is spent: 'a' has made one already, so it is refused…
      expect(await rateLimits.reserve([ip('a'), site], start + 2)).toEqual({ ok: false, refusedBy: 1 });
      // …while a fresh address gets its first, once (and it is counted against the site).
      expect(await rateLimits.reserve([ip('b'), site], start + 3)).toMatchObject({ ok: true, counts: [1, 3] });
      expect((await rateLimits.reserve([ip('b'), site], start + 4)).ok).toBe(false);
      // A burst from one fresh address still gets one.
      const burst = await Promise.all(Array.from({ length: 20 }, () => rateLimits.reserve([ip('c'), site], start + 5)));
      expect(burst.filter(admitted)).toHaveLength(1);
    });

    it('starts over after a reset', async () => {
      // One count in each of the two windows a key spans.
      const rule = { key: 'r', limit: 2, windowMs: 60_000 };
      expect((await stores.rateLimits.reserve([rule], start)).ok).toBe(true);
      expect((await stores.rateLimits.reserve([rule], start + 60_000)).ok).toBe(true);
      expect((await stores.rateLimits.reserve([rule], start + 60_001)).ok).toBe(false);
      await stores.rateLimits.reset(rule, start + 60_002);
      expect((await stores.rateLimits.reserve([rule], start + 60_003)).ok).toBe(true);
    });

    it('adds batches of events per key and reports the sliding estimate, in the same windows as reserve', async () => {
      const { rateLimits } = stores;
      const a = { key: 'batch:a', windowMs: 60_000 };
      expect(await rateLimits.add([{ ...a, n: 3 }, { key: 'batch:b', windowMs: 60_000, n: 1 }], start)).toEqual([3, 1]);
      expect(await rateLimits.add([{ ...a, n: 2 }], start + 1)).toEqual([5]);
      // reserve sees what add counted.
      expect((await rateLimits.reserve([{ ...a, limit: 5 }], start + 2)).ok).toBe(false);
      // Half a window on: half of the previous window's 5, plus the new one.
      expect(await rateLimits.add([{ ...a, n: 1 }], start + 90_000)).toEqual([3.5]);
    });

    it('holds at most the limit of places at once, even for a burst, and frees them on unhold', async () => {
      const { rateLimits } = stores;
      const slot = { key: 'queued:a', limit: 3, ttlMs: 60_000 };
      const held = await Promise.all(Array.from({ length: 20 }, (_, i) => rateLimits.hold(slot, `c${i}`, start)));
      expect(held.filter(Boolean)).toHaveLength(3);
      const holders = held.flatMap((ok, i) => (ok ? [`c${i}`] : []));
      // Holding a member again renews it, it takes no second place.
      expect(await rateLimits.hold(slot, holders[0] ?? '', start + 1)).toBe(true);
      expect(await rateLimits.hold(slot, 'late', start + 1)).toBe(false);
      await rateLimits.unhold(slot.key, holders[1] ?? '');
      await rateLimits.unhold(slot.key, holders[1] ?? '');
      expect(await rateLimits.hold(slot, 'late', start + 2)).toBe(true);
      expect(await rateLimits.hold(slot, 'later', start + 3)).toBe(false);
      // Forced: a conversation that comes back to the queue is counted whatever the limit.
      expect(await rateLimits.hold(slot, 'returned', start + 4, true)).toBe(true);
      expect(await rateLimits.hold({ ...slot, key: 'queued:b' }, 'other-address', start + 5)).toBe(true);
    });

    it('frees a place nobody gave back once its time is up', async () => {
      const slot = { key: 'queued:lost', limit: 1, ttlMs: 60_000 };
      expect(await stores.rateLimits.hold(slot, 'c1', start)).toBe(true);
      expect(await stores.rateLimits.hold(slot, 'c2', start + 59_999)).toBe(false);
      expect(await stores.rateLimits.hold(slot, 'c2', start + 60_001)).toBe(true);
    });
  });
}
