import { unisolate } from '@introserv/shared';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PNG_1PX } from '@introserv/server/testing';
import { chromiumAvailable } from './browser.js';
import { adminApi } from './admin-api.js';
import { connectOperator } from './operator.js';
import { logInToConsole, openWidget, send } from './pages.js';
import { ADMIN } from './server.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

/** The console, signed in, with the first conversation of the list open. */
async function openFirstChat(s: Parameters<typeof logInToConsole>[0]): Promise<Page> {
  const console = await logInToConsole(s);
  const item = console.locator('[data-testid="conversation-item"]').first();
  await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000 }).toBe('assigned');
  await item.click();
  await console.locator('[data-testid="chat-view"]').waitFor();
  return console;
}

describe.skipIf(!canRun)('a conversation in the complete widget, with a real server and console', () => {
  const s = useServerAndBrowser();

  it('shows typing both ways: the visitor sees the operator typing, the operator sees the visitor’s draft; then receipts say "Read"', async () => {
    const visitor = await openWidget(s);
    await send(visitor, 'My server is down');
    const operator = await openFirstChat(s);

    // The typing indicator seen by the operator: the visitor's draft, live, before it is sent.
    await visitor.locator('[data-testid="composer-input"]').pressSequentially('It is the one at 185.10', { delay: 15 });
    await expect.poll(() => operator.locator('[data-testid="typing-preview"]').textContent(), { timeout: 10_000 }).toBe('Visitor is typing: It is the one at 185.10');
    await visitor.locator('[data-testid="composer-send"]').click();
    await expect.poll(() => operator.locator('[data-testid="typing-preview"]').count(), { timeout: 10_000 }).toBe(0);

    // The visitor sees the operator typing, and it goes when the reply arrives.
    await operator.locator('[data-testid="composer-input"]').pressSequentially('Checking', { delay: 15 });
    await expect.poll(async () => unisolate((await visitor.locator('[data-testid="operator-typing"]').textContent()) ?? ''), { timeout: 10_000 }).toBe(`${ADMIN.name} is typing…`);
    await operator.locator('[data-testid="composer-input"]').press('Enter');
    await expect.poll(() => visitor.locator('[data-testid="message"][data-author="operator"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => visitor.locator('[data-testid="operator-typing"]').count()).toBe(0);

    // The operator has the chat on screen: the visitor's last message reads as read.
    await expect.poll(() => visitor.locator('[data-testid="message"][data-author="visitor"]').last().getAttribute('data-status'), { timeout: 10_000 }).toBe('read');
    expect(await visitor.locator('[data-testid="receipt"]').textContent()).toContain('Read');
    await visitor.context().close();
    await operator.context().close();
  });

  it('refuses a file whose content is not what its name says, sends a real screenshot the operator can see, and takes a file the operator sends back', async () => {
    const visitor = await openWidget(s);
    await send(visitor, 'Here is what I see');
    const fileInput = visitor.locator('[data-testid="composer-file"]');
    await fileInput.setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('<!doctype html><script>alert(document.cookie)</script>') });
    const refused = visitor.locator('[data-testid="pending-file"][data-state="refused"]');
    await expect.poll(() => refused.textContent(), { timeout: 10_000 }).toContain('Only images (PNG, JPEG, GIF, WebP), PDF and text files are accepted.');
    await refused.locator('button').click();

    await fileInput.setInputFiles({ name: 'error.png', mimeType: 'image/png', buffer: PNG_1PX });
    await expect.poll(() => visitor.locator('[data-testid="pending-file"]').getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    await visitor.locator('[data-testid="composer-send"]').click();
    const mine = visitor.locator('[data-testid="message"][data-author="visitor"]').last();
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    // The visitor sees their picture, fetched with their token.
    await expect.poll(() => mine.locator('img').getAttribute('alt'), { timeout: 10_000 }).toBe('error.png');

    const operator = await openFirstChat(s);
    const image = operator.locator('[data-testid="attachment"] img');
    await expect.poll(() => image.getAttribute('alt'), { timeout: 10_000 }).toBe('error.png');
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(1);

    // And back: the operator attaches a PDF from the console; the visitor downloads it.
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    await operator.locator('[data-testid="composer-file"]').setInputFiles({ name: 'invoice-2026.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => operator.locator('[data-testid="upload-drafts"] li').getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    await operator.locator('[data-testid="composer-input"]').fill('Your invoice');
    await operator.locator('[data-testid="composer-send"]').click();
    const reply = visitor.locator('[data-testid="message"][data-author="operator"]').last();
    await expect.poll(() => reply.locator('[data-testid="attachment"]').textContent(), { timeout: 10_000 }).toContain('invoice-2026.pdf');
    const download = visitor.waitForEvent('download');
    await reply.locator('[data-testid="attachment"]').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('invoice-2026.pdf');
    expect(readFileSync(await saved.path()).equals(pdf)).toBe(true);
    await visitor.context().close();
    await operator.context().close();
  });

  it('ends the chat with a rating the operator sees, and a transcript the visitor downloads', async () => {
    const visitor = await openWidget(s);
    await send(visitor, 'Thanks, all good now');
    const operator = await openFirstChat(s);
    await visitor.locator('[data-testid="end-chat"]').click();
    await visitor.locator('[data-testid="confirm-end"] .primary').click();
    await visitor.locator('[data-testid="end-of-chat"]').waitFor({ timeout: 10_000 });
    await visitor.locator('[data-testid="rate-good"]').click();
    await visitor.locator('[data-testid="rate-comment"]').fill('Quick and friendly');
    await visitor.locator('[data-testid="rate-comment"]').press('Tab');
    await visitor.locator('.end-form .end-button').first().click();
    await expect.poll(() => visitor.locator('[data-testid="end-of-chat"]').textContent(), { timeout: 10_000 }).toContain('Thank you for your feedback!');

    await expect.poll(() => operator.locator('[data-testid="rating"]').getAttribute('data-rating'), { timeout: 10_000 }).toBe('good');
    expect(await operator.locator('[data-testid="rating"]').getAttribute('title')).toBe('Quick and friendly');

    const download = visitor.waitForEvent('download');
    await visitor.locator('[data-testid="transcript-download"]').click();
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8')).toContain('Thanks, all good now');
    await visitor.context().close();
    await operator.context().close();
  });

  it('calls the visitor back once: the badge in every tab, the chime in one tab only, and a blinking title', async () => {
    const context = await s.browser.newContext({ locale: 'en-US' });
    // Counts the chime's notes in each tab (the widget makes its sound with Web Audio).
    await context.addInitScript(() => {
      const counted = window as unknown as { notes: number };
      counted.notes = 0;
      const original = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        counted.notes++;
        return original.call(this);
      };
    });
    // An operator is there first: the chat is assigned while the visitor looks at it.
    const operator = await connectOperator(s.server);
    const api = await adminApi(s.server);
    const first = await context.newPage();
    await first.goto(`${s.server.url}/`);
    await first.locator('[data-testid="launcher"]').click();
    await send(first, 'Two tabs open');
    // The newest conversation is this visitor's.
    await expect.poll(async () => (await api.conversations())[0]?.status, { timeout: 10_000 }).toBe('assigned');
    await expect.poll(() => first.locator('[data-testid="conversation-status"]').textContent(), { timeout: 10_000 }).toMatch(/joined the chat/);
    await expect.poll(() => first.locator('[data-testid="message"]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    await first.locator('[data-testid="panel-close"]').click();
    const second = await context.newPage();
    await second.goto(`${s.server.url}/`);
    // A returning visitor's chat loads at idle: it is mounted once the launcher controls a panel.
    await second.locator('[data-testid="launcher"][aria-controls]').waitFor({ timeout: 10_000 });
    // And connected: a reply that came before its hello would be history there, not news.
    await second.locator('[data-testid="launcher"]').click();
    await expect.poll(() => second.locator('[data-testid="conversation-status"]').getAttribute('data-connection'), { timeout: 10_000 }).toBe('online');
    await second.locator('[data-testid="panel-close"]').click();

    await operator.reply((await api.conversations())[0]!.id, 'Hello! How can I help?');
    for (const tab of [first, second]) {
      await expect.poll(() => tab.locator('[data-testid="launcher"]').getAttribute('aria-label'), { timeout: 10_000 }).toBe('Live Chat (1)');
    }
    const notes = async () => Promise.all([first, second].map((tab) => tab.evaluate(() => (window as unknown as { notes: number }).notes)));
    await expect.poll(async () => (await notes()).reduce((a, b) => a + b, 0), { timeout: 10_000 }).toBe(2);
    expect((await notes()).filter((n) => n > 0)).toHaveLength(1);
    await expect.poll(() => first.title(), { timeout: 5_000 }).toBe('(1) New message');
    operator.close();
    await context.close();
  });
});
