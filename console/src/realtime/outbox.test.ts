import type { Message } from '@introserv/shared';
import { TIMING } from '@introserv/shared/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../testing/fakeSocket.js';
import { OperatorChannel } from './channel.js';
import { Outbox } from './outbox.js';

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function setup(opts: { storage?: Storage; connected?: boolean } = {}) {
  const socket = new FakeSocket();
  if (opts.connected) socket.connected = true;
  const channel = new OperatorChannel(socket.asSocket(), 1_000);
  const delivered: Message[] = [];
  let n = 0;
  const outbox = new Outbox({
    send: (p, kind) => channel.request(kind === 'note' ? 'note:send' : 'message:send', p),
    isConnected: () => channel.connected,
    onDelivered: (m) => delivered.push(m),
    makeId: () => `id-0000000${++n}`,
    now: () => 1_700_000_000_000,
    // The top of each backoff window, so a test knows the exact delay.
    random: () => 1,
    storage: opts.storage ?? null,
    storageKey: 'outbox',
  });
  // What Workspace does on every (re)connect.
  socket.on('connect', () => outbox.flush());
  return { socket, outbox, delivered };
}

function stored(id: string, text: string): Message {
  return { id, conversationId: 'c1', cursor: '1700000000000-0', kind: 'text', author: { kind: 'operator', id: 'op_1' }, text, createdAt: 1_700_000_000_000 };
}

afterEach(() => vi.useRealTimers());

describe('Outbox', () => {
  it('sends at once when connected and forgets the message on a good ack', async () => {
    const { socket, outbox, delivered } = setup({ connected: true });
    outbox.enqueue('c1', 'Hello');
    const [sent] = socket.sent('message:send');
    expect(sent?.payload).toEqual({ conversationId: 'c1', id: 'id-00000001', text: 'Hello' });
    expect(outbox.pending.value[0]?.state).toBe('sending');

    sent?.ack({ ok: true, message: stored('id-00000001', 'Hello') });
    await flush();
    expect(outbox.pending.value).toEqual([]);
    expect(delivered.map((m) => m.id)).toEqual(['id-00000001']);
  });

  it('holds messages written offline and sends them, in order, on connect', () => {
    const { socket, outbox } = setup();
    outbox.enqueue('c1', 'one');
    outbox.enqueue('c1', 'two');
    expect(socket.sent('message:send')).toHaveLength(0);
    expect(outbox.forConversation('c1').map((p) => p.state)).toEqual(['waiting', 'waiting']);

    socket.open();
    expect(socket.sent('message:send').map((e) => (e.payload as { text: string }).text)).toEqual(['one', 'two']);
  });

  it('resends an unacked message after a reconnect with the same id, once', async () => {
    const { socket, outbox } = setup({ connected: true });
    outbox.enqueue('c1', 'Are you there?');
    expect(socket.sent('message:send')).toHaveLength(1);

    socket.drop(); // the ack never came
    await flush();
    expect(outbox.pending.value[0]?.state).toBe('waiting');

    socket.open();
    socket.open(); // a second connect event must not double-send what is in flight
    const sends = socket.sent('message:send');
    expect(sends).toHaveLength(2);
    expect((sends[1]?.payload as { id: string }).id).toBe((sends[0]?.payload as { id: string }).id);

    sends[1]?.ack({ ok: true, message: stored('id-00000001', 'Are you there?') });
    await flush();
    expect(outbox.pending.value).toEqual([]);
  });

  it('a late ack from before the drop is ignored; the resend settles it', async () => {
    const { socket, outbox, delivered } = setup({ connected: true });
    outbox.enqueue('c1', 'x');
    const first = socket.sent('message:send')[0];
    socket.drop();
    await flush();
    first?.ack({ ok: true, message: stored('id-00000001', 'x') });
    await flush();
    expect(outbox.pending.value).toHaveLength(1);
    expect(delivered).toHaveLength(0);
  });

  it('retries after a timeout while still connected, backing off exponentially', async () => {
    vi.useFakeTimers();
    const { socket, outbox } = setup({ connected: true });
    outbox.enqueue('c1', 'slow');
    await vi.advanceTimersByTimeAsync(1_000); // ack timeout
    expect(outbox.pending.value[0]).toMatchObject({ state: 'waiting', error: { code: 'TIMEOUT' } });
    await vi.advanceTimersByTimeAsync(TIMING.retryBaseMs - 1);
    expect(socket.sent('message:send')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sent('message:send')).toHaveLength(2);

    socket.sent('message:send')[1]?.ack({ ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'down' } });
    await vi.advanceTimersByTimeAsync(2 * TIMING.retryBaseMs - 1);
    expect(socket.sent('message:send')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.sent('message:send')).toHaveLength(3);
  });

  it('treats an error that cannot heal as failed, whatever the code, and retries the rest', async () => {
    const { socket, outbox } = setup({ connected: true });
    outbox.enqueue('c1', 'one');
    outbox.enqueue('c1', 'two');
    const [one, two] = socket.sent('message:send');
    one?.ack({ ok: false, error: { code: 'CONVERSATION_TAKEN', message: 'not yours' } });
    two?.ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    await flush();
    expect(outbox.pending.value.map((p) => p.state)).toEqual(['failed', 'waiting']);
    outbox.dispose();
  });

  it('marks a message failed on a permanent error and sends it again only on retry', async () => {
    const { socket, outbox } = setup({ connected: true });
    outbox.enqueue('c1', 'late');
    socket.sent('message:send')[0]?.ack({ ok: false, error: { code: 'CONVERSATION_CLOSED', message: 'closed' } });
    await flush();
    expect(outbox.pending.value[0]).toMatchObject({ state: 'failed', error: { code: 'CONVERSATION_CLOSED' } });

    socket.drop();
    socket.open();
    expect(socket.sent('message:send')).toHaveLength(1); // failed ones are not flushed

    outbox.retry('id-00000001');
    expect(socket.sent('message:send')).toHaveLength(2);
  });

  it('settles a message when message:created beats the ack', async () => {
    const { socket, outbox, delivered } = setup({ connected: true });
    outbox.enqueue('c1', 'race');
    outbox.delivered('id-00000001');
    expect(outbox.pending.value).toEqual([]);
    socket.sent('message:send')[0]?.ack({ ok: true, message: stored('id-00000001', 'race') });
    await flush();
    expect(delivered).toHaveLength(0); // the fact already put it in the store
  });

  it('survives a reload through storage, as waiting', () => {
    const storage = window.localStorage;
    storage.clear();
    const first = setup({ storage, connected: true });
    first.outbox.enqueue('c1', 'keep me');
    expect(JSON.parse(storage.getItem('outbox') ?? '[]')).toHaveLength(1);

    const second = setup({ storage });
    expect(second.outbox.pending.value).toMatchObject([{ id: 'id-00000001', text: 'keep me', state: 'waiting' }]);
    second.socket.open();
    expect(second.socket.sent('message:send')[0]?.payload).toMatchObject({ id: 'id-00000001' });
    storage.clear();
  });

  it('keeps a note a note: sent with note:send, and so again after a reload', async () => {
    const memory = new Map<string, string>();
    const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v), removeItem: (k: string) => void memory.delete(k) } as Storage;
    const first = setup({ storage });
    first.outbox.enqueue('c1', 'customer owes an invoice', 'note');
    first.outbox.enqueue('c1', 'hello');
    const second = setup({ storage, connected: false });
    second.socket.open();
    expect(second.socket.sent('note:send').map((e) => (e.payload as { text: string }).text)).toEqual(['customer owes an invoice']);
    expect(second.socket.sent('message:send').map((e) => (e.payload as { text: string }).text)).toEqual(['hello']);
  });
});
