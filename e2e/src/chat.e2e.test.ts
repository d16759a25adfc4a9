import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { chromiumAvailable } from './browser.js';
import { ADMIN } from './server.js';
import { logInToConsole, openWidget, send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('a visitor and an operator talk, in real browsers', () => {
  const s = useServerAndBrowser();
  const messages = (within: { locator(selector: string): Locator }, author: string) => within.locator(`[data-testid="message"][data-author="${author}"]`);

  it('visitor writes from the demo page, operator answers from the console, visitor sees it, and a reload keeps it', async () => {
    // The launcher lives in the widget's shadow root; Playwright's CSS engine pierces it.
    const visitor = await openWidget(s);
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    await send(visitor, 'My VPS does not boot');
    await expect.poll(() => messages(visitor, 'visitor').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    const operator = await logInToConsole(s);
    // Routing gives the waiting chat to the only operator online.
    const item = operator.locator('[data-testid="conversation-item"]').first();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000 }).toBe('assigned');
    await item.click();
    const chat = operator.locator('[data-testid="chat-view"]');
    await expect.poll(() => messages(chat, 'visitor').first().textContent(), { timeout: 10_000 }).toContain('My VPS does not boot');

    // The visitor is told who joined.
    await expect.poll(() => visitor.locator('[data-testid="conversation-status"]').textContent(), { timeout: 10_000 }).toContain(ADMIN.name);

    await send(operator, 'Hi, I am looking at it. Which server IP?');
    await expect.poll(() => messages(visitor, 'operator').first().textContent(), { timeout: 10_000 }).toContain('Hi, I am looking at it. Which server IP?');

    // A reload shows the same conversation, from the token in localStorage.
    await visitor.reload();
    // The panel was open: it opens again by itself.
    await visitor.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => messages(visitor, 'visitor').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => messages(visitor, 'operator').count(), { timeout: 10_000 }).toBe(1);

    // And the visitor's reply after the reload reaches the operator live.
    await send(visitor, '203.0.113.7');
    await expect.poll(() => messages(chat, 'visitor').count(), { timeout: 10_000 }).toBe(2);

    expect(pageErrors).toEqual([]);
    await visitor.context().close();
    await operator.context().close();
  });

  it('shows a wrong password as an error in the console', async () => {
    const page = await logInToConsole(s, 'not-the-password');
    await expect.poll(() => page.locator('[data-testid="login-error"]').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.context().close();
  });
});
