import type { Browser, Page } from 'playwright-core';
import { ADMIN, type RunningServer } from './server.js';

/** What the page helpers need: a running server and a browser (see session.ts for tests). */
export interface E2eSession {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** Opens the demo host page in a fresh browser context and opens the chat panel. */
export async function openWidget(s: E2eSession, locale = 'en-US'): Promise<Page> {
  const ctx = await s.browser.newContext({ locale, timezoneId: 'Europe/Berlin' });
  const page = await ctx.newPage();
  await page.goto(`${s.server.url}/`);
  await page.locator('[data-testid="launcher"]').click();
  await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
  return page;
}

/** Logs the bootstrap admin into the console in a fresh browser context (its own cookies). */
export async function logInToConsole(s: E2eSession, password = ADMIN.password): Promise<Page> {
  const ctx = await s.browser.newContext({ locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto(`${s.server.url}/console/`);
  await page.locator('[data-testid="login-email"]').fill(ADMIN.email);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
  return page;
}

/** Types into a composer (widget or console) and presses its send button. */
export async function send(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="composer-input"]').fill(text);
  await page.locator('[data-testid="composer-send"]').click();
}

/** Logs an operator into the console in a fresh browser context; `viewport` for a phone or a tablet. */
export async function logInAs(s: E2eSession, email: string, password: string, options: { viewport?: { width: number; height: number }; isMobile?: boolean; locale?: string } = {}): Promise<Page> {
  const ctx = await s.browser.newContext({ locale: options.locale ?? 'en-US', ...(options.viewport ? { viewport: options.viewport } : {}), ...(options.isMobile ? { isMobile: true, hasTouch: true } : {}) });
  const page = await ctx.newPage();
  await page.goto(`${s.server.url}/console/`);
  await page.locator('[data-testid="login-email"]').fill(email);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="panes"]').waitFor({ timeout: 10_000 });
  return page;
}

/** Sets the operator's status from the console's header and waits for the server's answer. */
export async function setPresence(page: Page, status: 'online' | 'away' | 'offline'): Promise<void> {
  const select = page.locator('[data-testid="presence"]');
  await select.selectOption(status);
  await select.and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout: 10_000 });
}
