import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi } from './admin-api.js';
import { chromiumAvailable } from './browser.js';
import { startGuestSite, type GuestSite } from './guest-pages.js';
import { logInToConsole, openWidget, send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();
const SECRET = 'e2e-identity-secret-0123456789';
/** As widget/README.md says: user id, name and e-mail joined by NUL. */
const hmac = (userId: string, name = '', email = '') => createHmac('sha256', SECRET).update(`${userId}\0${name}\0${email}`).digest('hex');

describe.skipIf(!canRun)('the site owner’s settings and identify(), with a real server and console', () => {
  let site: GuestSite;
  beforeAll(async () => {
    site = await startGuestSite(() => s.server.url, {
      member: {
        // A Client Area page: the site vouches for its user with the HMAC made on its server.
        body: `<script>window.IntroservChat = window.IntroservChat || { q: [] }; IntroservChat.q.push(['identify', [{ userId: '4711', name: 'Ana Kovač', email: 'ana@example.com', hash: '${hmac('4711', 'Ana Kovač', 'ana@example.com')}' }]]);</script>`,
      },
      forged: {
        body: `<script>window.IntroservChat = { q: [['identify', [{ userId: '4711', name: 'Mallory', hash: '${'0'.repeat(64)}' }]]] };</script>`,
      },
    });
  });
  afterAll(() => site.close());
  const s = useServerAndBrowser(() => ({ ALLOWED_ORIGINS: site.origin, IDENTITY_SECRET: SECRET }));

  it('takes the admin’s settings without touching the page: colour, notice, pre-chat questions, and the place in line', async () => {
    const admin = await logInToConsole(s);
    await admin.locator('.pagenav a[href="#/settings"]').click();
    await admin.locator('[data-testid="settings-color"]').fill('#7b1fa2');
    await admin.locator('[data-testid="settings-prechat-name"]').selectOption('required');
    await admin.locator('[data-testid="settings-save"]').click();
    await admin.locator('[data-testid="settings-saved"]').waitFor({ timeout: 10_000 });
    await admin.locator('[data-testid="notice-kind"]').selectOption('outage');
    await admin.locator('[data-testid="notice-en"]').fill('Network outage in Frankfurt: we are on it.');
    await admin.locator('[data-testid="notice-post"]').click();
    await admin.locator('[data-testid="notice-end"]').waitFor({ timeout: 10_000 });
    // The admin leaves: nobody is online to take the chat.
    await admin.context().close();

    const visitor = await openWidget(s);
    const background = await visitor.locator('[data-testid="launcher"]').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(123, 31, 162)');
    expect(await visitor.locator('[data-testid="status-notice"]').textContent()).toBe('Service disruption: Network outage in Frankfurt: we are on it.');
    await visitor.locator('[data-testid="prechat-submit"]').click();
    expect(await visitor.locator('[data-testid="prechat"]').textContent()).toContain('Please fill this in.');
    await visitor.locator('[data-testid="prechat-name"]').fill('Ivo Horvat');
    await visitor.locator('[data-testid="prechat-submit"]').click();
    await send(visitor, 'Is the outage why my site is down?');
    // Earlier tests' chats may still be in line (their operator's grace period), and their pace gives an estimate.
    await expect.poll(() => visitor.locator('[data-testid="queue-position"]').textContent(), { timeout: 10_000 }).toMatch(/^Your place in the queue: \d+( · Estimated wait: (under a minute|\d+ min))?$/);
    const api = await adminApi(s.server);
    await expect.poll(async () => (await api.conversations()).find((c) => c.visitor.name === 'Ivo Horvat')?.visitor.verified).toBe(false);
    await api.save({ preChat: { name: 'off', email: 'off', department: false }, color: '#0b57d0' });
    await visitor.context().close();
  });

  it('verifies a visitor the page identifies (no pre-chat form), and says in the console when the hash is forged', async () => {
    const api = await adminApi(s.server);
    await api.save({ preChat: { name: 'required', email: 'optional', department: false } });

    const member = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    await member.goto(site.url('member'));
    await member.locator('[data-testid="launcher"]').click();
    await member.locator('[data-testid="composer-input"]').waitFor({ timeout: 10_000 });
    expect(await member.locator('[data-testid="prechat"]').count()).toBe(0);
    await send(member, 'Invoice question');
    await expect.poll(async () => (await api.conversations()).find((c) => c.visitor.userId === '4711')?.visitor, { timeout: 10_000 }).toMatchObject({
      verified: true,
      name: 'Ana Kovač',
      email: 'ana@example.com',
    });

    const forged = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    const errors: string[] = [];
    forged.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await forged.goto(site.url('forged'));
    await forged.locator('[data-testid="launcher"]').click();
    await forged.locator('[data-testid="prechat"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => errors.filter((e) => e.includes('refused the hash for user "4711"')), { timeout: 10_000 }).toHaveLength(1);
    await api.save({ preChat: { name: 'off', email: 'off', department: false } });
    await member.context().close();
    await forged.context().close();
  });
});
