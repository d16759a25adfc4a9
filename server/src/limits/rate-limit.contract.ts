import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function rateLimitContract(makeStores: StoresFactory): void {
  describe('RateLimitStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });
    // A clock of our own, so no test waits for a window to pass.
    const t0 = Date.now();

    it('counts the hits of the last window only, sliding with time', async () => {
      const { rateLimits } = stores;
      expect(await rateLimits.hit('k', 1_000, t0)).toBe(1);
      expect(await rateLimits.hit('k', 1_000, t0 + 400)).toBe(2);
      expect(await rateLimits.hit('k', 1_000, t0 + 800)).toBe(3);
      expect(await rateLimits.count('k', 1_000, t0 + 999)).toBe(3);
      // The first hit slid out; the others are still in.
      expect(await rateLimits.count('k', 1_000, t0 + 1_000)).toBe(2);
      expect(await rateLimits.hit('k', 1_000, t0 + 1_500)).toBe(2);
      expect(await rateLimits.count('other', 1_000, t0)).toBe(0);
    });

    it('counts two hits in the same millisecond as two', async () => {
      await Promise.all([stores.rateLimits.hit('same', 1_000, t0), stores.rateLimits.hit('same', 1_000, t0)]);
      expect(await stores.rateLimits.count('same', 1_000, t0)).toBe(2);
    });

    it('admits a quota up to its limit per window, counts nothing it refuses, and slides', async () => {
      const { rateLimits } = stores;
      const start = Math.ceil(t0 / 60_000) * 60_000; // the start of a fixed window
      const ip = { key: 'ip:a', limit: 3, windowMs: 60_000 };
      const site = { key: 'site:s', limit: 4, windowMs: 60_000 };
      for (let i = 0; i < 3; i++) expect(await rateLimits.consume([ip, site], start + i)).toBe(-1);
      expect(await rateLimits.consume([ip, site], start + 10)).toBe(0);
      // The refused one was not counted against the site: one more from elsewhere still fits.
      expect(await rateLimits.consume([{ ...ip, key: 'ip:b' }, site], start + 20)).toBe(-1);
      expect(await rateLimits.consume([{ ...ip, key: 'ip:c' }, site], start + 30)).toBe(1);
      // Half a window later, half of the last window's 3 still counts: 1.5 + 1 ≤ 3 admits one…
      expect(await rateLimits.consume([ip], start + 90_000)).toBe(-1);
      // …and 1.5 + 1 + 1 > 3 refuses the next.
      expect(await rateLimits.consume([ip], start + 90_001)).toBe(0);
      // Two windows later everything has slid out.
      expect(await rateLimits.consume([ip], start + 180_000)).toBe(-1);
    });

    it('adds batches of events per key and reports the sliding estimate, in the same windows as consume', async () => {
      const { rateLimits } = stores;
      const start = Math.ceil(t0 / 60_000) * 60_000;
      const a = { key: 'batch:a', windowMs: 60_000 };
      expect(await rateLimits.add([{ ...a, n: 3 }, { key: 'batch:b', windowMs: 60_000, n: 1 }], start)).toEqual([3, 1]);
      expect(await rateLimits.add([{ ...a, n: 2 }], start + 1)).toEqual([5]);
      // consume sees what add counted.
      expect(await rateLimits.consume([{ ...a, limit: 5 }], start + 2)).toBe(0);
      // Half a window on: half of the previous window's 5, plus the new one.
      expect(await rateLimits.add([{ ...a, n: 1 }], start + 90_000)).toEqual([3.5]);
    });

    it('starts over after a reset', async () => {
      await stores.rateLimits.hit('r', 60_000, t0);
      await stores.rateLimits.reset('r');
      expect(await stores.rateLimits.count('r', 60_000, t0)).toBe(0);
    });
  });
}
