import type { Conversation, SessionInfo } from '@introserv/shared';
import { TIMING } from '@introserv/shared/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client.js';
import type { ConsoleApi } from '../api/endpoints.js';
import { conversation, message } from '../testing/fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { Workspace } from './workspace.js';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));
const me = { id: 'op_ana', email: 'ana@introserv.com', name: 'Ana', role: 'operator' as const, capacity: null, disabled: false, departments: [], languages: [], autoAssign: true };

function setup(list: Conversation[] = [], session: SessionInfo | null = null, storage: Storage | null = null) {
  const socket = new FakeSocket();
  const api = {
    client: new ApiClient(),
    conversations: vi.fn(async () => list),
    me: vi.fn(async () => session),
    login: vi.fn(),
    logout: vi.fn(),
  } satisfies ConsoleApi;
  const onSessionExpired = vi.fn();
  const ws = new Workspace({ api, socket: socket.asSocket(), operator: me, onSessionExpired, random: () => 1, storage });
  ws.start();
  return { socket, api, ws, onSessionExpired };
}

afterEach(() => vi.useRealTimers());

describe('Workspace', () => {
  it('watches the selected conversation, then re-watches it since the last cursor after a reconnect', async () => {
    const c1 = conversation({ id: 'c1', status: 'assigned', operator: { id: me.id, name: me.name } });
    const { socket, ws, api } = setup([c1]);
    socket.open();
    await flush();
    expect(ws.store.value.conversations.c1).toBeDefined();

    ws.select('c1');
    const watch = socket.sent('conversation:watch')[0];
    expect(watch?.payload).toEqual({ conversationId: 'c1' });
    watch?.ack({ ok: true, conversation: c1, messages: [message('c1', '1700000000001-0'), message('c1', '1700000000002-0')] });
    await flush();
    expect(ws.store.value.histories.c1?.messages).toHaveLength(2);

    socket.fire('message:created', message('c1', '1700000000003-0'));
    socket.drop();
    socket.open();
    const rewatch = socket.sent('conversation:watch')[1];
    expect(rewatch?.payload).toEqual({ conversationId: 'c1', since: '1700000000003-0' });
    expect(api.conversations).toHaveBeenCalledTimes(2); // initial load + resync after the reconnect
  });

  it('accepts a waiting conversation and shows CONVERSATION_TAKEN as an error', async () => {
    const c1 = conversation({ id: 'c1' });
    const c2 = conversation({ id: 'c2' });
    const { socket, ws } = setup([c1, c2]);
    socket.open();
    await flush();

    ws.select('c1');
    void ws.accept();
    const accept = socket.sent('conversation:accept')[0];
    expect(accept?.payload).toEqual({ conversationId: 'c1' });
    accept?.ack({ ok: true, conversation: { ...c1, status: 'assigned', operator: { id: me.id, name: me.name }, updatedAt: c1.updatedAt + 1 } });
    await flush();
    expect(ws.store.value.conversations.c1?.status).toBe('assigned');

    ws.select('c2');
    void ws.accept();
    socket.sent('conversation:accept')[1]?.ack({ ok: false, error: { code: 'CONVERSATION_TAKEN', message: 'taken' } });
    await flush();
    expect(ws.ui.value.error?.code).toBe('CONVERSATION_TAKEN');
    expect(ws.ui.value.busy).toBeNull();
  });

  it('upserts rows from conversation:updated and conversation:assigned facts', async () => {
    const { socket, ws } = setup();
    socket.open();
    await flush();
    socket.fire('conversation:updated', conversation({ id: 'c9' }));
    expect(ws.store.value.conversations.c9?.status).toBe('queued');
    socket.fire('conversation:assigned', { conversationId: 'c9', operator: { id: 'op_ivo', name: 'Ivo' } });
    expect(ws.store.value.conversations.c9).toMatchObject({ status: 'assigned', operator: { name: 'Ivo' } });
  });

  it('goes back to login when a refused handshake turns out to be an expired session', async () => {
    const { socket, api, onSessionExpired } = setup();
    socket.active = false;
    socket.fire('connect_error', new Error('UNAUTHENTICATED'));
    await flush();
    expect(api.me).toHaveBeenCalled();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('reconnects after a refused handshake, backing off, while the session is still valid', async () => {
    vi.useFakeTimers();
    const { socket, api, onSessionExpired } = setup([], { operator: me, csrfToken: 'csrf', status: 'online' });
    const connect = vi.spyOn(socket, 'connect');
    socket.active = false;
    socket.fire('connect_error', new Error('INTERNAL'));
    await vi.advanceTimersByTimeAsync(TIMING.retryBaseMs - 1);
    expect(api.me).toHaveBeenCalledTimes(1);
    expect(connect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(1);

    // Refused again: the next attempt waits twice as long.
    socket.active = false;
    socket.fire('connect_error', new Error('INTERNAL'));
    await vi.advanceTimersByTimeAsync(2 * TIMING.retryBaseMs - 1);
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('goes back to sign-in when the server ends the socket and then refuses the handshake as UNAUTHENTICATED', async () => {
    const { socket, api, onSessionExpired } = setup();
    socket.open();
    await flush();
    const connect = vi.spyOn(socket, 'connect');
    // Logout in another tab, session expiry or a disabled account: the server disconnects us.
    socket.active = false;
    socket.drop('io server disconnect');
    // Socket.IO does not reconnect after a server-side disconnect: the console must ask.
    expect(connect).toHaveBeenCalledTimes(1);
    socket.active = false;
    socket.fire('connect_error', Object.assign(new Error('not logged in'), { data: { code: 'UNAUTHENTICATED' } }));
    await flush();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    // The refusal said why: no need to ask /api/auth/me first.
    expect(api.me).not.toHaveBeenCalled();
  });

  it('does not reconnect after its own disconnect', async () => {
    const { socket, ws } = setup();
    socket.open();
    const connect = vi.spyOn(socket, 'connect');
    ws.stop();
    expect(connect).not.toHaveBeenCalled();
  });

  it('unwatches a conversation that is not the operator’s when the operator leaves it', async () => {
    const ivo = { id: 'op_ivo', name: 'Ivo' };
    const { socket, ws } = setup([
      conversation({ id: 'queued' }),
      conversation({ id: 'mine', status: 'assigned', operator: { id: me.id, name: me.name } }),
      conversation({ id: 'theirs', status: 'assigned', operator: ivo }),
    ]);
    socket.open();
    await flush();
    ws.select('queued');
    ws.select('mine');
    ws.select('theirs');
    ws.select(null);
    // Mine stays watched: its messages must keep arriving wherever the operator looks.
    expect(socket.sent('conversation:unwatch').map((e) => e.payload)).toEqual([{ conversationId: 'queued' }, { conversationId: 'theirs' }]);
  });

  it('shows the status the server says, sends a change, and follows changes made in other tabs', async () => {
    const { socket, ws } = setup();
    socket.open();
    // Nothing is asserted from this side on connect: the server says what the status is.
    expect(socket.sent('presence:set')).toEqual([]);
    socket.fire('presence:updated', { status: 'away' });
    expect(ws.ui.value.presence).toEqual({ status: 'away', pending: null });

    void ws.setPresence('online');
    expect(ws.ui.value.presence).toEqual({ status: 'away', pending: 'online' });
    socket.sent('presence:set')[0]?.ack({ ok: true, status: 'online' });
    await flush();
    expect(ws.ui.value.presence).toEqual({ status: 'online', pending: null });

    // Another tab chose offline.
    socket.fire('presence:updated', { status: 'offline' });
    expect(ws.ui.value.presence).toEqual({ status: 'offline', pending: null });
  });

  it('keeps the acknowledged presence and shows the error when the server refuses a change', async () => {
    const { socket, ws } = setup();
    socket.open();
    socket.fire('presence:updated', { status: 'online' });
    void ws.setPresence('offline');
    socket.sent('presence:set')[0]?.ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    await flush();
    expect(ws.ui.value.presence).toEqual({ status: 'online', pending: null });
    expect(ws.ui.value.error?.code).toBe('RATE_LIMITED');
  });
});
