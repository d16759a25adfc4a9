import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function presenceContract(makeStores: StoresFactory): void {
  describe('PresenceStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
      await stores.presence.heartbeat(60_000, Date.now());
    });

    it('makes a connected operator available, and not once their last connection closes', async () => {
      const { presence } = stores;
      await presence.operatorConnected('op1');
      await presence.operatorConnected('op1'); // a second tab
      expect(await presence.isAvailable('op1')).toBe(true);
      expect(await presence.operatorDisconnected('op1', 100)).toBe(1);
      expect(await presence.isAvailable('op1')).toBe(true);
      expect(await presence.operatorDisconnected('op1', 1_000)).toBe(0);
      expect(await presence.isAvailable('op1')).toBe(false);
      expect(await presence.trackedOperators()).toContain('op1');
    });

    it('says an operator is gone only after the grace period without a connection', async () => {
      const { presence } = stores;
      await presence.operatorConnected('op1');
      expect(await presence.markOperatorGone('op1', 500, 0)).toBe(false); // connected
      await presence.operatorDisconnected('op1', 1_000);
      expect(await presence.markOperatorGone('op1', 1_500, 1_000)).toBe(false); // within grace
      expect(await presence.markOperatorGone('op1', 2_000, 1_000)).toBe(true);
      expect(await presence.trackedOperators()).not.toContain('op1');
    });

    it('forgets the away time of an operator who came back within the grace period', async () => {
      const { presence } = stores;
      await presence.operatorConnected('op1');
      await presence.operatorDisconnected('op1', 1_000);
      await presence.operatorConnected('op1'); // a reload
      expect(await presence.markOperatorGone('op1', 9_000, 1_000)).toBe(false);
      expect(await presence.operatorDisconnected('op1', 10_000)).toBe(0);
      expect(await presence.markOperatorGone('op1', 10_500, 1_000)).toBe(false);
      expect(await presence.markOperatorGone('op1', 11_000, 1_000)).toBe(true);
    });

    it('keeps the status an operator chose: only online and connected is available', async () => {
      const { presence } = stores;
      expect(await presence.getOperatorStatus('op1')).toBe('online');
      await presence.operatorConnected('op1');
      await presence.setOperatorStatus('op1', 'away');
      expect(await presence.getOperatorStatus('op1')).toBe('away');
      expect(await presence.isAvailable('op1')).toBe(false);
      // A reload keeps the choice.
      await presence.operatorDisconnected('op1', 1);
      await presence.operatorConnected('op1');
      expect(await presence.isAvailable('op1')).toBe(false);
      await presence.setOperatorStatus('op1', 'online');
      expect(await presence.isAvailable('op1')).toBe(true);
      await presence.operatorDisconnected('op1', 2);
      await presence.setOperatorStatus('op1', 'online');
      expect(await presence.isAvailable('op1')).toBe(false); // no connection
    });

    it('tells when a visitor arrives, not when they come back within the grace period, and who is gone after it', async () => {
      const { presence } = stores;
      expect(await presence.visitorConnected('v1', 1_000)).toBe(true);
      expect(await presence.visitorConnected('v1', 1_000)).toBe(false); // a second tab
      await presence.visitorDisconnected('v1', 2_000);
      await presence.visitorDisconnected('v1', 3_000);
      expect(await presence.takeGoneVisitors(3_500, 1_000)).toEqual([]); // within grace
      expect(await presence.visitorConnected('v1', 3_600)).toBe(false); // a reload: nobody saw them leave
      await presence.visitorDisconnected('v1', 4_000);
      expect(await presence.takeGoneVisitors(5_000, 1_000)).toEqual([{ visitorId: 'v1', since: 4_000 }]);
      expect(await presence.takeGoneVisitors(6_000, 1_000)).toEqual([]); // taken once
      expect(await presence.visitorConnected('v1', 7_000)).toBe(true); // back after leaving
    });
  });
}
