import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { logInToConsole, openWidget, send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('the widget loses nothing across a server restart', () => {
  const s = useServerAndBrowser();

  it('keeps a message written while the server is down, and delivers it once after the restart', async () => {
    const visitor = await openWidget(s, 'fr-FR');
    const messages = visitor.locator('[data-testid="message"][data-author="visitor"]');
    const status = visitor.locator('[data-testid="conversation-status"]');

    await send(visitor, 'Bonjour, avant la panne');
    await expect.poll(() => messages.first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    await s.server.stopApp();
    await expect.poll(() => status.getAttribute('data-connection'), { timeout: 10_000 }).toBe('offline');
    await send(visitor, 'Pendant la panne');
    await expect.poll(() => messages.nth(1).getAttribute('data-status')).toBe('pending');

    await s.server.startApp();
    await expect.poll(() => status.getAttribute('data-connection'), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => messages.allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringContaining('Bonjour, avant la panne'),
      expect.stringContaining('Pendant la panne'),
    ]);
    await expect.poll(() => messages.nth(1).getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    // A reload shows each message once: the resend was stored once.
    await visitor.reload();
    // The panel was open: it opens again by itself.
    await visitor.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => messages.allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringContaining('Bonjour, avant la panne'),
      expect.stringContaining('Pendant la panne'),
    ]);

    // The operator sees both, each once, in order.
    const op = await logInToConsole(s);
    await op.locator('[data-testid="conversation-item"]').first().click();
    const seen = op.locator('[data-testid="chat-view"] [data-testid="message"][data-author="visitor"]');
    await expect.poll(() => seen.count(), { timeout: 10_000 }).toBe(2);
    expect((await seen.allTextContents()).join(' | ')).toMatch(/Bonjour, avant la panne.*\|.*Pendant la panne/);
    await visitor.context().close();
    await op.context().close();
  });
});
