import type { SiteSettings, StatusNotice } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SETTINGS } from './settings.contract.js';
import { SettingsCache } from './settings-cache.js';
import { MemorySettingsStore } from './settings.memory-store.js';

const DEFAULTS: SiteSettings = { ...SAMPLE_SETTINGS, color: '#0b57d0', allowedOrigins: [] };

function setup() {
  const store = new MemorySettingsStore();
  let reads = 0;
  let down = false;
  const counting = {
    get: async () => {
      reads++;
      if (down) throw new Error('Connection is closed.');
      return store.get();
    },
    notice: async (): Promise<StatusNotice | null> => {
      if (down) throw new Error('Connection is closed.');
      return store.notice();
    },
  };
  let now = 1_000;
  const cache = new SettingsCache(counting, DEFAULTS, 30_000, () => now);
  return {
    store,
    cache,
    reads: () => reads,
    advance: (ms: number) => (now += ms),
    setDown: (v: boolean) => (down = v),
  };
}

describe('SettingsCache', () => {
  it('serves the defaults until an admin saved settings, and reads the store once per ttl', async () => {
    const t = setup();
    expect((await t.cache.get()).settings).toEqual(DEFAULTS);
    await t.store.save(SAMPLE_SETTINGS);
    expect((await t.cache.get()).settings).toEqual(DEFAULTS);
    expect(t.reads()).toBe(1);
    t.advance(30_000);
    expect((await t.cache.get()).settings).toEqual(SAMPLE_SETTINGS);
    expect(t.reads()).toBe(2);
  });

  it('keeps serving the last settings known while the store is down', async () => {
    const t = setup();
    await t.store.save(SAMPLE_SETTINGS);
    await t.store.saveNotice({ kind: 'outage', text: { en: 'Outage' }, postedAt: 5 });
    await t.cache.get();
    t.setDown(true);
    t.advance(60_000);
    expect(await t.cache.get()).toEqual({ settings: SAMPLE_SETTINGS, notice: { kind: 'outage', text: { en: 'Outage' }, postedAt: 5 } });
    expect(t.cache.peek().settings.allowedOrigins).toEqual(['https://partner.example']);
  });

  it('answers peek at once from memory and refreshes an old value in the background', async () => {
    const t = setup();
    expect(t.cache.peek().settings).toEqual(DEFAULTS); // nothing read yet: the defaults, and a read starts
    await t.cache.get();
    await t.store.save(SAMPLE_SETTINGS);
    t.advance(30_000);
    expect(t.cache.peek().settings).toEqual(DEFAULTS); // old, but answered at once
    await expect.poll(() => t.cache.peek().settings).toEqual(SAMPLE_SETTINGS);
  });

  it('takes a change made on this process at once', async () => {
    const t = setup();
    await t.cache.get();
    t.cache.set({ settings: SAMPLE_SETTINGS, notice: null });
    expect((await t.cache.get()).settings).toEqual(SAMPLE_SETTINGS);
    expect(t.reads()).toBe(1);
  });
});
