import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { startHostPage, type HostPage } from './host-page.js';
import { openWidget, send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('the loader shows the chat only where the server allows it', () => {
  let allowed: HostPage;
  let refused: HostPage;
  beforeAll(async () => {
    allowed = await startHostPage(() => s.server.url);
    refused = await startHostPage(() => s.server.url);
  });
  afterAll(async () => {
    await allowed.close();
    await refused.close();
  });
  // Listed with a trailing slash, as people write it: it names the same origin.
  const s = useServerAndBrowser(() => ({ ALLOWED_ORIGINS: `${allowed.origin}/` }));

  it('draws nothing on a site missing from ALLOWED_ORIGINS, and says why in one console error', async () => {
    const page = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const settings = page.waitForResponse((r) => r.url().startsWith(`${s.server.url}/widget/settings`));
    await page.goto(refused.url);
    expect((await settings).status()).toBe(403);

    await expect.poll(() => errors.filter((e) => e.includes('ALLOWED_ORIGINS')), { timeout: 10_000 }).toHaveLength(1);
    expect(errors.find((e) => e.includes('ALLOWED_ORIGINS'))).toContain(refused.origin);
    expect(await page.locator('introserv-chat').count()).toBe(0);
    expect(await page.locator('[data-testid="launcher"]').count()).toBe(0);
    expect(await page.evaluate(() => 'IntroservChat' in window)).toBe(false);
    await page.context().close();
  });

  it('works on a site in ALLOWED_ORIGINS: launcher, panel, and a message that reaches the server', async () => {
    const page = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(allowed.url);
    await page.locator('[data-testid="launcher"]').click();
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await send(page, 'Hello from a partner site');
    const mine = page.locator('[data-testid="message"][data-author="visitor"]');
    await expect.poll(() => mine.first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    await page.context().close();
  });

  it('still works on the demo page, served by the chat server itself', async () => {
    const page = await openWidget(s);
    await expect.poll(() => page.locator('[data-testid="conversation-status"]').getAttribute('data-connection'), { timeout: 10_000 }).toBe('online');
    await page.context().close();
  });
});
