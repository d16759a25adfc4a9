import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import { SERVED_KEPT } from './queue-stats.store.js';

export function queueStatsContract(makeStores: StoresFactory): void {
  describe('QueueStatsStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('keeps the newest service times per department, newest first', async () => {
      for (let at = 1; at <= SERVED_KEPT + 5; at++) await stores.queueStats.recordServed('technical', at);
      await stores.queueStats.recordServed('financial', 100);
      const technical = await stores.queueStats.recentServed('technical', 100);
      expect(technical).toHaveLength(SERVED_KEPT);
      expect(technical.slice(0, 3)).toEqual([SERVED_KEPT + 5, SERVED_KEPT + 4, SERVED_KEPT + 3]);
      expect(await stores.queueStats.recentServed('technical', 2)).toEqual([SERVED_KEPT + 5, SERVED_KEPT + 4]);
      expect(await stores.queueStats.recentServed('financial', 10)).toEqual([100]);
      expect(await stores.queueStats.recentServed('general', 10)).toEqual([]);
    });
  });
}

/** The places in line that the wait estimate counts from: RoutingStore.queued. */
export function queuedContract(makeStores: StoresFactory): void {
  describe('RoutingStore.queued', () => {
    it('lists a queue next first: by when each started waiting, a requeued one back at its old place', async () => {
      const { openConversation, availableOperator } = await import('../testing/store-fixtures.js');
      const stores = await makeStores();
      const first = await openConversation(stores, { now: 1_000, department: 'technical' });
      const second = await openConversation(stores, { now: 2_000, department: 'technical' });
      const other = await openConversation(stores, { now: 1_500, department: 'financial' });
      expect(await stores.routing.queued('technical', 10)).toEqual([first.id, second.id]);
      expect(await stores.routing.queued('financial', 10)).toEqual([other.id]);
      expect(await stores.routing.queued('technical', 1)).toEqual([first.id]);

      const op = await availableOperator(stores, { capacity: 1 });
      await stores.routing.assignNext('technical', { now: 3_000, eventId: 'sys-a1', defaultCapacity: 1 });
      expect(await stores.routing.queued('technical', 10)).toEqual([second.id]);
      await stores.presence.operatorDisconnected(op.id, 4_000);
      await stores.presence.markOperatorGone(op.id, 10_000, 0);
      await stores.routing.requeueOperator(op.id, 'operator-left', { now: 10_000, eventId: 'sys-r1' });
      expect(await stores.routing.queued('technical', 10)).toEqual([first.id, second.id]);
    });
  });
}
