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

    it('starts over after a reset', async () => {
      await stores.rateLimits.hit('r', 60_000, t0);
      await stores.rateLimits.reset('r');
      expect(await stores.rateLimits.count('r', 60_000, t0)).toBe(0);
    });
  });
}
