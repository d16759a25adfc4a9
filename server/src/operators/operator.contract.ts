import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import type { OperatorRecord } from './operator.store.js';

const ana: OperatorRecord = {
  id: 'op-x',
  email: 'ana@introserv.com',
  name: 'Ana',
  role: 'admin',
  capacity: 4,
  disabled: false,
  passwordHash: 'scrypt$…',
  departments: ['technical', 'financial'],
  languages: ['hr', 'en'],
  autoAssign: false,
};

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
      await stores.operators.save({ ...ana, id: 'op-admin', email: 'admin@introserv.com' });
      await stores.operators.save({ ...ana, capacity: null, disabled: true });
      expect(await stores.operators.get('op-x')).toMatchObject({ capacity: null, disabled: true });
      expect(await stores.operators.count()).toBe(2);
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

    it('keeps departments, languages and the auto-assign flag, and reads a record saved before them as "everything, auto"', async () => {
      await stores.operators.save(ana);
      expect(await stores.operators.get('op-x')).toMatchObject({ departments: ['technical', 'financial'], languages: ['hr', 'en'], autoAssign: false });
      await stores.operators.save({ ...ana, departments: [], languages: [], autoAssign: true });
      expect(await stores.operators.get('op-x')).toMatchObject({ departments: [], languages: [], autoAssign: true });
      // Written by code that predates the fields: every department and language, auto-assigned.
      const { departments: _d, languages: _l, autoAssign: _a, ...older } = ana;
      await stores.operators.save({ ...older, id: 'op-old', email: 'old@introserv.com' });
      expect(await stores.operators.get('op-old')).toMatchObject({ departments: [], languages: [], autoAssign: true });
    });

    it('never leaves the team without an enabled admin: demoting or disabling the last one is refused', async () => {
      await stores.operators.save(ana);
      expect(await stores.operators.save({ ...ana, role: 'operator' })).toEqual({ ok: false, reason: 'last_admin' });
      expect(await stores.operators.save({ ...ana, disabled: true })).toEqual({ ok: false, reason: 'last_admin' });
      expect(await stores.operators.get('op-x')).toMatchObject({ role: 'admin', disabled: false });
      // Other changes to the last admin are fine.
      expect(await stores.operators.save({ ...ana, name: 'Ana K.' })).toEqual({ ok: true });
      // With a second enabled admin, one of them may step down.
      const bo = { ...ana, id: 'op-y', email: 'bo@introserv.com', name: 'Bo' };
      await stores.operators.save(bo);
      expect(await stores.operators.save({ ...ana, role: 'operator' })).toEqual({ ok: true });
      expect(await stores.operators.save({ ...bo, disabled: true })).toEqual({ ok: false, reason: 'last_admin' });
    });

    it('lets only one of two admins demoting each other at once succeed', async () => {
      const bo = { ...ana, id: 'op-y', email: 'bo@introserv.com', name: 'Bo' };
      await stores.operators.save(ana);
      await stores.operators.save(bo);
      for (let round = 0; round < 5; round++) {
        const results = await Promise.all([stores.operators.save({ ...ana, role: 'operator' }), stores.operators.save({ ...bo, disabled: true })]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const admins = (await stores.operators.list()).filter((o) => o.role === 'admin' && !o.disabled);
        expect(admins).toHaveLength(1);
        // Both admins again for the next round.
        await stores.operators.save(ana);
        await stores.operators.save(bo);
      }
    });

    it('lists operators by name', async () => {
      await stores.operators.save({ ...ana, id: 'op-z', name: 'Zora', email: 'zora@introserv.com' });
      await stores.operators.save(ana);
      expect((await stores.operators.list()).map((o) => o.name)).toEqual(['Ana', 'Zora']);
    });
  });
}
