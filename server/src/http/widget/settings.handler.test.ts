import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores, type Stores } from '../../stores.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { SAMPLE_SETTINGS } from '../../settings/settings.contract.js';

describe('GET /widget/settings: the loader asks before it draws', () => {
  let t: TestApp;
  let stores: Stores;
  beforeAll(async () => {
    stores = createMemoryStores();
    // A trailing slash in the setting names the same origin.
    // A short settings cache, so a change made around the API shows within the test, not 30 s later.
    t = await startTestApp(stores, { ALLOWED_ORIGINS: 'https://introserv.com/, https://www.introserv.com' }, (c) => ({ ...c, timings: { ...c.timings, settingsCacheMs: 50 } }));
  });
  afterAll(() => t.close());
  const settings = (origin?: string, query = 'site=introserv', headers: Record<string, string> = {}) =>
    fetch(`${t.url}/widget/settings?${query}`, { headers: { ...(origin ? { origin } : {}), ...headers } });

  it('answers an allowed origin with everything the launcher and the panel need before a chat', async () => {
    for (const origin of ['https://introserv.com', 'https://www.introserv.com', undefined]) {
      const res = await settings(origin);
      expect(res.status, origin).toBe(200);
      expect(await res.json()).toEqual({
        siteId: 'introserv',
        leaveMessageAfterSeconds: 120,
        departments: [
          { id: 'general', names: {} },
          { id: 'technical', names: {} },
          { id: 'financial', names: {} },
        ],
        language: 'en',
        label: 'Live Chat',
        color: '#0b57d0',
        position: 'right',
        greeting: {},
        preChat: { name: 'off', email: 'off', department: false },
        notice: null,
        transcriptEmail: false,
        uploadMaxBytes: 10 * 1024 * 1024,
      });
    }
  });

  it('picks the language from the tag’s and the browser’s choices, and names the launcher in it', async () => {
    const pick = async (lang: string) => (await (await settings(undefined, `site=introserv&lang=${encodeURIComponent(lang)}`)).json()) as { language: string; label: string };
    expect(await pick('tr')).toMatchObject({ language: 'tr', label: 'Canlı Sohbet' });
    // An unsupported data-lang falls through to the browser's preferences, then to en.
    expect(await pick('it,de-AT,en')).toMatchObject({ language: 'de', label: 'Live-Chat' });
    expect(await pick(',RU')).toMatchObject({ language: 'ru' });
    expect(await pick('ja,zh-CN')).toMatchObject({ language: 'en' });
    expect((await settings(undefined, 'site=introserv&lang=<b>')).status).toBe(400);
  });

  it('lets browsers cache the answer and revalidate it with a bodiless 304', async () => {
    const first = await settings('https://introserv.com');
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('vary')).toBe('Origin');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await settings('https://introserv.com', 'site=introserv', { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('refuses another origin with a reason any page can read, and never lets it be cached', async () => {
    const res = await settings('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('refuses a malformed site id', async () => {
    expect((await settings('https://introserv.com', 'site=<script>')).status).toBe(400);
  });

  it('serves what an admin saved, and lets in the origins they allowed, without a restart', async () => {
    await stores.settings.save(SAMPLE_SETTINGS);
    await stores.settings.saveNotice({ kind: 'maintenance', text: { en: 'Planned maintenance tonight' }, postedAt: 7 });
    // These writes went around the API (as another process's would): they count once the cache is older than its ttl.
    await expect.poll(async () => (await settings('https://partner.example')).status, { timeout: 5_000, interval: 60 }).toBe(200);
    const body = (await (await settings('https://partner.example')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ color: '#7b1fa2', position: 'left', leaveMessageAfterSeconds: 45, preChat: SAMPLE_SETTINGS.preChat, notice: { kind: 'maintenance' } });
    expect(body).not.toHaveProperty('allowedOrigins');
  });
});
