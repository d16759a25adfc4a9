import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function visitorContract(makeStores: StoresFactory): void {
  describe('VisitorStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('finds a visitor by token hash and nothing by an unknown one', async () => {
      await stores.visitors.create('hash-1', 'v1');
      expect(await stores.visitors.findByToken('hash-1')).toEqual({ id: 'v1', conversationId: null });
      expect(await stores.visitors.findByToken('hash-2')).toBeNull();
    });
  });
}
