import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function receiptContract(makeStores: StoresFactory): void {
  describe('ReceiptStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('starts with nothing delivered or read', async () => {
      expect(await stores.receipts.get('c1')).toEqual({ delivered: null, read: null });
    });

    it('moves forward only, compares cursors as numbers, and says when nothing moved', async () => {
      expect(await stores.receipts.advance('c1', { delivered: '1700000000000-9' })).toEqual({ delivered: '1700000000000-9', read: null });
      // 10 > 9 as numbers, though not as strings.
      expect(await stores.receipts.advance('c1', { delivered: '1700000000000-10' })).toEqual({ delivered: '1700000000000-10', read: null });
      expect(await stores.receipts.advance('c1', { delivered: '1700000000000-2' })).toBeNull();
      expect(await stores.receipts.advance('c1', { read: '1699999999999-50' })).toEqual({ delivered: '1700000000000-10', read: '1699999999999-50' });
      expect(await stores.receipts.advance('c1', { read: '1699999999999-50' })).toBeNull();
      expect(await stores.receipts.get('c1')).toEqual({ delivered: '1700000000000-10', read: '1699999999999-50' });
    });

    it('counts what was read as delivered, and keeps conversations apart', async () => {
      expect(await stores.receipts.advance('c2', { read: '1700000000005-0' })).toEqual({ delivered: '1700000000005-0', read: '1700000000005-0' });
      expect(await stores.receipts.get('c3')).toEqual({ delivered: null, read: null });
    });
  });
}
