import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './browser.js';
import { ADMIN, startServer, type RunningServer } from './server.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('a visitor and an operator talk, in real browsers', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visitorMessages = (page: Page, author: string) => page.locator(`[data-testid="message"][data-author="${author}"]`);

  it('visitor writes from the demo page, operator answers from the console, visitor sees it, and a reload keeps it', async () => {
    const visitorCtx = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const visitor = await visitorCtx.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    await visitor.goto(`${server.url}/`);

    // The launcher lives in the widget's shadow root; Playwright's CSS engine pierces it.
    await visitor.locator('[data-testid="launcher"]').click();
    await expect.poll(() => visitor.locator('[data-testid="panel"]').isVisible(), { timeout: 10_000 }).toBe(true);
    await visitor.locator('[data-testid="composer-input"]').fill('My VPS does not boot');
    await visitor.locator('[data-testid="composer-send"]').click();
    await expect.poll(() => visitorMessages(visitor, 'visitor').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    // The operator logs in, in a separate browser context (its own cookies).
    const operatorCtx = await browser.newContext({ locale: 'en-US' });
    const operator = await operatorCtx.newPage();
    await operator.goto(`${server.url}/console/`);
    await operator.locator('[data-testid="login-email"]').fill(ADMIN.email);
    await operator.locator('[data-testid="login-password"]').fill(ADMIN.password);
    await operator.locator('[data-testid="login-submit"]').click();

    // Routing gives the waiting chat to the only operator online.
    const item = operator.locator('[data-testid="conversation-item"]').first();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000 }).toBe('assigned');
    await item.click();
    const chat = operator.locator('[data-testid="chat-view"]');
    await expect.poll(() => chat.locator('[data-testid="message"][data-author="visitor"]').first().textContent(), { timeout: 10_000 }).toContain('My VPS does not boot');

    // The visitor is told who joined.
    await expect.poll(() => visitor.locator('[data-testid="conversation-status"]').textContent(), { timeout: 10_000 }).toContain(ADMIN.name);

    await operator.locator('[data-testid="composer-input"]').fill('Hi, I am looking at it. Which server IP?');
    await operator.locator('[data-testid="composer-send"]').click();
    await expect
      .poll(() => visitorMessages(visitor, 'operator').first().textContent(), { timeout: 10_000 })
      .toContain('Hi, I am looking at it. Which server IP?');

    // A reload shows the same conversation, from the token in localStorage.
    await visitor.reload();
    await visitor.locator('[data-testid="launcher"]').click();
    await expect.poll(() => visitorMessages(visitor, 'visitor').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => visitorMessages(visitor, 'operator').count(), { timeout: 10_000 }).toBe(1);

    // And the visitor's reply after the reload reaches the operator live.
    await visitor.locator('[data-testid="composer-input"]').fill('203.0.113.7');
    await visitor.locator('[data-testid="composer-send"]').click();
    await expect.poll(() => chat.locator('[data-testid="message"][data-author="visitor"]').count(), { timeout: 10_000 }).toBe(2);

    expect(pageErrors).toEqual([]);
    await visitorCtx.close();
    await operatorCtx.close();
  });

  it('shows a wrong password as an error in the console', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/console/`);
    await page.locator('[data-testid="login-email"]').fill(ADMIN.email);
    await page.locator('[data-testid="login-password"]').fill('not-the-password');
    await page.locator('[data-testid="login-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="login-error"]').isVisible(), { timeout: 10_000 }).toBe(true);
    await ctx.close();
  });
});
