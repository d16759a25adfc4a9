import type { LocalTicket, SessionInfo } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsoleApi } from '../api/endpoints.js';
import { Workspace } from '../workspace/workspace.js';
import { initI18n } from '../i18n/i18n.js';
import { escalation, routedClient } from '../testing/escalation-fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { TicketsPage } from './TicketsPage.js';

const session: SessionInfo = { operator: { id: 'op_ana', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: null, disabled: false, departments: [], languages: [], autoAssign: true }, csrfToken: 'csrf', status: 'online' };
const ticket: LocalTicket = {
  number: '#123456',
  subject: 'VPS unreachable [LC0123456789]',
  department: 'technical',
  priority: 'high',
  requester: { kind: 'guest', name: 'Ivo', email: 'ivo@example.com', userId: null },
  escalationId: 'e_1',
  conversationId: 'c1',
  createdAt: 1_700_000_000_000,
  body: '== Incident ==\n<b>not markup</b>\n',
  files: [
    { name: 'transcript.txt', type: 'text/plain; charset=utf-8', size: 10 },
    { name: 'screen.png', type: 'image/png', size: 68, attachmentId: 'f_0123456789abcdef0123' },
  ],
};

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
  location.hash = '';
});
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

describe('the Tickets page', () => {
  it('lists the built-in help desk’s tickets and shows one as text, with its transcript to download', async () => {
    const { body: _body, files: _files, ...summary } = ticket;
    const { client } = routedClient([
      { method: 'GET', path: '/api/tickets', reply: () => ({ status: 200, body: { tickets: [summary], provider: 'local' } }) },
      { method: 'GET', path: '/api/escalations', reply: () => ({ status: 200, body: { escalations: [escalation({ id: 'e_1', state: 'created', ticket: { number: '#123456', url: null } })] } }) },
      { method: 'GET', path: '/api/tickets/123456', reply: () => ({ status: 200, body: { ticket } }) },
    ]);
    const socket = new FakeSocket();
    const api = { client, conversations: vi.fn(async () => []), me: vi.fn(), login: vi.fn(), logout: vi.fn() } as unknown as ConsoleApi;
    const workspace = new Workspace({ api, socket: socket.asSocket(), operator: session.operator, onSessionExpired: vi.fn() });
    root = document.createElement('div');
    document.body.append(root);
    await act(() => render(<TicketsPage api={api} session={session} workspace={workspace} />, root));
    await settle();
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="ticket-row"]')];
    expect(rows.map((r) => r.dataset.number)).toEqual(['#123456']);
    expect(rows[0]?.textContent).toContain('Technical issues');
    expect(rows[0]?.textContent).toContain('High');

    await act(() => {
      location.hash = '#/tickets/123456';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await settle();
    const body = root.querySelector('[data-testid="ticket-body"]');
    expect(body?.textContent).toContain('<b>not markup</b>');
    expect(body?.querySelector('b')).toBeNull();
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.ticket-files a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/api/tickets/123456/files/transcript.txt', '/api/attachments/f_0123456789abcdef0123']);
  });
});
