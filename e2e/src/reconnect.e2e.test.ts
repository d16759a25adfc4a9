import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './browser.js';
import { ADMIN, startServer, type RunningServer } from './server.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('the widget loses nothing across a server restart', () => {
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

  it('keeps a message written while the server is down, and delivers it once after the restart', async () => {
    const ctx = await browser.newContext({ locale: 'fr-FR' });
    const visitor = await ctx.newPage();
    await visitor.goto(`${server.url}/`);
    await visitor.locator('[data-testid="launcher"]').click();
    const messages = visitor.locator('[data-testid="message"][data-author="visitor"]');
    const status = visitor.locator('[data-testid="conversation-status"]');

    await visitor.locator('[data-testid="composer-input"]').fill('Bonjour, avant la panne');
    await visitor.locator('[data-testid="composer-send"]').click();
    await expect.poll(() => messages.first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    await server.stopApp();
    await expect.poll(() => status.getAttribute('data-connection'), { timeout: 10_000 }).toBe('offline');
    await visitor.locator('[data-testid="composer-input"]').fill('Pendant la panne');
    await visitor.locator('[data-testid="composer-send"]').click();
    await expect.poll(() => messages.nth(1).getAttribute('data-status')).toBe('pending');

    await server.startApp();
    await expect.poll(() => status.getAttribute('data-connection'), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => messages.allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringContaining('Bonjour, avant la panne'),
      expect.stringContaining('Pendant la panne'),
    ]);
    await expect.poll(() => messages.nth(1).getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    // A reload shows each message once: the resend was stored once.
    await visitor.reload();
    await visitor.locator('[data-testid="launcher"]').click();
    await expect.poll(() => messages.allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringContaining('Bonjour, avant la panne'),
      expect.stringContaining('Pendant la panne'),
    ]);

    // The operator sees both, each once, in order.
    const opCtx = await browser.newContext({ locale: 'en-US' });
    const op = await opCtx.newPage();
    await op.goto(`${server.url}/console/`);
    await op.locator('[data-testid="login-email"]').fill(ADMIN.email);
    await op.locator('[data-testid="login-password"]').fill(ADMIN.password);
    await op.locator('[data-testid="login-submit"]').click();
    await op.locator('[data-testid="conversation-item"]').first().click();
    const seen = op.locator('[data-testid="chat-view"] [data-testid="message"][data-author="visitor"]');
    await expect.poll(() => seen.count(), { timeout: 10_000 }).toBe(2);
    expect((await seen.allTextContents()).join(' | ')).toMatch(/Bonjour, avant la panne.*\|.*Pendant la panne/);
    await ctx.close();
    await opCtx.close();
  });
});
