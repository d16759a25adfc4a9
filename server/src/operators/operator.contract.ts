import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import type { OperatorRecord } from './operator.store.js';

const ana: OperatorRecord = { id: 'op-x', email: 'ana@introserv.com', name: 'Ana', role: 'admin', capacity: 4, disabled: false, passwordHash: 'scrypt$…' };

export function operatorContract(makeStores: StoresFactory): void {
  describe('OperatorStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('keeps operators by id and by case-insensitive e-mail, with their capacity and state', async () => {
      await stores.operators.save(ana);
      expect(await stores.operators.get('op-x')).toEqual(ana);
      expect((await stores.operators.findByEmail('ANA@introserv.com'))?.id).toBe('op-x');
      expect(await stores.operators.findByEmail('bob@introserv.com')).toBeNull();
      await stores.operators.save({ ...ana, capacity: null, disabled: true });
      expect(await stores.operators.get('op-x')).toMatchObject({ capacity: null, disabled: true });
      expect(await stores.operators.count()).toBe(1);
    });

    it('frees the old e-mail when an operator’s e-mail changes', async () => {
      await stores.operators.save(ana);
      await stores.operators.save({ ...ana, email: 'ana.k@introserv.com' });
      expect(await stores.operators.findByEmail('ana@introserv.com')).toBeNull();
      expect((await stores.operators.findByEmail('ana.k@introserv.com'))?.id).toBe('op-x');
      // Someone else may now take the old address.
      expect(await stores.operators.save({ ...ana, id: 'op-y', name: 'Bo', email: 'ana@introserv.com' })).toEqual({ ok: true });
      expect((await stores.operators.findByEmail('ana@introserv.com'))?.id).toBe('op-y');
    });

    it('refuses an e-mail another operator has', async () => {
      await stores.operators.save(ana);
      expect(await stores.operators.save({ ...ana, id: 'op-y', email: 'Ana@introserv.com' })).toEqual({ ok: false, reason: 'email_taken' });
      expect(await stores.operators.get('op-y')).toBeNull();
      expect(await stores.operators.count()).toBe(1);
    });

    it('lists operators by name', async () => {
      await stores.operators.save({ ...ana, id: 'op-z', name: 'Zora', email: 'zora@introserv.com' });
      await stores.operators.save(ana);
      expect((await stores.operators.list()).map((o) => o.name)).toEqual(['Ana', 'Zora']);
    });
  });
}
