import type { AdminSettings } from '@introserv/shared';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../stores.js';
import { SAMPLE_SETTINGS } from '../../settings/settings.contract.js';
import { startTestApp, type TestApp, type TestOperator } from '../../testing/test-app.js';

describe('/api/settings: the widget settings and the status notice, for admins', () => {
  let t: TestApp;
  let admin: TestOperator;
  let operator: TestOperator;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: 'https://introserv.com' });
    admin = await t.operator({ role: 'admin' });
    operator = await t.operator();
  });
  afterAll(() => t.close());

  const call = (who: TestOperator | null, method: string, path: string, body?: unknown, csrf = true) =>
    fetch(`${t.url}/api/settings${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie } : {}),
        ...(who && csrf ? { 'x-csrf-token': who.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const widgetSettings = async (origin?: string) => fetch(`${t.url}/widget/settings?site=introserv&lang=de-DE,en`, { headers: origin ? { origin } : {} });

  it('is for admins only, with the CSRF header on changes', async () => {
    expect((await call(null, 'GET', '')).status).toBe(401);
    expect((await call(operator, 'GET', '')).status).toBe(403);
    expect((await call(operator, 'PUT', '', SAMPLE_SETTINGS)).status).toBe(403);
    expect((await call(admin, 'PUT', '', SAMPLE_SETTINGS, false)).status).toBe(403);
    const res = await call(admin, 'GET', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      settings: { color: '#0b57d0', position: 'right', greeting: {}, preChat: { name: 'off', email: 'off', department: false }, leaveMessageAfterSeconds: 120, allowedOrigins: [] },
      notice: null,
      environmentOrigins: ['http://localhost:0', 'https://introserv.com'],
      transcriptEmail: false,
      publicUrl: 'http://localhost:0',
    } satisfies AdminSettings);
  });

  it('refuses settings a visitor could not read, saying which field', async () => {
    const res = await call(admin, 'PUT', '', { ...SAMPLE_SETTINGS, color: '#fff59d', allowedOrigins: ['partner.example'] });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['allowedOrigins.0', 'color']);
  });

  it('changes what visitors get at once on this process, and lets the new origin embed the widget and connect', async () => {
    expect((await widgetSettings('https://partner.example')).status).toBe(403);
    const saved = await call(admin, 'PUT', '', SAMPLE_SETTINGS);
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as AdminSettings).settings).toEqual(SAMPLE_SETTINGS);

    const res = await widgetSettings('https://partner.example');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ color: '#7b1fa2', position: 'left', greeting: SAMPLE_SETTINGS.greeting, label: 'Live-Chat', leaveMessageAfterSeconds: 45 });

    const socket = io(`${t.url}/visitor`, { transports: ['websocket'], forceNew: true, extraHeaders: { origin: 'https://partner.example' } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    socket.disconnect();
  });

  it('posts a notice in several languages, shows it to visitors, and ends it', async () => {
    const posted = await call(admin, 'PUT', '/notice', { kind: 'outage', text: { en: 'Network outage in Frankfurt: we are on it.', ru: 'Сбой сети во Франкфурте: работаем.' } });
    expect(posted.status).toBe(200);
    const { notice } = (await posted.json()) as AdminSettings;
    expect(notice).toMatchObject({ kind: 'outage', text: { en: 'Network outage in Frankfurt: we are on it.' } });
    expect(notice?.postedAt).toBeGreaterThan(0);
    expect(((await (await widgetSettings()).json()) as { notice: unknown }).notice).toEqual(notice);

    expect((await call(admin, 'PUT', '/notice', { kind: 'outage', text: {} })).status).toBe(400);
    const ended = await call(admin, 'DELETE', '/notice');
    expect(((await ended.json()) as AdminSettings).notice).toBeNull();
    expect(((await (await widgetSettings()).json()) as { notice: unknown }).notice).toBeNull();
  });
});
