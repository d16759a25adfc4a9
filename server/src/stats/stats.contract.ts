import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import { BUCKETS_MS, bucketOf } from './stats.store.js';

export function statsContract(makeStores: StoresFactory): void {
  describe('StatsStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });
    const day1 = Date.UTC(2026, 11, 1, 10);
    const day2 = Date.UTC(2026, 11, 2, 23, 59);

    it('counts chats per UTC day and department, once per conversation', async () => {
      await stores.stats.opened({ conversationId: 'c1', department: 'technical', createdAt: day1 });
      await stores.stats.opened({ conversationId: 'c1', department: 'technical', createdAt: day1 });
      await stores.stats.opened({ conversationId: 'c2', department: 'financial', createdAt: day1 + 1000 });
      await stores.stats.opened({ conversationId: 'c3', department: 'technical', createdAt: day2 });
      const [a, b, c] = await stores.stats.days(['2026-12-01', '2026-12-02', '2026-12-03']);
      expect(a).toMatchObject({ day: '2026-12-01', chats: 2, byDepartment: { technical: 1, financial: 1 } });
      expect(b).toMatchObject({ day: '2026-12-02', chats: 1, byDepartment: { technical: 1 } });
      expect(c).toMatchObject({ day: '2026-12-03', chats: 0, byDepartment: {}, wait: { count: 0 } });
    });

    it('keeps the first wait and first response of a conversation in histograms, even under concurrent calls', async () => {
      await Promise.all([
        stores.stats.assigned({ conversationId: 'c1', createdAt: day1, at: day1 + 4_000 }),
        stores.stats.assigned({ conversationId: 'c1', createdAt: day1, at: day1 + 400_000 }),
      ]);
      await stores.stats.assigned({ conversationId: 'c2', createdAt: day1, at: day1 + 70_000 });
      await stores.stats.firstResponse({ conversationId: 'c1', createdAt: day1, at: day1 + 20_000 });
      await stores.stats.firstResponse({ conversationId: 'c1', createdAt: day1, at: day1 + 90_000 });
      const [d] = await stores.stats.days(['2026-12-01']);
      expect(d?.wait.count).toBe(2);
      expect([4_000 + 70_000, 400_000 + 70_000]).toContain(d?.wait.sumMs);
      expect(d?.wait.buckets[bucketOf(70_000)]).toBe(1);
      expect(d?.wait.buckets.reduce((x, y) => x + y, 0)).toBe(2);
      expect(d?.firstResponse).toMatchObject({ count: 1, sumMs: 20_000, maxMs: 20_000 });
      expect(d?.firstResponse.buckets).toHaveLength(BUCKETS_MS.length);
    });
  });
}
