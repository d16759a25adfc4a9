import { BUILT_IN_DEPARTMENTS } from '@introserv/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function departmentContract(makeStores: StoresFactory): void {
  describe('DepartmentStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('always has the built-in departments, unnamed until an admin names them', async () => {
      expect(await stores.departments.list()).toEqual(BUILT_IN_DEPARTMENTS.map((id) => ({ id, names: {} })));
      expect(await stores.departments.get('technical')).toEqual({ id: 'technical', names: {} });
      expect(await stores.departments.get('sales')).toBeNull();
    });

    it('adds departments after the built-in ones, in order, and renames any', async () => {
      await stores.departments.save({ id: 'sales', names: { en: 'Sales', de: 'Vertrieb' } });
      await stores.departments.save({ id: 'abuse', names: { en: 'Abuse reports' } });
      await stores.departments.save({ id: 'technical', names: { en: 'Technical support' } });
      await stores.departments.save({ id: 'sales', names: { en: 'Sales team' } });
      expect((await stores.departments.list()).map((d) => [d.id, d.names.en ?? null])).toEqual([
        ['general', null],
        ['technical', 'Technical support'],
        ['financial', null],
        ['sales', 'Sales team'],
        ['abuse', 'Abuse reports'],
      ]);
      expect(await stores.departments.get('sales')).toEqual({ id: 'sales', names: { en: 'Sales team' } });
    });

    it('keeps the order of departments added within the same millisecond', async () => {
      // Sent together: on Redis they arrive in one burst, well within a millisecond.
      await Promise.all(['zulu', 'mike', 'alpha'].map((id) => stores.departments.save({ id, names: {} })));
      expect((await stores.departments.list()).map((d) => d.id).slice(3)).toEqual(['zulu', 'mike', 'alpha']);
    });
  });
}
