import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('the widget waits out a Redis outage', () => {
  const s = useServerAndBrowser();

  it('says hello again until the store answers, then delivers the message written meanwhile, once', async () => {
    await s.server.stopRedis();
    const page = await (await s.browser.newContext({ locale: 'en-US' })).newPage();
    // The server's acks, as the widget receives them: proof that the hello is refused, not just slow.
    const refusals: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"STORE_UNAVAILABLE"')) refusals.push(String(payload));
      }),
    );
    await page.goto(`${s.server.url}/`);
    await page.locator('[data-testid="launcher"]').click();
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => refusals.length, { timeout: 20_000 }).toBeGreaterThan(0);

    const mine = page.locator('[data-testid="message"][data-author="visitor"]');
    await send(page, 'Written while Redis is down');
    await expect.poll(() => mine.first().getAttribute('data-status')).toBe('pending');

    await s.server.startRedis();
    // The widget's backoff may be near its maximum by now: allow for one full wait.
    await expect.poll(() => mine.first().getAttribute('data-status'), { timeout: 45_000 }).toBe('sent');
    await expect.poll(() => page.locator('[data-testid="conversation-status"]').getAttribute('data-connection')).toBe('online');

    // A reload asks the server for the history again: the message is there, once.
    await page.reload();
    // The panel was open: it opens again by itself.
    await page.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => mine.allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('Written while Redis is down')]);
    expect(await mine.first().getAttribute('data-status')).toBe('sent');
    await page.context().close();
  });
});
