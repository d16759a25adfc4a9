import { describe, expect, it } from 'vitest';
import { DepartmentListCache } from './department-list-cache.js';

describe('DepartmentListCache', () => {
  it('reads the store once per time-to-live, then again', async () => {
    let reads = 0;
    let now = 0;
    const cache = new DepartmentListCache({ list: async () => [{ id: `d${++reads}`, names: {} }] }, 1_000, () => now);
    expect(await cache.list()).toEqual([{ id: 'd1', names: {} }]);
    now = 999;
    expect(await cache.list()).toEqual([{ id: 'd1', names: {} }]);
    now = 1_000;
    expect(await cache.list()).toEqual([{ id: 'd2', names: {} }]);
  });

  it('answers with the last list, or the built-in departments, while the store cannot', async () => {
    let up = false;
    let now = 0;
    const store = {
      list: async () => {
        if (!up) throw new Error('ECONNREFUSED');
        return [{ id: 'sales', names: {} }];
      },
    };
    const cache = new DepartmentListCache(store, 10, () => now);
    expect((await cache.list()).map((d) => d.id)).toEqual(['general', 'technical', 'financial']);
    up = true;
    now = 20;
    expect((await cache.list()).map((d) => d.id)).toEqual(['sales']);
    up = false;
    now = 40;
    expect((await cache.list()).map((d) => d.id)).toEqual(['sales']);
  });
});
