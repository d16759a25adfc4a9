import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('GET /widget/settings: the loader asks before it draws', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A trailing slash in the setting names the same origin.
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: 'https://introserv.com/, https://www.introserv.com' });
  });
  afterAll(() => t.close());
  const settings = (origin?: string, site = 'introserv') => fetch(`${t.url}/widget/settings?site=${site}`, { headers: origin ? { origin } : {} });

  it('answers an allowed origin', async () => {
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
      });
    }
  });

  it('refuses another origin with a reason any page can read', async () => {
    const res = await settings('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('refuses a malformed site id', async () => {
    expect((await settings('https://introserv.com', '<script>')).status).toBe(400);
  });
});
