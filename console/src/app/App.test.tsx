import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.js';
import { conversation } from '../testing/fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';

const socket = new FakeSocket();
vi.mock('../realtime/channel.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../realtime/channel.js')>()),
  connectOperatorSocket: () => socket.asSocket(),
}));
const { App } = await import('./App.js');

const session = {
  operator: { id: 'op_ana', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: null, disabled: false, departments: [], languages: [], autoAssign: true },
  csrfToken: 'csrf',
  status: 'online',
};
let root: HTMLElement;

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('App', () => {
  it('returns to the sign-in form with a notice when the server ends the session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url === '/api/auth/me' ? json(session) : json({ conversations: [conversation({ id: 'c1' })] }))),
    );
    root = document.createElement('div');
    document.body.append(root);
    void act(() => render(<App />, root));
    await settle();
    await act(() => socket.open());
    await settle();
    expect(root.querySelector('[data-testid="conversation-item"]')).not.toBeNull();

    // Logged out in another tab: the server disconnects this socket, and refuses it back.
    const connect = vi.spyOn(socket, 'connect');
    await act(() => {
      socket.active = false;
      socket.drop('io server disconnect');
    });
    expect(connect).toHaveBeenCalled();
    await act(() => {
      socket.active = false;
      socket.fire('connect_error', Object.assign(new Error('not logged in'), { data: { code: 'UNAUTHENTICATED' } }));
    });
    await settle();

    expect(root.querySelector('[data-testid="conversation-item"]')).toBeNull();
    expect(root.querySelector('[data-testid="login-email"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="login-notice"]')?.textContent).toContain('You have been signed out');
  });
});
