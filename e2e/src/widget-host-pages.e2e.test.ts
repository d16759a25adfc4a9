import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { startGuestSite, type GuestSite } from './guest-pages.js';
import { connectOperator, type OperatorClient } from './operator.js';
import { send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

/** The stylesheet of a page that fights everything: resets, tiny rem, huge z-indexes. */
const HOSTILE_CSS = `<style>
  * { all: unset !important; }
  html { font-size: 62.5% !important; }
  body * { position: relative !important; z-index: 999999 !important; }
  .banner { display: block !important; position: fixed !important; right: 0 !important; bottom: 0 !important; width: 300px !important; height: 120px !important; z-index: 2147482000 !important; background: #fc0 !important; }
</style>`;

describe.skipIf(!canRun)('the widget is a good guest on hostile pages', () => {
  let site: GuestSite;
  let operator: OperatorClient | undefined;
  beforeAll(async () => {
    site = await startGuestSite(() => s.server.url, {
      csp: {
        // Nothing inline, no eval, no style elements, Trusted Types required: only the chat server's scripts and connections.
        csp: (chat) =>
          [
            "default-src 'none'",
            `script-src ${chat}`,
            `connect-src ${chat} ${chat.replace(/^http/, 'ws')}`,
            `img-src ${chat} blob:`,
            "style-src 'none'",
            "base-uri 'none'",
            "require-trusted-types-for 'script'",
          ].join('; '),
      },
      css: { head: HOSTILE_CSS, body: '<div class="banner">Special offer!</div>' },
      rtl: { html: 'dir="rtl" lang="ar"', body: '<p>خوادم مخصصة</p>' },
      base: { head: '<base href="https://elsewhere.invalid/static/">', body: '<a href="pricing">Pricing</a>' },
      legacy: {
        // Prototype.js-era Array#toJSON and an AMD loader's define, set before the widget loads.
        head:
          "<script>Array.prototype.toJSON = function () { return 'hijacked:' + this.length; };" +
          "window.define = function () { throw new Error('the widget must not call an AMD define'); }; window.define.amd = { jQuery: true };</script>",
      },
    });
  });
  afterAll(async () => {
    operator?.close();
    await site.close();
  });
  const s = useServerAndBrowser(() => ({ ALLOWED_ORIGINS: site.origin }));

  /** Opens the page, the panel, sends a message, and waits until the server has stored it. Returns what went wrong on the page. */
  async function chatOn(name: string, text: string): Promise<{ page: Page; problems: string[] }> {
    const page = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(site.url(name));
    await page.locator('[data-testid="launcher"]').click({ timeout: 10_000 });
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await send(page, text);
    await expect.poll(() => page.locator('[data-testid="message"][data-author="visitor"]').last().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    return { page, problems };
  }

  it('works under a strict Content-Security-Policy (no inline anything, Trusted Types)', async () => {
    const { page, problems } = await chatOn('csp', 'Hello from a strict page');
    expect(await page.locator('[data-testid="panel"] h2').textContent()).toBe('INTROSERV support');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps its looks and its place over `* { all: unset }`, a 62.5% root font and huge z-indexes', async () => {
    const { page, problems } = await chatOn('css', 'Hello from a page with wild CSS');
    const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
    const launcher = await page.locator('[data-testid="launcher"]').boundingBox();
    expect(launcher).toEqual({ x: viewport.width - 20 - 56, y: viewport.height - 20 - 56, width: 56, height: 56 });
    // Nothing of the page covers the launcher: what is under its centre is the widget.
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.tagName.toLowerCase(), [launcher!.x + 28, launcher!.y + 28]);
    expect(hit).toBe('introserv-chat');
    const panel = await page.locator('[data-testid="panel"]').boundingBox();
    expect(panel?.width).toBe(370);
    expect(await page.locator('[data-testid="panel"] h2').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    expect(await page.locator('[data-testid="composer-input"]').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads left to right in its own language on a right-to-left page', async () => {
    const { page, problems } = await chatOn('rtl', 'Hello from a right-to-left page');
    expect(await page.locator('[data-testid="panel"]').getAttribute('dir')).toBe('ltr');
    const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
    const launcher = await page.locator('[data-testid="launcher"]').boundingBox();
    expect(launcher?.x).toBe(viewport.width - 20 - 56);
    const bubble = await page.locator('[data-testid="message"] .bubble').last().boundingBox();
    const box = await page.locator('[data-testid="panel"]').boundingBox();
    // The visitor's own bubble sits on the right of the panel, as in every other language.
    expect(Math.round((bubble?.x ?? 0) + (bubble?.width ?? 0))).toBeGreaterThan(Math.round((box?.x ?? 0) + (box?.width ?? 0) - 40));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('loads its chunks from the chat server whatever the page’s <base> says', async () => {
    const { page, problems } = await chatOn('base', 'Hello from a page with a base tag');
    expect(await page.locator('[data-testid="conversation-status"]').textContent()).toMatch(/^Waiting for an operator…Your place in the queue: \d+/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('talks to the server both ways on a page that redefines Array.prototype.toJSON and has an AMD define', async () => {
    const { page, problems } = await chatOn('legacy', 'Hello from an old page');
    operator = await connectOperator(s.server);
    const conversationId = await operator.assignedConversation();
    await operator.reply(conversationId, 'Hello! Which server?');
    await expect.poll(() => page.locator('[data-testid="message"][data-author="operator"]').textContent(), { timeout: 10_000 }).toContain('Hello! Which server?');
    // A second message and a reload: the outbox and the token survive the page's toJSON.
    await send(page, 'The one in Frankfurt');
    await expect.poll(() => page.locator('[data-testid="message"][data-author="visitor"]').last().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    await page.reload();
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid="message"]').count(), { timeout: 10_000 }).toBe(3);
    // The page's own method is still there, untouched.
    expect(await page.evaluate(() => JSON.stringify([1, 2]))).toBe('"hijacked:2"');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
