import type { SiteSettings } from '@introserv/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export const SAMPLE_SETTINGS: SiteSettings = {
  color: '#7b1fa2',
  position: 'left',
  greeting: { en: 'Hi! Servers, billing, anything: ask.', de: 'Hallo! Fragen Sie uns.' },
  preChat: { name: 'required', email: 'optional', department: true },
  leaveMessageAfterSeconds: 45,
  allowedOrigins: ['https://partner.example'],
};

export function settingsContract(makeStores: StoresFactory): void {
  describe('SettingsStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('has no settings and no notice until an admin saves them', async () => {
      expect(await stores.settings.get()).toBeNull();
      expect(await stores.settings.notice()).toBeNull();
    });

    it('keeps the last settings saved, as saved', async () => {
      await stores.settings.save({ ...SAMPLE_SETTINGS, color: '#000000' });
      await stores.settings.save(SAMPLE_SETTINGS);
      expect(await stores.settings.get()).toEqual(SAMPLE_SETTINGS);
    });

    it('posts, replaces and ends the notice', async () => {
      await stores.settings.saveNotice({ kind: 'maintenance', text: { en: 'Planned maintenance tonight' }, postedAt: 1 });
      await stores.settings.saveNotice({ kind: 'outage', text: { en: 'Network outage in Frankfurt', ru: 'Сбой сети во Франкфурте' }, postedAt: 2 });
      expect(await stores.settings.notice()).toEqual({ kind: 'outage', text: { en: 'Network outage in Frankfurt', ru: 'Сбой сети во Франкфурте' }, postedAt: 2 });
      await stores.settings.saveNotice(null);
      expect(await stores.settings.notice()).toBeNull();
    });
  });
}
