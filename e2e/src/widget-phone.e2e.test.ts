import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();
const PHONE = { width: 390, height: 844 };

describe.skipIf(!canRun)('on a phone', () => {
  const s = useServerAndBrowser();

  it('fills the screen, keeps the composer above the on-screen keyboard, and holds the page still behind', async () => {
    const context = await s.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${s.server.url}/`);
    const launcher = page.locator('[data-testid="launcher"]');
    await launcher.waitFor({ timeout: 10_000 });
    // The demo page scrolls, before the chat opens.
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));

    await launcher.tap();
    const panel = page.locator('[data-testid="panel"]');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, ...PHONE });
    await send(page, 'Hello from my phone');
    await expect.poll(() => page.locator('[data-testid="message"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    // The page behind does not scroll while the panel is open.
    expect(await page.evaluate(() => [getComputedStyle(document.documentElement).overflow, getComputedStyle(document.body).overflow])).toEqual(['hidden', 'hidden']);
    await page.mouse.wheel(0, 600);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // The on-screen keyboard: the visual viewport shrinks (and, on iOS, scrolls) while the
    // layout viewport stays. Headless Chromium has no keyboard, so its visual viewport says so.
    await page.evaluate(() => {
      const viewport = window.visualViewport!;
      Object.defineProperty(viewport, 'height', { configurable: true, get: () => 420 });
      Object.defineProperty(viewport, 'offsetTop', { configurable: true, get: () => 60 });
      viewport.dispatchEvent(new Event('resize'));
    });
    await expect.poll(async () => (await panel.boundingBox())?.height).toBe(420);
    expect((await panel.boundingBox())?.y).toBe(60);
    const composer = await page.locator('[data-testid="composer-input"]').boundingBox();
    expect((composer?.y ?? 0) + (composer?.height ?? 0)).toBeLessThanOrEqual(60 + 420);

    await page.locator('[data-testid="panel-close"]').tap();
    await expect.poll(() => panel.count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('visible');
    await context.close();
  });
});
