import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './browser.js';
import { logInAs, openWidget, send } from './pages.js';
import { ADMIN } from './server.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('an operator works many chats: two at once, canned responses, the history, a phone', () => {
  const s = useServerAndBrowser();
  const operatorReplies = (visitor: Page) => visitor.locator('[data-testid="message"][data-author="operator"]');

  it('answers two chats at once, one with a canned response, closes one and finds it in the history', async () => {
    const ana = await logInAs(s, ADMIN.email, ADMIN.password);
    // A canned response, added on its page.
    await ana.locator('[data-testid="nav-canned"]').click();
    await ana.locator('[data-testid="add-canned"]').click();
    await ana.locator('[data-testid="canned-shortcut"]').fill('reboot');
    await ana.locator('[data-testid="canned-language"]').selectOption('en');
    await ana.locator('[data-testid="canned-title"]').fill('Reboot from the Client Area');
    await ana.locator('[data-testid="canned-text"]').fill('You can reboot the server yourself: Client Area → Services → Reboot.');
    await ana.locator('[data-testid="canned-save"]').click();
    await ana.locator('[data-testid="canned-row"]').first().waitFor({ timeout: 10_000 });
    await ana.locator('[data-testid="nav-chats"]').click();

    const first = await openWidget(s);
    await send(first, 'My VPS 203.0.113.7 hangs');
    const second = await openWidget(s);
    await send(second, 'Where do I find my invoice?');
    const mine = ana.locator('[data-testid="conversation-item"][data-status="assigned"]');
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(2);

    // Alt+↓ walks the list; each reply goes to its own visitor.
    const chat = ana.locator('[data-testid="chat-view"]');
    const selectedText = async () => (await chat.locator('[data-testid="message"][data-author="visitor"]').first().textContent()) ?? '';
    await ana.keyboard.press('Alt+ArrowDown');
    await expect.poll(selectedText, { timeout: 10_000 }).not.toBe('');
    if (!(await selectedText()).includes('VPS')) await ana.keyboard.press('Alt+ArrowDown');
    await expect.poll(selectedText, { timeout: 10_000 }).toContain('VPS');
    // A canned response, with the keyboard: / and the shortcut, Enter to insert, Enter to send.
    const input = ana.locator('[data-testid="composer-input"]');
    await input.fill('/reb');
    await ana.locator('[data-testid="canned-option"]').first().waitFor();
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toContain('Client Area → Services → Reboot');
    await input.press('Enter');
    await ana.keyboard.press('Alt+ArrowDown');
    await expect.poll(selectedText, { timeout: 10_000 }).toContain('invoice');
    await send(ana, 'Invoices are under Billing in the Client Area.');

    const [vps, invoice] = [first, second];
    await expect.poll(() => operatorReplies(vps).first().textContent(), { timeout: 10_000 }).toContain('Client Area → Services → Reboot');
    await expect.poll(() => operatorReplies(invoice).first().textContent(), { timeout: 10_000 }).toContain('Invoices are under Billing');
    expect(await operatorReplies(vps).count()).toBe(1);
    expect(await operatorReplies(invoice).count()).toBe(1);

    // Close the invoice chat with the keyboard and find it in the history by its words and today's date.
    await ana.keyboard.press('Alt+KeyC');
    await ana.locator('[data-testid="conversation-item"][data-status="closed"]').first().waitFor({ timeout: 10_000 });
    await ana.locator('[data-testid="nav-history"]').click();
    const today = new Date().toISOString().slice(0, 10);
    await ana.locator('[data-testid="history-query"]').fill('invoice');
    await ana.locator('[data-testid="history-from"]').fill(today);
    await ana.locator('[data-testid="history-to"]').fill(today);
    await ana.locator('[data-testid="history-search"]').click();
    const results = ana.locator('[data-testid="history-result"]');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(1);
    await results.first().click();
    expect(await results.first().textContent()).toContain('Invoices are under Billing');
    await expect.poll(() => ana.locator('[data-testid="history-messages"]').textContent(), { timeout: 10_000 }).toContain('Where do I find my invoice?');
    // A word from no closed chat finds nothing; the open VPS chat is not history.
    await ana.locator('[data-testid="history-query"]').fill('hangs');
    await ana.locator('[data-testid="history-search"]').click();
    await expect.poll(() => ana.locator('.history-page').textContent(), { timeout: 10_000 }).toContain('No closed conversation matches.');
    for (const p of [ana, first, second]) await p.context().close();
  });

  it('works on a phone: one pane at a time, nothing wider than the screen', async () => {
    const visitor = await openWidget(s);
    await send(visitor, 'Hello from a phone test, with a very long line that must wrap: https://introserv.com/dedicated-servers/amsterdam/xeon-e-2388g');
    const phone = await logInAs(s, ADMIN.email, ADMIN.password, { viewport: { width: 390, height: 780 }, isMobile: true });
    const panes = phone.locator('[data-testid="panes"]');
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await phone.locator('[data-testid="conversation-item"]').first().waitFor({ timeout: 15_000 });
    expect(await panes.getAttribute('data-pane')).toBe('list');
    expect(await phone.locator('[data-testid="chat-view"]').count()).toBe(0);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await phone.locator('[data-testid="conversation-item"]').first().tap();
    await expect.poll(() => panes.getAttribute('data-pane')).toBe('chat');
    expect(await phone.locator('.conv-list').isVisible()).toBe(false);
    expect(await phone.locator('[data-testid="chat-view"]').isVisible()).toBe(true);
    await expect.poll(() => phone.locator('[data-testid="chat-view"] [data-testid="message"][data-author="visitor"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await send(phone, 'Answered from a phone');
    await expect.poll(() => operatorReplies(visitor).first().textContent(), { timeout: 10_000 }).toContain('Answered from a phone');

    await phone.locator('[data-testid="show-details"]').tap();
    expect(await phone.locator('[data-testid="visitor-details"]').isVisible()).toBe(true);
    expect(await phone.locator('[data-testid="chat-view"]').isVisible()).toBe(false);
    await phone.locator('[data-testid="hide-details"]').tap();
    await phone.locator('[data-testid="back-to-list"]').tap();
    await expect.poll(() => panes.getAttribute('data-pane')).toBe('list');
    expect(await phone.locator('.conv-list').isVisible()).toBe(true);
    for (const p of [phone, visitor]) await p.context().close();
  });
});
