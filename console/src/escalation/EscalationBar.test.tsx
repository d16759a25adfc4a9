import { isolate, unisolate } from '@introserv/shared/client';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/i18n.js';
import { escalation, routedClient } from '../testing/escalation-fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { conversation } from '../testing/fixtures.js';
import { escalationApi } from './escalation-api.js';
import { EscalationDesk } from './escalation-desk.js';
import { EscalationBar } from './EscalationBar.js';
import { eventText } from '../chat/event-text.js';
import { translate } from '../i18n/i18n.js';

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

describe('the chat’s escalations, live', () => {
  it('shows each state, links a ticket, and retries a failed one', async () => {
    const list = [
      escalation({ id: 'e_1', state: 'created', ticket: { number: '#123456', url: null }, createdAt: 1 }),
      escalation({ id: 'e_2', state: 'created', provider: 'whmcs', ticket: { number: '#516757', url: 'https://my.introserv.com/viewticket.php?tid=516757&c=x' }, createdAt: 2 }),
      escalation({ id: 'e_3', state: 'failed', failure: { reason: 'unreachable', detail: 'connect ECONNREFUSED' }, attempts: 8, createdAt: 3 }),
      escalation({ id: 'e_4', state: 'unconfirmed', provider: 'osticket', failure: { reason: 'unconfirmed', detail: 'no answer within 15000 ms' }, attempts: 1, createdAt: 4 }),
      escalation({ id: 'e_5', state: 'pending', failure: { reason: 'unreachable', detail: 'HTTP 503' }, attempts: 2, createdAt: 5 }),
    ];
    const { client, sent } = routedClient([
      { method: 'GET', path: '/api/conversations/c1/escalations', reply: () => ({ status: 200, body: { escalations: list } }) },
      { method: 'POST', path: '/api/escalations/e_3/retry', reply: () => ({ status: 200, body: { escalation: { ...list[2], state: 'pending', failure: null, updatedAt: 1_700_000_001_000 } } }) },
    ]);
    const socket = new FakeSocket();
    const desk = new EscalationDesk(escalationApi(client), socket.asSocket());
    root = document.createElement('div');
    document.body.append(root);
    await act(() => render(<EscalationBar desk={desk} conversation={conversation({ id: 'c1' })} />, root));
    await settle();

    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="escalation"]')];
    expect(rows.map((r) => unisolate(r.textContent))).toEqual([
      'Support ticket #123456 createdOpen ticket',
      'Support ticket #516757 createdOpen ticket',
      'The help desk did not answer after 8 tries (connect ECONNREFUSED).Retry',
      'The help desk may have created the ticket without confirming it (no answer within 15000 ms). Search it for LC0123456789 before sending again.Not found: send again',
      'The help desk has not taken the ticket yet (try 2: HTTP 503). Trying again automatically.',
    ]);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('[data-testid="escalation-ticket"]')];
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['#/tickets/123456', null, null],
      ['https://my.introserv.com/viewticket.php?tid=516757&c=x', '_blank', 'noopener noreferrer'],
    ]);
    expect(rows[2]?.getAttribute('role')).toBe('alert');

    await act(() => rows[2]?.querySelector<HTMLButtonElement>('[data-testid="escalation-retry"]')?.click());
    await settle();
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual(['/api/escalations/e_3/retry']);
    expect(root.querySelector('[data-escalation-id="e_3"]')?.getAttribute('data-state')).toBe('pending');
  });

  it('words the escalation events of the history', () => {
    expect(eventText({ type: 'escalation', escalationId: 'e_1', state: 'pending', operator: { id: 'op_1', name: 'Ana' }, reason: null }, translate)).toBe(`${isolate('Ana')} requested a support ticket`);
    expect(eventText({ type: 'escalation', escalationId: 'e_1', state: 'failed', operator: null, reason: 'Department ID not found' }, translate)).toBe(`Support ticket not created: ${isolate('Department ID not found')}`);
    expect(eventText({ type: 'escalation', escalationId: 'e_1', state: 'unconfirmed', operator: null, reason: 'timeout' }, translate)).toBe(`Support ticket not confirmed by the help desk: ${isolate('timeout')}`);
  });
});
