import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '@introserv/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { chromiumAvailable } from './browser.js';
import { send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();
const locale = (lang: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../locales/${lang}/widget.json`, import.meta.url)), 'utf8')) as {
    launcher: { label: string };
    panel: { title: string; subtitle: string };
    status: { greeting: string };
    composer: { placeholder: string };
  };

/** What has focus inside the widget's shadow root (the page itself sees only the host element). */
const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('introserv-chat')?.shadowRoot;
    const el = root?.activeElement as HTMLElement | null | undefined;
    return el ? { testid: el.dataset.testid ?? el.tagName.toLowerCase(), inPanel: !!el.closest('[data-testid="panel"]') } : null;
  });

describe.skipIf(!canRun)('the widget speaks each language, works from the keyboard, and passes axe', () => {
  const s = useServerAndBrowser();

  it('renders each of the six languages in its own words', async () => {
    for (const lang of LANGUAGES) {
      // A context each: the open panel is remembered per site, and each visitor starts closed.
      const context = await s.browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const text = locale(lang);
      await page.goto(`${s.server.url}/?lang=${lang}`);
      const launcher = page.locator('[data-testid="launcher"]');
      await expect.poll(() => launcher.getAttribute('aria-label'), { timeout: 10_000 }).toBe(text.launcher.label);
      await launcher.click();
      const panel = page.locator('[data-testid="panel"]');
      await panel.waitFor({ timeout: 10_000 });
      expect(await panel.getAttribute('lang'), lang).toBe(lang);
      expect(await panel.locator('h2').textContent(), lang).toBe(text.panel.title);
      expect(await panel.locator('.subtitle').textContent(), lang).toBe(text.panel.subtitle);
      await expect.poll(() => page.locator('[data-testid="conversation-status"]').textContent(), { timeout: 10_000 }).toBe(text.status.greeting);
      expect(await page.locator('[data-testid="composer-input"]').getAttribute('placeholder'), lang).toBe(text.composer.placeholder);
      await context.close();
    }
  });

  it('fetches nothing but loader.js and the settings before the first click, then the chat and one language', async () => {
    const page = await (await s.browser.newContext({ locale: 'de-DE' })).newPage();
    const fetched: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/widget/')) fetched.push(url.pathname.replace(/-[\w-]{8}\.js$/, '.js'));
    });
    await page.goto(`${s.server.url}/`);
    await page.locator('[data-testid="launcher"]').waitFor({ timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual(['/widget/loader.js', '/widget/settings']);
    await page.locator('[data-testid="launcher"]').click();
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await page.waitForLoadState('networkidle');
    // Files and the end of a chat come later, on use.
    expect(fetched).toEqual(['/widget/loader.js', '/widget/settings', '/widget/chat.js', '/widget/assets/locale-de.js']);
    await page.context().close();
  });

  it('opens from the keyboard, keeps focus in the open panel, and gives it back to the launcher on Escape', async () => {
    const page = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${s.server.url}/`);
    const launcher = page.locator('[data-testid="launcher"]');
    await launcher.waitFor({ timeout: 10_000 });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => focusedInWidget(page)).toEqual({ testid: 'composer-input', inPanel: true });
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const controls = await launcher.getAttribute('aria-controls');
    expect(await page.evaluate((id) => !!document.querySelector('introserv-chat')?.shadowRoot?.getElementById(id ?? ''), controls)).toBe(true);

    // Round and round: Tab never leaves the panel, forward or back.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect((await focusedInWidget(page))?.inPanel, `Tab ${i + 1}`).toBe(true);
    }
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Shift+Tab');
      expect((await focusedInWidget(page))?.inPanel, `Shift+Tab ${i + 1}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="panel"]').count()).toBe(0);
    expect(await focusedInWidget(page)).toEqual({ testid: 'launcher', inPanel: false });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('has no WCAG A/AA violations with the panel closed, open, and in a conversation', async () => {
    const page = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${s.server.url}/`);
    await page.locator('[data-testid="launcher"]').waitFor({ timeout: 10_000 });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('[data-testid="launcher"]').click();
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    expect(await axeViolations(page)).toEqual([]);
    await send(page, 'Do you have servers in Amsterdam? https://introserv.com/dedicated');
    await expect.poll(() => page.locator('[data-testid="message"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    expect(await axeViolations(page)).toEqual([]);

    // The scan does look inside the widget's shadow root: an unnamed button there is found.
    await page.evaluate(() => document.querySelector('introserv-chat')?.shadowRoot?.append(document.createElement('button')));
    expect((await axeViolations(page)).map((v) => v.id)).toContain('button-name');
    await page.context().close();
  });
});
