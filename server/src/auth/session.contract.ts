import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function sessionContract(makeStores: StoresFactory): void {
  describe('SessionStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });
    const session = (operatorId: string) => ({ operatorId, csrfToken: 't', expiresAt: Date.now() + 60_000 });

    it('expires sessions and deletes them on logout', async () => {
      await stores.sessions.put('s1', session('op-x'), 60_000);
      await stores.sessions.put('s2', session('op-x'), 30);
      expect((await stores.sessions.get('s1'))?.operatorId).toBe('op-x');
      // The store's own clock (Redis PX) decides; a few ms of real time is the only way to see it.
      await new Promise((r) => setTimeout(r, 60));
      expect(await stores.sessions.get('s2')).toBeNull();
      await stores.sessions.delete('s1');
      expect(await stores.sessions.get('s1')).toBeNull();
    });

    it('ends every session of one operator and no one else’s', async () => {
      await stores.sessions.put('a1', session('op-a'), 60_000);
      await stores.sessions.put('a2', session('op-a'), 60_000);
      await stores.sessions.put('b1', session('op-b'), 60_000);
      expect((await stores.sessions.deleteAllOf('op-a')).sort()).toEqual(['a1', 'a2']);
      expect(await stores.sessions.get('a1')).toBeNull();
      expect(await stores.sessions.get('a2')).toBeNull();
      expect(await stores.sessions.get('b1')).not.toBeNull();
      expect(await stores.sessions.deleteAllOf('op-a')).toEqual([]);
    });

    it('ends every other session of an operator and keeps the one asked for, also for the next time', async () => {
      for (const key of ['c1', 'c2', 'c3']) await stores.sessions.put(key, session('op-c'), 60_000);
      expect((await stores.sessions.deleteAllOf('op-c', 'c2')).sort()).toEqual(['c1', 'c3']);
      expect(await stores.sessions.get('c1')).toBeNull();
      expect(await stores.sessions.get('c2')).not.toBeNull();
      // The kept one is still the operator's: disabling them later ends it too.
      expect(await stores.sessions.deleteAllOf('op-c')).toEqual(['c2']);
    });
  });
}
