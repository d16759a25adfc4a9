import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { logInAs, logInToConsole, openWidget, send, setPresence } from './pages.js';
import { ADMIN } from './server.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('a team in the console: a new operator, a transfer with a note the visitor never sees', () => {
  const s = useServerAndBrowser();

  it('an admin creates an operator who logs in, takes a chat, writes an internal note and transfers it to the admin', async () => {
    // The admin adds Bojan on the Team page.
    const admin = await logInToConsole(s);
    await admin.locator('[data-testid="panes"]').waitFor();
    await admin.locator('[data-testid="nav-team"]').click();
    await admin.locator('[data-testid="add-operator"]').click();
    const form = admin.locator('[data-testid="operator-form"]');
    await form.locator('[data-testid="operator-name"]').fill('Bojan');
    await form.locator('[data-testid="operator-email"]').fill('bojan@introserv.test');
    await form.locator('[data-testid="operator-password"]').fill('bojan-password-1');
    await form.locator('[data-testid="operator-language-en"]').check();
    await form.locator('[data-testid="operator-language-hr"]').check();
    await form.locator('[data-testid="operator-save"]').click();
    const row = admin.locator('[data-testid="team-row"]', { hasText: 'bojan@introserv.test' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('English, Hrvatski');
    // A second admin with the same e-mail is refused with the reason.
    await admin.locator('[data-testid="add-operator"]').click();
    await form.locator('[data-testid="operator-name"]').fill('Bojan 2');
    await form.locator('[data-testid="operator-email"]').fill('BOJAN@introserv.test');
    await form.locator('[data-testid="operator-password"]').fill('bojan-password-2');
    await form.locator('[data-testid="operator-save"]').click();
    await expect.poll(() => admin.locator('[data-testid="operator-form-error"]').getAttribute('data-code'), { timeout: 10_000 }).toBe('EMAIL_TAKEN');

    // Bojan logs in; the admin steps away so that the next chat is his.
    const bojan = await logInAs(s, 'bojan@introserv.test', 'bojan-password-1');
    await admin.locator('[data-testid="nav-chats"]').click();
    await setPresence(admin, 'away');

    const visitor = await openWidget(s);
    await send(visitor, 'I cannot log in to the Client Area');
    const item = bojan.locator('[data-testid="conversation-item"][data-status="assigned"]');
    await item.first().waitFor({ timeout: 15_000 });
    await item.first().click();
    const chat = bojan.locator('[data-testid="chat-view"]');
    await expect.poll(() => chat.locator('[data-testid="message"][data-author="visitor"]').first().textContent(), { timeout: 10_000 }).toContain('Client Area');

    // An internal note: in the console only.
    await bojan.locator('[data-testid="composer-mode-note"]').click();
    await send(bojan, 'Account 4711 has an unpaid invoice');
    await expect.poll(() => chat.locator('[data-kind="note"]').first().getAttribute('data-pending'), { timeout: 10_000 }).toBeNull();
    await bojan.locator('[data-testid="composer-mode-reply"]').click();
    await send(bojan, 'Let me pass you to my colleague.');
    await expect.poll(() => visitor.locator('[data-testid="message"][data-author="operator"]').count(), { timeout: 10_000 }).toBe(1);

    // Transfer to the admin, back online, with a note for her.
    await setPresence(admin, 'online');
    await bojan.locator('[data-testid="transfer-button"]').click();
    const dialog = bojan.locator('[data-testid="transfer-dialog"]');
    await dialog.locator('[data-testid="transfer-colleague"]').first().check();
    await dialog.locator('[data-testid="transfer-note"]').fill('Billing first, then the login');
    await dialog.locator('[data-testid="transfer-submit"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    // The visitor is told, in their language, who has the chat now.
    await expect.poll(() => visitor.locator('[data-testid="event"][data-event="transferred"]').textContent(), { timeout: 10_000 }).toContain(ADMIN.name);
    // The admin has it, with Bojan's notes.
    const adminItem = admin.locator('[data-testid="conversation-item"][data-status="assigned"]');
    await adminItem.first().waitFor({ timeout: 10_000 });
    await adminItem.first().click();
    const adminChat = admin.locator('[data-testid="chat-view"]');
    await expect.poll(() => adminChat.locator('[data-kind="note"]').allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringContaining('Account 4711 has an unpaid invoice'),
      expect.stringContaining('Billing first, then the login'),
    ]);
    // Bojan's console shows it as someone else's now.
    await expect.poll(() => bojan.locator('[data-testid="chat-view"] [data-testid="close-button"]').count(), { timeout: 10_000 }).toBe(0);

    // The visitor never received either note: not live, not after a reload.
    const seen = async () => (await visitor.locator('[data-testid="panel"]').textContent()) ?? '';
    expect(await seen()).not.toContain('4711');
    expect(await seen()).not.toContain('Billing first');
    await visitor.reload();
    await visitor.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => visitor.locator('[data-testid="message"][data-author="operator"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await seen()).not.toContain('4711');
    expect(await seen()).not.toContain('Billing first');
    for (const p of [admin, bojan, visitor]) await p.context().close();
  });
});
