import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

const reboot = { id: 'cr_1', shortcut: 'reboot', language: 'en' as const, title: 'Reboot', text: 'You can reboot the server in the Client Area.' };

export function cannedContract(makeStores: StoresFactory): void {
  describe('CannedStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('keeps responses by language then shortcut, replaces and deletes them', async () => {
      await stores.canned.save({ ...reboot, id: 'cr_2', shortcut: 'invoice', title: 'Invoice', text: 'Invoices are in the Client Area.' });
      await stores.canned.save(reboot);
      await stores.canned.save({ ...reboot, id: 'cr_3', language: 'de', text: 'Sie können den Server im Kundenbereich neu starten.' });
      expect((await stores.canned.list()).map((r) => `${r.language}/${r.shortcut}`)).toEqual(['de/reboot', 'en/invoice', 'en/reboot']);
      await stores.canned.save({ ...reboot, text: 'Changed.' });
      expect((await stores.canned.get('cr_1'))?.text).toBe('Changed.');
      expect(await stores.canned.delete('cr_1')).toBe(true);
      expect(await stores.canned.delete('cr_1')).toBe(false);
      expect(await stores.canned.get('cr_1')).toBeNull();
    });

    it('keeps a shortcut unique within its language, and frees it when it changes or the response goes', async () => {
      await stores.canned.save(reboot);
      expect(await stores.canned.save({ ...reboot, id: 'cr_9' })).toEqual({ ok: false, reason: 'shortcut_taken' });
      expect(await stores.canned.save({ ...reboot, shortcut: 'restart' })).toEqual({ ok: true });
      expect(await stores.canned.save({ ...reboot, id: 'cr_9' })).toEqual({ ok: true });
      await stores.canned.delete('cr_9');
      expect(await stores.canned.save({ ...reboot, id: 'cr_10' })).toEqual({ ok: true });
      // Concurrent creators of one shortcut: one wins.
      const results = await Promise.all(['a', 'b', 'c'].map((x) => stores.canned.save({ ...reboot, id: `cr_${x}`, shortcut: 'race' })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });
  });
}
