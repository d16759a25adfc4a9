import { unisolate } from '@introserv/shared/client';
import type { SessionInfo } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client.js';
import type { ConsoleApi } from '../api/endpoints.js';
import { initI18n } from '../i18n/i18n.js';
import { conversation, message, visitor } from '../testing/fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';

const socket = new FakeSocket();
vi.mock('../realtime/channel.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../realtime/channel.js')>()),
  connectOperatorSocket: () => socket.asSocket(),
}));
const { Shell } = await import('./Shell.js');

const session: SessionInfo = {
  operator: { id: 'op_ana', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: null, disabled: false, departments: [], languages: [], autoAssign: true },
  csrfToken: 'csrf',
  status: 'online',
};
const ana = { id: 'op_ana', name: 'Ana' };
let root: HTMLElement;

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const all = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
const one = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = root.querySelector<T>(`[data-testid="${id}"]`) ?? root.querySelector<T>(`#${id}`);
  if (!el) throw new Error(`no ${id}`);
  return el;
};

describe('Shell', () => {
  it('lists conversations, accepts a waiting one, shows its messages and sends with Enter', async () => {
    const queued = conversation({ id: 'c1', createdAt: Date.now() - 180_000, visitor: visitor({ id: 'v1', page: { url: 'https://introserv.com/vps', title: 'VPS' }, timeZone: 'Europe/Zagreb', online: true, seenAt: Date.now() - 180_000 }) });
    const api = {
      client: new ApiClient(),
      conversations: vi.fn(async () => [queued, conversation({ id: 'c0', status: 'closed' })]),
      me: vi.fn(async () => session),
      login: vi.fn(),
      logout: vi.fn(),
    } satisfies ConsoleApi;
    root = document.createElement('div');
    document.body.append(root);
    void act(() => render(<Shell api={api} session={session} onLogout={vi.fn()} onSessionExpired={vi.fn()} />, root));
    await act(() => socket.open());
    await settle();

    const rows = all('conversation-item');
    expect(rows.map((r) => [r.dataset.conversationId, r.dataset.status])).toEqual([
      ['c1', 'queued'],
      ['c0', 'closed'],
    ]);
    expect(unisolate(rows[0]?.textContent ?? '')).toContain('waiting 3 min');

    await act(() => rows[0]?.click());
    const watch = socket.sent('conversation:watch')[0];
    expect(watch?.payload).toEqual({ conversationId: 'c1' });
    await act(() => watch?.ack({ ok: true, conversation: queued, messages: [message('c1', '1700000000001-0', { text: '<b>my server is down</b>' })] }));
    await settle();

    expect(one('chat-view').dataset.conversationId).toBe('c1');
    expect(one<HTMLTextAreaElement>('composer-input').disabled).toBe(true);
    const bubbles = all('message');
    expect(bubbles.map((b) => b.dataset.author)).toEqual(['visitor']);
    // Rendered as text, never as markup.
    expect(bubbles[0]?.querySelector('b')).toBeNull();
    expect(bubbles[0]?.textContent).toContain('<b>my server is down</b>');
    expect(root.querySelector('[role="log"]')?.getAttribute('aria-live')).toBe('polite');
    expect(one('visitor-details').textContent).toContain('Europe/Zagreb');

    await act(() => one('accept-button').click());
    const accept = socket.sent('conversation:accept')[0];
    await act(() => accept?.ack({ ok: true, conversation: { ...queued, status: 'assigned', operator: ana, updatedAt: queued.updatedAt + 1 } }));
    await settle();
    expect(all('conversation-item')[0]?.dataset.status).toBe('assigned');
    expect(root.querySelector('[data-testid="accept-button"]')).toBeNull();

    const input = one<HTMLTextAreaElement>('composer-input');
    expect(input.disabled).toBe(false);
    await act(() => {
      input.value = 'Hello, checking now';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    const send = socket.sent('message:send')[0];
    const payload = send?.payload as { id: string; text: string; conversationId: string };
    expect(payload).toMatchObject({ conversationId: 'c1', text: 'Hello, checking now' });
    expect(input.value).toBe('');
    expect(all('message').map((b) => [b.dataset.author, b.dataset.pending])).toEqual([
      ['visitor', undefined],
      ['operator', 'sending'],
    ]);

    await act(() => send?.ack({ ok: true, message: message('c1', '1700000000002-0', { id: payload.id, author: { kind: 'operator', id: 'op_ana', name: 'Ana' }, text: payload.text }) }));
    await settle();
    expect(all('message').map((b) => [b.dataset.author, b.dataset.pending])).toEqual([
      ['visitor', undefined],
      ['operator', undefined],
    ]);

    // A duplicate fact for the same id does not add a bubble.
    await act(() => socket.fire('message:created', message('c1', '1700000000002-0', { id: payload.id, author: { kind: 'operator', id: 'op_ana' }, text: payload.text })));
    expect(all('message')).toHaveLength(2);
  });

  it('shows the visitor’s presence in the row and the details, and sets the operator’s own from the header', async () => {
    const now = Date.now();
    const here = conversation({ id: 'c1', createdAt: now - 60_000, visitor: visitor({ id: 'v1', page: { url: 'https://introserv.com/vps', title: 'VPS' }, timeZone: 'Europe/Zagreb', online: true, seenAt: now - 60_000 }) });
    const gone = conversation({
      id: 'c2',
      createdAt: now - 600_000,
      visitor: visitor({ id: 'v2', page: { url: 'https://introserv.com/', title: 'Home' }, timeZone: 'Europe/Berlin', online: false, seenAt: now - 180_000 }),
      lastMessage: { text: 'prefers e-mail', authorKind: 'operator', kind: 'note', at: now - 170_000 },
    });
    const api = { client: new ApiClient(), conversations: vi.fn(async () => [here, gone]), me: vi.fn(async () => session), login: vi.fn(), logout: vi.fn() } satisfies ConsoleApi;
    root = document.createElement('div');
    document.body.append(root);
    socket.emitted.length = 0;
    void act(() => render(<Shell api={api} session={session} onLogout={vi.fn()} onSessionExpired={vi.fn()} />, root));
    await act(() => socket.open());
    await settle();

    const presence = (id: string) => root.querySelector<HTMLElement>(`[data-conversation-id="${id}"] [data-testid="visitor-presence"]`)?.textContent;
    expect(presence('c1')).toBe('Online');
    expect(unisolate(presence('c2') ?? '')).toBe('Left 3 min ago');
    expect(unisolate(root.querySelector('[data-conversation-id="c2"] .conv-preview')?.textContent ?? '')).toBe('Note: prefers e-mail');
    await act(() => root.querySelector<HTMLElement>('[data-conversation-id="c2"]')?.click());
    expect(unisolate(one('visitor-presence-details').textContent)).toBe('Left 3 min ago');

    // The header's status is the server's: from the session, then its acks and facts, not the click.
    const select = one<HTMLSelectElement>('presence');
    expect(socket.sent('presence:set')).toEqual([]);
    expect(select.dataset.status).toBe('online');
    await act(() => {
      select.value = 'away';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(socket.sent('presence:set')[0]?.payload).toEqual({ status: 'away' });
    expect(one<HTMLSelectElement>('presence').disabled).toBe(true);
    expect(one('presence').dataset.status).toBe('online');
    await act(() => socket.sent('presence:set')[0]?.ack({ ok: true, status: 'away' }));
    await settle();
    expect(one<HTMLSelectElement>('presence').disabled).toBe(false);
    expect(one<HTMLSelectElement>('presence').value).toBe('away');
    expect(one('presence').dataset.status).toBe('away');
  });

  it('moves between chats with Alt+↓/↑, shows one pane at a time (list, chat, details) and opens the transfer dialog', async () => {
    const now = Date.now();
    const mine = (id: string, at: number) => conversation({ id, status: 'assigned', operator: ana, createdAt: at, updatedAt: at, visitor: visitor({ id: `v_${id}`, name: `Visitor ${id}` }) });
    const api = { client: new ApiClient(), conversations: vi.fn(async () => [mine('a', now - 1), mine('b', now - 2)]), me: vi.fn(async () => session), login: vi.fn(), logout: vi.fn() } satisfies ConsoleApi;
    root = document.createElement('div');
    document.body.append(root);
    void act(() => render(<Shell api={api} session={session} onLogout={vi.fn()} onSessionExpired={vi.fn()} />, root));
    await act(() => socket.open());
    await settle();
    expect(one('panes').dataset.pane).toBe('list');
    const alt = (code: string) => act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { code, altKey: true, bubbles: true, cancelable: true })));
    await alt('ArrowDown');
    expect(one('chat-view').dataset.conversationId).toBe('a');
    expect(one('panes').dataset.pane).toBe('chat');
    await alt('ArrowDown');
    expect(one('chat-view').dataset.conversationId).toBe('b');
    await alt('ArrowUp');
    expect(one('chat-view').dataset.conversationId).toBe('a');
    expect(one('chat-title').textContent).toBe('Visitor a');
    await act(() => one('show-details').click());
    expect(one('panes').dataset.pane).toBe('details');
    await act(() => one('hide-details').click());
    expect(one('panes').dataset.pane).toBe('chat');
    await act(() => one('back-to-list').click());
    expect(one('panes').dataset.pane).toBe('list');
    await alt('KeyT');
    expect(all('transfer-dialog')).toHaveLength(1);
    await alt('KeyH');
    expect(all('keyboard-help')).toHaveLength(1);
  });
});

describe('Shell: the settings page', () => {
  it('is in the navigation for admins only', async () => {
    const api = { client: new ApiClient(), conversations: vi.fn(async () => []), me: vi.fn(async () => session), login: vi.fn(), logout: vi.fn() } satisfies ConsoleApi;
    const links = () => [...root.querySelectorAll<HTMLAnchorElement>('.pagenav a')].map((a) => a.getAttribute('href'));
    root = document.createElement('div');
    document.body.append(root);
    void act(() => render(<Shell api={api} session={session} onLogout={vi.fn()} onSessionExpired={vi.fn()} />, root));
    await settle();
    expect(links()).not.toContain('#/settings');
    expect(links()).toContain('#/tickets');
    render(null, root);
    const admin = { ...session, operator: { ...session.operator, role: 'admin' as const } };
    void act(() => render(<Shell api={api} session={admin} onLogout={vi.fn()} onSessionExpired={vi.fn()} />, root));
    await settle();
    expect(links()).toContain('#/settings');
  });
});
