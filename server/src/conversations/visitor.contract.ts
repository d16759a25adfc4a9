import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import { PAGES_KEPT } from './visitor.store.js';

export function visitorContract(makeStores: StoresFactory): void {
  describe('VisitorStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('finds a visitor by token hash and by id, and nothing by an unknown one', async () => {
      await stores.visitors.create('hash-1', 'v1');
      const fresh = { id: 'v1', conversationId: null, name: null, email: null, verified: false, userId: null };
      expect(await stores.visitors.findByToken('hash-1')).toEqual(fresh);
      expect(await stores.visitors.get('v1')).toEqual(fresh);
      expect(await stores.visitors.findByToken('hash-2')).toBeNull();
      expect(await stores.visitors.get('v2')).toBeNull();
    });

    it('sets the given profile fields and keeps the others', async () => {
      await stores.visitors.create('hash-1', 'v1');
      await stores.visitors.updateProfile('v1', { name: 'Ana', email: 'ana@example.com' });
      expect(await stores.visitors.updateProfile('v1', { verified: true, userId: '4242' })).toMatchObject({ name: 'Ana', email: 'ana@example.com', verified: true, userId: '4242' });
      expect(await stores.visitors.updateProfile('v1', { verified: false, userId: null })).toMatchObject({ name: 'Ana', verified: false, userId: null });
      expect(await stores.visitors.updateProfile('nobody', { name: 'X' })).toBeNull();
      expect(await stores.visitors.get('nobody')).toBeNull();
    });

    it('keeps the newest page views, newest first', async () => {
      await stores.visitors.create('hash-1', 'v1');
      for (let i = 0; i < PAGES_KEPT + 5; i++) await stores.visitors.recordPage('v1', { url: `https://introserv.com/p${i}`, title: `P${i}` }, 1_000 + i);
      const pages = await stores.visitors.pages('v1', 100);
      expect(pages).toHaveLength(PAGES_KEPT);
      expect(pages[0]).toEqual({ url: `https://introserv.com/p${PAGES_KEPT + 4}`, title: `P${PAGES_KEPT + 4}`, at: 1_000 + PAGES_KEPT + 4 });
      expect((await stores.visitors.pages('v1', 2)).map((p) => p.title)).toEqual([`P${PAGES_KEPT + 4}`, `P${PAGES_KEPT + 3}`]);
    });
  });
}
