import type { Conversation } from '@introserv/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client.js';
import type { ConsoleApi } from '../api/endpoints.js';
import { conversation, message } from '../testing/fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { Workspace, type Activity } from './workspace.js';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));
const me = { id: 'op_ana', email: 'ana@introserv.com', name: 'Ana', role: 'operator' as const, capacity: null, disabled: false, departments: [], languages: [], autoAssign: true };

async function setup(list: Conversation[], visible = true) {
  const socket = new FakeSocket();
  const api = { client: new ApiClient(), conversations: vi.fn(async () => list), me: vi.fn(async () => null), login: vi.fn(), logout: vi.fn() } satisfies ConsoleApi;
  let shown = visible;
  const loadConfig = vi.fn(async () => ({ departments: [{ id: 'general', names: {} }, { id: 'sales', names: { en: 'Sales' } }], waitAlertSeconds: 30, defaultCapacity: 4 }));
  const ws = new Workspace({ api, socket: socket.asSocket(), operator: me, onSessionExpired: vi.fn(), random: () => 1, isVisible: () => shown, loadConfig });
  const activity: Activity[] = [];
  ws.onActivity((a) => activity.push(a));
  ws.start();
  socket.open();
  await flush();
  return { ws, socket, activity, hide: (v: boolean) => (shown = !v) };
}

const mine = (id: string) => conversation({ id, status: 'assigned', operator: { id: me.id, name: me.name } });

describe('Workspace: working many chats', () => {
  it('loads the console settings from the server', async () => {
    const { ws } = await setup([]);
    expect(ws.config.value).toMatchObject({ waitAlertSeconds: 30, defaultCapacity: 4 });
  });

  it('counts visitor messages unread until the chat is on screen, and tells the notifier', async () => {
    const { ws, socket, activity, hide } = await setup([mine('c1'), mine('c2')]);
    ws.select('c1');
    socket.fire('message:created', message('c2', '1700000000001-0'));
    socket.fire('message:created', message('c2', '1700000000002-0'));
    socket.fire('message:created', message('c1', '1700000000003-0'));
    // The same message again (a watch reply, a resend) counts once.
    socket.fire('message:created', message('c2', '1700000000002-0', { id: 'msg-00000002' }));
    expect(ws.unread.value).toEqual({ c2: 2 });
    expect(activity.filter((a) => a.type === 'message').map((a) => a.conversation.id)).toEqual(['c2', 'c2', 'c1']);
    // An operator's own message is not unread.
    socket.fire('message:created', message('c2', '1700000000004-0', { author: { kind: 'operator', id: me.id } }));
    expect(ws.unread.value).toEqual({ c2: 2 });
    ws.select('c2');
    expect(ws.unread.value).toEqual({});
    // With the tab hidden, even the chat on screen collects unread messages.
    hide(true);
    socket.fire('message:created', message('c2', '1700000000005-0'));
    expect(ws.unread.value).toEqual({ c2: 1 });
  });

  it('tells of a chat that starts waiting, and of one that becomes the operator’s', async () => {
    const { socket, activity } = await setup([]);
    const waiting = conversation({ id: 'c5', updatedAt: 2 });
    socket.fire('conversation:updated', waiting);
    socket.fire('conversation:updated', { ...waiting, updatedAt: 3 });
    socket.fire('conversation:assigned', { conversationId: 'c5', operator: { id: me.id, name: me.name } });
    socket.fire('conversation:assigned', { conversationId: 'c5', operator: { id: me.id, name: me.name } });
    expect(activity.map((a) => `${a.type}:${a.conversation.id}`)).toEqual(['waiting:c5', 'assigned:c5']);
  });

  it('writes notes with note:send, transfers and reopens the selected chat', async () => {
    const c1 = mine('c1');
    const { ws, socket } = await setup([c1]);
    ws.select('c1');
    ws.sendNote('check billing first');
    expect(socket.sent('note:send')[0]?.payload).toMatchObject({ conversationId: 'c1', text: 'check billing first' });
    expect(socket.sent('message:send')).toEqual([]);
    expect(ws.outbox.forConversation('c1')[0]?.kind).toBe('note');

    const done = ws.transfer({ type: 'department', department: 'sales' }, 'wants a quote');
    expect(ws.ui.value.busy).toBe('transfer');
    const transfer = socket.sent('conversation:transfer')[0];
    expect(transfer?.payload).toEqual({ conversationId: 'c1', to: { type: 'department', department: 'sales' }, note: 'wants a quote' });
    transfer?.ack({ ok: true, conversation: { ...c1, status: 'queued', operator: null, department: 'sales', updatedAt: c1.updatedAt + 1 } });
    expect(await done).toBe(true);
    expect(ws.store.value.conversations.c1?.department).toBe('sales');

    const refused = ws.transfer({ type: 'operator', operatorId: 'op_bo' });
    socket.sent('conversation:transfer')[1]?.ack({ ok: false, error: { code: 'OPERATOR_UNAVAILABLE', message: 'not online' } });
    expect(await refused).toBe(false);
    expect(ws.ui.value.error?.code).toBe('OPERATOR_UNAVAILABLE');

    void ws.reopen();
    const reopen = socket.sent('conversation:reopen')[0];
    expect(reopen?.payload).toEqual({ conversationId: 'c1' });
    reopen?.ack({ ok: true, conversation: { ...c1, updatedAt: c1.updatedAt + 5 } });
    await flush();
    expect(ws.ui.value.busy).toBeNull();
  });

  it('moves the selection through the list with the keyboard, wrapping around', async () => {
    const { ws } = await setup([mine('a'), mine('b'), mine('c')]);
    const order = ['a', 'b', 'c'];
    ws.selectNext(order, 1);
    expect(ws.ui.value.selectedId).toBe('a');
    ws.selectNext(order, -1);
    expect(ws.ui.value.selectedId).toBe('c');
    ws.selectNext(order, 1);
    expect(ws.ui.value.selectedId).toBe('a');
  });
});
