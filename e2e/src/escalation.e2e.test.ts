import { unisolate } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser.js';
import { logInToConsole, openWidget, send } from './pages.js';
import { useServerAndBrowser } from './session.js';

const canRun = chromiumAvailable();

/** Escalation to a ticket in real browsers, on the built-in help desk (TICKET_PROVIDER=local). */
describe.skipIf(!canRun)('from a chat to a ticket', () => {
  const s = useServerAndBrowser();

  it('an offline visitor leaves a message that becomes a ticket, and sees its number', async () => {
    // Nobody has logged into the console yet: no operator is online.
    const visitor = await openWidget(s, 'hr-HR');
    const offer = visitor.locator('[data-testid="leave-offer"]');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.getAttribute('data-reason')).toBe('offline');
    expect(await offer.textContent()).toContain('Trenutno nijedan operater nije na mreži');
    await visitor.locator('[data-testid="leave-open"]').click();
    await visitor.locator('[data-testid="leave-name"]').fill('Ivo Ivić');
    await visitor.locator('[data-testid="leave-email"]').fill('ivo@example.com');
    await visitor.locator('[data-testid="leave-department"]').selectOption('financial');
    await visitor.locator('[data-testid="leave-text"]').fill('Račun #123456 je plaćen dvaput.');
    await visitor.locator('[data-testid="leave-send"]').click();
    const result = visitor.locator('[data-testid="leave-result"]');
    await expect.poll(() => result.getAttribute('data-number'), { timeout: 10_000 }).toMatch(/^#\d{6}$/);
    const number = (await result.getAttribute('data-number')) ?? '';
    expect(unisolate((await result.textContent()) ?? '')).toBe(`Otvoren je tiket podrške ${number}. Početni odgovor stiže u roku od 10 minuta e-poštom na ivo@example.com.`);

    // The ticket is in the console's Tickets page, with the visitor's words as text.
    const operator = await logInToConsole(s);
    await operator.locator('nav.pagenav a[href="#/tickets"]').click();
    const row = operator.locator(`[data-testid="ticket-row"][data-number="${number}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Financial issues');
    await row.locator('a').click();
    await expect.poll(() => operator.locator('[data-testid="ticket-body"]').textContent(), { timeout: 10_000 }).toContain('Račun #123456 je plaćen dvaput.');
    await visitor.context().close();
    await operator.context().close();
  });

  it('an operator escalates a chat; the visitor sees the ticket number in their language', async () => {
    const operator = await logInToConsole(s);
    await operator.locator('[data-testid="connection"]').filter({ hasText: 'Online' }).waitFor({ timeout: 10_000 });
    const visitor = await openWidget(s, 'de-DE');
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    operator.on('pageerror', (e) => pageErrors.push(e.message));
    await send(visitor, 'Mein Server 203.0.113.7 ist seit 08:15 nicht erreichbar');

    const item = operator.locator('[data-testid="conversation-item"][data-status="assigned"]').first();
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await operator.locator('[data-testid="escalate-button"]').click();
    const dialog = operator.locator('[data-testid="escalation-dialog"]');
    // Pre-filled from what the visitor wrote.
    await expect.poll(() => dialog.locator('[data-testid="escalation-server"]').inputValue(), { timeout: 10_000 }).toBe('203.0.113.7');
    expect(await dialog.locator('[data-testid="escalation-priority-high"]').isChecked()).toBe(true);
    expect(await dialog.locator('[data-testid="escalation-time"]').inputValue()).toBe('08:15');
    expect(unisolate((await dialog.locator('[data-testid="escalation-cet"]').textContent()) ?? '')).toBe('That is 08:15 CET.');
    // A guest chat without a name or e-mail: the operator asks and fills them in.
    await dialog.locator('[data-testid="escalation-name"]').fill('Klaus Berger');
    await dialog.locator('[data-testid="escalation-email"]').fill('klaus@example.de');
    await dialog.locator('[data-testid="escalation-service"]').fill('VPS SSD-2');
    const started = Date.now();
    await dialog.locator('[data-testid="escalation-submit"]').click();

    const state = operator.locator('[data-testid="escalation"]').first();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 10_000 }).toBe('created');
    const clickToTicketMs = Date.now() - started;
    const text = (await state.textContent()) ?? '';
    const number = /#\d{6}/.exec(text)?.[0] ?? '';
    expect(number).toMatch(/^#\d{6}$/);
    // The operator's history: requested, then created.
    await expect.poll(() => operator.locator('[data-testid="event"][data-event="escalation"]').count(), { timeout: 5_000 }).toBe(1);

    // The visitor: the ticket's number, the 10 minutes, where to follow it, in German; never the bookkeeping.
    const line = visitor.locator('[data-testid="event"][data-event="ticket-created"]');
    await line.waitFor({ timeout: 10_000 });
    expect(unisolate((await line.textContent()) ?? '')).toBe(`Support-Ticket ${number} wurde erstellt. Die erste Antwort kommt innerhalb von 10 Minuten per E-Mail.`);
    expect(await visitor.locator('[data-testid="event"][data-event="escalation"]').count()).toBe(0);
    await visitor.reload();
    await visitor.locator('[data-testid="panel"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => visitor.locator('[data-testid="event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event'))), { timeout: 10_000 }).toEqual(['assigned', 'ticket-created']);

    expect(pageErrors).toEqual([]);
    console.log(JSON.stringify({ figure: 'escalation click to ticket shown (local provider, browser)', ms: clickToTicketMs }));
    await visitor.context().close();
    await operator.context().close();
  });
});
