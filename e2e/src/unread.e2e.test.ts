import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { connectOperator, type OperatorClient } from './operator.js';
import { openWidget, send } from './pages.js';
import { ADMIN } from './server.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('a reload keeps what the visitor has not read, and the open panel', () => {
  const s = useServerAndBrowser();
  let operator: OperatorClient | undefined;
  afterAll(() => operator?.close());

  it('shows the unread badge again after a reload, and re-opens a panel that was open', async () => {
    const visitor = await openWidget(s);
    const launcher = visitor.locator('[data-testid="launcher"]');
    const panel = visitor.locator('[data-testid="panel"]');
    await send(visitor, 'Is anyone there?');
    await expect.poll(() => visitor.locator('[data-testid="message"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');

    operator = await connectOperator(s.server);
    const conversationId = await operator.assignedConversation();
    await expect.poll(() => visitor.locator('[data-testid="conversation-status"]').textContent(), { timeout: 10_000 }).toContain(ADMIN.name);

    await launcher.click(); // closes the panel
    await expect.poll(() => panel.count()).toBe(0);
    await operator.reply(conversationId, 'Yes, how can I help?');
    await expect.poll(() => launcher.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Live Chat (1)');

    await visitor.reload();
    await expect.poll(() => launcher.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Live Chat (1)');
    expect(await launcher.locator('span').textContent()).toBe('1');
    expect(await panel.count()).toBe(0);

    await launcher.click();
    await panel.waitFor({ timeout: 10_000 });
    await expect.poll(() => launcher.getAttribute('aria-label')).toBe('Live Chat');
    await expect.poll(() => visitor.locator('[data-testid="message"][data-author="operator"]').count(), { timeout: 10_000 }).toBe(1);

    await visitor.reload();
    // Open again without a click, and read: no badge.
    await panel.waitFor({ timeout: 10_000 });
    await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await launcher.getAttribute('aria-label')).toBe('Live Chat');
    await visitor.context().close();
  });
});
