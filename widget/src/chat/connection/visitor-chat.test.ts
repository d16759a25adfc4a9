import { TIMING, type Message, type VisitorHello } from '@introserv/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatState } from './chat-state.js';
import { VisitorChat, type VisitorChatOptions } from './visitor-chat.js';
import { FakeSocket, storedMessage, type Emitted } from './testing/fake-socket.js';

const SITE = 'introserv';
const TOKEN_KEY = `introserv-chat:${SITE}:token`;
const OUTBOX_KEY = `introserv-chat:${SITE}:outbox`;
const TOKEN = 'T'.repeat(43);

function setup(extra: Partial<VisitorChatOptions> = {}) {
  const socket = new FakeSocket();
  let n = 0;
  const chat = new VisitorChat(socket.asSocket(), {
    siteId: SITE,
    language: 'de',
    storage: localStorage,
    page: () => ({ url: 'https://introserv.com/dedicated', title: 'Dedicated servers' }),
    timeZone: () => 'Europe/Berlin',
    newId: () => `local-id-${++n}`,
    now: () => 1700000000000 + n,
    // The top of each backoff window, so a test knows the exact delay.
    random: () => 1,
    ...extra,
  });
  return { socket, chat };
}

/** Answers the one pending hello like the server would. */
function answerHello(socket: FakeSocket, result: { messages?: Message[]; conversation?: unknown; token?: string } = {}): Emitted {
  const [hello] = socket.take('hello');
  if (!hello) throw new Error('no hello was emitted');
  hello.ack({ ok: true, visitorToken: result.token ?? TOKEN, visitorId: 'v_1', conversation: result.conversation ?? null, messages: result.messages ?? [] });
  return hello;
}

/** Requests settle through promises (the client kit's `request` over `timeout().emitWithAck()`): let an answered one land before looking. */
const answered = () => (vi.isFakeTimers() ? vi.advanceTimersByTimeAsync(0) : new Promise<void>((resolve) => setTimeout(resolve, 0)));

const visible = (state: ChatState) => state.messages.map((m) => `${m.author.kind}:${m.text}:${m.status}`);

describe('VisitorChat', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.useRealTimers());

  it('says hello on every connect with the contract fields and no token the first time', () => {
    const { socket } = setup();
    socket.connect();
    const [hello] = socket.take('hello');
    expect(hello?.payload).toEqual({
      siteId: SITE,
      visitorToken: null,
      language: 'de',
      page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
      timeZone: 'Europe/Berlin',
    } satisfies VisitorHello);
  });

  it('keeps the token from the hello ack and sends it, with the last cursor, on the next connect', () => {
    const { socket, chat } = setup();
    socket.connect();
    const m1 = storedMessage({ cursor: '1700000000000-1' });
    const m2 = storedMessage({ cursor: '1700000000000-7' });
    answerHello(socket, { messages: [m2, m1] });
    expect(localStorage.getItem(TOKEN_KEY)).toBe(TOKEN);
    expect(chat.state.value.connection).toBe('online');

    socket.drop();
    expect(chat.state.value.connection).toBe('offline');
    socket.connect();
    const [hello] = socket.take('hello');
    expect(hello?.payload).toMatchObject({ visitorToken: TOKEN, since: '1700000000000-7' });
  });

  it('shows history from the hello ack in cursor order, once, after a reload', () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const { socket, chat } = setup();
    socket.connect();
    expect(socket.emitted[0]?.payload).toMatchObject({ visitorToken: TOKEN });
    const a = storedMessage({ author: { kind: 'visitor' }, text: 'hi', cursor: '1700000000000-1' });
    const b = storedMessage({ text: 'hello, how can I help?', cursor: '1700000000000-2' });
    answerHello(socket, { messages: [b, a], conversation: { id: 'conv_1', status: 'assigned', operator: { name: 'Ana' } } });
    expect(visible(chat.state.value)).toEqual(['visitor:hi:sent', 'operator:hello, how can I help?:sent']);
    expect(chat.state.value.conversation).toEqual({ id: 'conv_1', status: 'assigned', operator: { name: 'Ana' } });

    socket.fire('message:created', b); // a duplicate delivery
    expect(chat.state.value.messages).toHaveLength(2);
  });

  it('shows a message at once as pending and sends it only after the hello ack', () => {
    const { socket, chat } = setup();
    chat.send('  Is my server down?  ');
    expect(visible(chat.state.value)).toEqual(['visitor:Is my server down?:pending']);
    expect(socket.take('message:send')).toEqual([]);

    socket.connect();
    expect(socket.take('message:send')).toEqual([]); // hello first
    answerHello(socket);
    const [send] = socket.take('message:send');
    expect(send?.payload).toEqual({ id: 'local-id-1', text: 'Is my server down?' });
  });

  it('drops the message from the outbox on an ok ack and shows the stored copy as sent', async () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    chat.send('hello');
    expect(JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]')).toHaveLength(1);

    const [send] = socket.take('message:send');
    send?.ack({ ok: true, message: storedMessage({ id: 'local-id-1', author: { kind: 'visitor' }, text: 'hello', conversationId: 'conv_9' }) });
    await answered();
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
    expect(visible(chat.state.value)).toEqual(['visitor:hello:sent']);
    // The first message opened a conversation, which waits in the queue.
    expect(chat.state.value.conversation).toEqual({ id: 'conv_9', status: 'queued', operator: null });
  });

  it('resends every unacked message with the same id after each hello ack, also from a previous page', () => {
    const first = setup();
    first.socket.connect();
    answerHello(first.socket);
    first.chat.send('one');
    first.chat.send('two');
    expect(first.socket.take('message:send')).toHaveLength(2); // sent, never acked
    first.socket.drop();
    first.socket.connect();
    answerHello(first.socket);
    expect(first.socket.take('message:send').map((e) => e.payload)).toEqual([
      { id: 'local-id-1', text: 'one' },
      { id: 'local-id-2', text: 'two' },
    ]);

    // A reload: a new chat on the same storage.
    const second = setup();
    expect(visible(second.chat.state.value)).toEqual(['visitor:one:pending', 'visitor:two:pending']);
    second.socket.connect();
    answerHello(second.socket);
    const resent = second.socket.take('message:send');
    expect(resent.map((e) => (e.payload as { id: string }).id)).toEqual(['local-id-1', 'local-id-2']);

    // The server stored "one" before the drop; its ack and the history agree on one copy.
    const stored = storedMessage({ id: 'local-id-1', author: { kind: 'visitor' }, text: 'one' });
    second.socket.fire('message:created', stored);
    resent[0]?.ack({ ok: true, message: stored });
    expect(visible(second.chat.state.value)).toEqual(['visitor:one:sent', 'visitor:two:pending']);
  });

  it('does not send the same message twice on one connection', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    chat.send('one');
    chat.send('two');
    expect(socket.take('message:send').map((e) => (e.payload as { text: string }).text)).toEqual(['one', 'two']);
  });

  it('marks a message failed and stops resending it on INVALID_PAYLOAD; retry sends it again', async () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    chat.send('bad');
    socket.take('message:send')[0]?.ack({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'message is empty' } });
    await answered();
    expect(visible(chat.state.value)).toEqual(['visitor:bad:failed']);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();

    socket.drop();
    socket.connect();
    answerHello(socket);
    expect(socket.take('message:send')).toEqual([]);

    chat.retry('local-id-1');
    expect(visible(chat.state.value)).toEqual(['visitor:bad:pending']);
    expect(socket.take('message:send').map((e) => e.payload)).toEqual([{ id: 'local-id-1', text: 'bad' }]);
  });

  it('keeps a message on an error that may heal and resends it with exponential backoff', async () => {
    vi.useFakeTimers();
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    chat.send('later');
    socket.take('message:send')[0]?.ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
    await answered();
    expect(visible(chat.state.value)).toEqual(['visitor:later:pending']);
    expect(JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]')).toHaveLength(1);

    vi.advanceTimersByTime(TIMING.retryBaseMs - 1);
    expect(socket.take('message:send')).toEqual([]);
    vi.advanceTimersByTime(1);
    const [second] = socket.take('message:send');
    expect(second?.payload).toEqual({ id: 'local-id-1', text: 'later' });

    // Refused again: the next try waits twice as long.
    second?.ack({ ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'down' } });
    await answered();
    vi.advanceTimersByTime(2 * TIMING.retryBaseMs - 1);
    expect(socket.take('message:send')).toEqual([]);
    vi.advanceTimersByTime(1);
    const [third] = socket.take('message:send');
    third?.ack({ ok: true, message: storedMessage({ id: 'local-id-1', author: { kind: 'visitor' }, text: 'later' }) });
    await answered();
    expect(visible(chat.state.value)).toEqual(['visitor:later:sent']);
  });

  it.each(['STORE_UNAVAILABLE', 'RATE_LIMITED'])('retries a hello refused with %s, backing off, and then delivers the outbox', (code) => {
    vi.useFakeTimers();
    const { socket, chat } = setup();
    chat.send('written while the server cannot answer');
    socket.connect();
    socket.take('hello')[0]?.ack({ ok: false, error: { code, message: 'not now' } });
    expect(chat.state.value.connection).toBe('offline');
    expect(socket.take('message:send')).toEqual([]);

    vi.advanceTimersByTime(TIMING.retryBaseMs - 1);
    expect(socket.take('hello')).toEqual([]);
    vi.advanceTimersByTime(1);
    const [second] = socket.take('hello');
    expect(second?.payload).toMatchObject({ siteId: SITE, visitorToken: null });
    second?.ack({ ok: false, error: { code, message: 'still not' } });

    vi.advanceTimersByTime(2 * TIMING.retryBaseMs - 1);
    expect(socket.take('hello')).toEqual([]);
    vi.advanceTimersByTime(1);
    answerHello(socket);
    expect(chat.state.value.connection).toBe('online');
    expect(socket.take('message:send').map((e) => e.payload)).toEqual([{ id: 'local-id-1', text: 'written while the server cannot answer' }]);

    // Answered: no further hello is pending.
    vi.advanceTimersByTime(TIMING.retryMaxMs);
    expect(socket.take('hello')).toEqual([]);
  });

  it('never waits longer than the maximum between hellos, and says hello at once after a reconnect', () => {
    vi.useFakeTimers();
    const { socket } = setup();
    socket.connect();
    for (let i = 0; i < 8; i++) {
      socket.take('hello')[0]?.ack({ ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'down' } });
      vi.advanceTimersByTime(TIMING.retryMaxMs);
      expect(socket.emitted.filter((e) => e.event === 'hello')).toHaveLength(1);
    }
    socket.take('hello')[0]?.ack({ ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'down' } });
    socket.drop();
    vi.advanceTimersByTime(TIMING.retryMaxMs);
    expect(socket.take('hello')).toEqual([]); // no hello on a dropped connection
    socket.connect();
    expect(socket.take('hello')).toHaveLength(1);
    vi.advanceTimersByTime(TIMING.retryMaxMs);
    expect(socket.take('hello')).toEqual([]); // the old retry did not survive the drop
  });

  it('ignores acks that arrive for an earlier connection', () => {
    const { socket, chat } = setup();
    socket.connect();
    const staleHello = socket.take('hello')[0];
    socket.drop();
    socket.connect();
    staleHello?.ack({ ok: true, visitorToken: TOKEN, visitorId: 'v_1', conversation: null, messages: [storedMessage()] });
    expect(chat.state.value.messages).toEqual([]);
    expect(chat.state.value.connection).toBe('connecting');
  });

  it('stays offline, without retrying, when the hello is refused for good', () => {
    vi.useFakeTimers();
    const { socket, chat } = setup();
    socket.connect();
    socket.take('hello')[0]?.ack({ ok: false, error: { code: 'ORIGIN_NOT_ALLOWED', message: 'no' } });
    expect(chat.state.value.connection).toBe('offline');
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    vi.advanceTimersByTime(TIMING.retryMaxMs * 2);
    expect(socket.take('hello')).toEqual([]);
  });

  it('merges live messages, follows the assignment, and counts unread while hidden', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket, { conversation: { id: 'conv_1', status: 'queued', operator: null } });
    socket.fire('conversation:assigned', { conversationId: 'conv_1', operator: { id: 'op_1', name: 'Ana' } });
    expect(chat.state.value.conversation).toEqual({ id: 'conv_1', status: 'assigned', operator: { name: 'Ana' } });

    const later = storedMessage({ cursor: '1800000000000-0', text: 'second' });
    const earlier = storedMessage({ cursor: '1700000000000-0', text: 'first' });
    socket.fire('message:created', later);
    socket.fire('message:created', earlier);
    socket.fire('message:created', later);
    expect(visible(chat.state.value)).toEqual(['operator:first:sent', 'operator:second:sent']);
    expect(chat.state.value.unread).toBe(2);

    chat.setVisible(true);
    expect(chat.state.value.unread).toBe(0);
    socket.fire('message:created', storedMessage({ cursor: '1900000000000-0' }));
    expect(chat.state.value.unread).toBe(0);
  });

  it('counts on from an unread count kept before a reload; history is not counted', () => {
    const { socket, chat } = setup({ unread: 2 });
    expect(chat.state.value.unread).toBe(2);
    socket.connect();
    answerHello(socket, { messages: [storedMessage({ text: 'seen before the reload' })] });
    expect(chat.state.value.unread).toBe(2);
    socket.fire('message:created', storedMessage({ text: 'new' }));
    expect(chat.state.value.unread).toBe(3);
    chat.setVisible(true);
    expect(chat.state.value.unread).toBe(0);
  });

  it('counts the system events that matter as unread, not the bookkeeping, and never shows a note', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    const system = (event: Message['event']) => storedMessage({ kind: 'system', author: { kind: 'system' }, text: '', event });
    const ana = { id: 'op_1', name: 'Ana' };
    socket.fire('message:created', system({ type: 'assigned', operator: ana }));
    expect(chat.state.value.unread).toBe(1);
    socket.fire('message:created', system({ type: 'requeued', reason: 'operator-left' }));
    socket.fire('message:created', system({ type: 'transferred', from: ana, to: null, department: null }));
    socket.fire('message:created', system({ type: 'reopened', operator: null }));
    expect(chat.state.value.unread).toBe(1);
    socket.fire('message:created', system({ type: 'ticket-created', ticket: { number: '#123456', url: null }, requester: 'guest' }));
    socket.fire('message:created', system({ type: 'closed', by: 'operator', operator: ana }));
    expect(chat.state.value.unread).toBe(3);

    socket.fire('message:created', storedMessage({ kind: 'note', text: 'internal: VIP customer' }));
    expect(chat.state.value.unread).toBe(3);
    expect(chat.state.value.messages.map((m) => m.kind)).toEqual(['system', 'system', 'system', 'system', 'system', 'system']);
    expect(chat.state.value.messages[0]?.event).toEqual({ type: 'assigned', operator: ana });
  });

  it('follows status changes: back in the queue, then closed', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket, { conversation: { id: 'conv_1', status: 'assigned', operator: { name: 'Ana' } } });
    socket.fire('conversation:updated', { id: 'conv_1', status: 'queued', operator: null });
    expect(chat.state.value.conversation).toEqual({ id: 'conv_1', status: 'queued', operator: null });
    socket.fire('conversation:updated', { id: 'conv_1', status: 'closed', operator: { name: 'Bo' } });
    expect(chat.state.value.conversation?.status).toBe('closed');
  });

  it('notifies subscribers of its state until they unsubscribe', () => {
    const { socket, chat } = setup();
    const seen: string[] = [];
    const unsubscribe = chat.state.subscribe((s) => seen.push(s.connection));
    socket.connect();
    answerHello(socket);
    unsubscribe();
    socket.drop();
    expect(seen).toEqual(['connecting', 'online']);
  });
});

describe('VisitorChat: the complete widget', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.useRealTimers());
  const conversation = { id: 'conv_1', status: 'assigned', operator: { name: 'Ana' } } as const;

  it('refuses a text past the limit instead of cutting it, and sends one at the limit whole', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    expect(chat.send('x'.repeat(5001))).toBe(false);
    expect(socket.take('message:send')).toEqual([]);
    expect(chat.state.value.messages).toEqual([]);
    expect(chat.send(`  ${'y'.repeat(5000)}  `)).toBe(true);
    expect((socket.take('message:send')[0]?.payload as { text: string }).text).toHaveLength(5000);
  });

  it('sends the ids of uploaded files with the message, and keeps the files in the outbox across a reload', () => {
    const file = { id: 'f_0123456789abcdef', name: 'shot.png', type: 'image/png', size: 10 };
    const first = setup();
    expect(first.chat.send('', [file])).toBe(true);
    expect(first.chat.state.value.messages[0]).toMatchObject({ attachments: [file], status: 'pending' });
    const { socket } = setup();
    socket.connect();
    answerHello(socket);
    expect(socket.take('message:send')[0]?.payload).toEqual({ id: 'local-id-1', text: '', attachments: [file.id] });
  });

  it('says who the visitor is in the hello: the tag’s department over the form’s, the form’s answers, a proved identity', () => {
    localStorage.setItem(`introserv-chat:${SITE}:profile`, JSON.stringify({ name: 'Ana', email: 'ana@example.com', department: 'financial' }));
    const { socket, chat } = setup({ department: 'technical' });
    socket.connect();
    expect(socket.take('hello')[0]?.payload).toMatchObject({ department: 'technical', profile: { name: 'Ana', email: 'ana@example.com' } });
    expect(chat.state.value.profile).toEqual({ name: 'Ana', email: 'ana@example.com', department: 'financial' });

    expect(chat.identify({ userId: '42', hash: 'not-hex' })).toBe(false);
    expect(socket.take('hello')).toEqual([]);
    const hash = 'a'.repeat(64);
    // The hash signs name and e-mail as given: a field that would have to change makes the call malformed.
    expect(chat.identify({ userId: '42', hash, name: 'Ana Kovač', email: 'not an address' })).toBe(false);
    expect(chat.identify({ userId: '42', hash, name: 'x'.repeat(101) })).toBe(false);
    expect(chat.identify({ userId: '4\u00002', hash })).toBe(false);
    expect(socket.take('hello')).toEqual([]);
    expect(chat.identify({ userId: '42', hash, name: ' Ana Kovač ', email: 'ana@example.com' })).toBe(true);
    expect(socket.take('hello')[0]?.payload).toMatchObject({ identity: { userId: '42', hash, name: ' Ana Kovač ', email: 'ana@example.com' } });
    // An empty name is signed as an absent one.
    expect(chat.identify({ userId: '42', hash, name: '', email: 'ana@example.com' })).toBe(true);
    expect(socket.take('hello')[0]?.payload).toMatchObject({ identity: { userId: '42', hash, email: 'ana@example.com' } });
  });

  it('tells the page once when the server refuses the identity, and goes on unverified without trying again', () => {
    const refused = vi.fn();
    const { socket, chat } = setup({ onIdentityRefused: refused });
    chat.identify({ userId: '42', hash: 'b'.repeat(64) });
    socket.connect();
    const [hello] = socket.take('hello');
    hello?.ack({ ok: true, visitorToken: TOKEN, visitorId: 'v_1', conversation: null, messages: [], operatorsOnline: true, identity: 'refused' });
    expect(refused).toHaveBeenCalledWith({ userId: '42', hash: 'b'.repeat(64) });
    expect(chat.state.value.identity).toBe('refused');
    socket.drop();
    socket.connect();
    expect(socket.take('hello')[0]?.payload).not.toHaveProperty('identity');
  });

  it('keeps the pre-chat answers and says hello again with them', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    chat.setProfile({ name: 'Ivo', email: 'ivo@example.com', department: 'technical' });
    expect(socket.take('hello')[0]?.payload).toMatchObject({ profile: { name: 'Ivo', email: 'ivo@example.com' }, department: 'technical' });
    expect(JSON.parse(localStorage.getItem(`introserv-chat:${SITE}:profile`) ?? 'null')).toEqual({ name: 'Ivo', email: 'ivo@example.com', department: 'technical' });
  });

  it('sends the draft at most every 400 ms with its last 500 characters, and says when the visitor stopped', () => {
    vi.useFakeTimers();
    let now = 1_700_000_000_000;
    const { socket, chat } = setup({ now: () => now });
    chat.typing('ignored: no conversation yet');
    socket.connect();
    answerHello(socket, { conversation });
    expect(socket.take('typing:set')).toEqual([]);
    const typed = () => socket.take('typing:set').map((e) => e.payload);

    chat.typing('H');
    expect(typed()).toEqual([{ typing: true, text: 'H' }]);
    for (const draft of ['He', 'Hel', 'Hell']) {
      now += 100;
      chat.typing(draft);
    }
    expect(typed()).toEqual([]);
    now += 100;
    vi.advanceTimersByTime(100);
    expect(typed()).toEqual([{ typing: true, text: 'Hell' }]);

    now += 1000;
    chat.typing('x'.repeat(600));
    expect(typed()).toEqual([{ typing: true, text: 'x'.repeat(500) }]);
    vi.advanceTimersByTime(4_000);
    expect(typed()).toEqual([{ typing: false, text: '' }]);

    now += 1000;
    chat.typing('again');
    chat.send('again');
    expect(typed()).toEqual([{ typing: true, text: 'again' }, { typing: false, text: '' }]);
  });

  it('shows the operator typing until they send, stop, or the indicator fades', () => {
    vi.useFakeTimers();
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket, { conversation });
    socket.fire('typing:updated', { conversationId: 'conv_1', typing: true, name: 'Ana' });
    expect(chat.state.value.operatorTyping).toBe('Ana');
    socket.fire('message:created', storedMessage({ text: 'Let me check.' }));
    expect(chat.state.value.operatorTyping).toBeNull();
    socket.fire('typing:updated', { conversationId: 'conv_1', typing: true, name: 'Ana' });
    vi.advanceTimersByTime(6_000);
    expect(chat.state.value.operatorTyping).toBeNull();
    socket.fire('typing:updated', { conversationId: 'other', typing: true, name: 'Bob' });
    expect(chat.state.value.operatorTyping).toBeNull();
  });

  it('marks the visitor’s messages delivered and read as the operator’s receipts move', () => {
    const { socket, chat } = setup();
    socket.connect();
    const mine = (cursor: string, text: string) => storedMessage({ author: { kind: 'visitor' }, cursor, text });
    const [hello] = socket.take('hello');
    hello?.ack({
      ok: true, visitorToken: TOKEN, visitorId: 'v_1', conversation, operatorsOnline: true, identity: null,
      messages: [mine('1700000000000-1', 'a'), mine('1700000000000-2', 'b'), mine('1700000000000-3', 'c')],
      receipts: { delivered: '1700000000000-2', read: '1700000000000-1' },
    });
    expect(visible(chat.state.value)).toEqual(['visitor:a:read', 'visitor:b:delivered', 'visitor:c:sent']);
    socket.fire('receipt:updated', { conversationId: 'conv_1', delivered: '1700000000000-3', read: '1700000000000-3' });
    expect(visible(chat.state.value)).toEqual(['visitor:a:read', 'visitor:b:read', 'visitor:c:read']);
  });

  it('keeps the place in line while waiting and drops it once an operator takes the chat', () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket, { conversation: { id: 'conv_1', status: 'queued', operator: null } });
    socket.fire('queue:updated', { conversationId: 'conv_1', position: 3, etaSeconds: 240 });
    expect(chat.state.value.queue).toEqual({ conversationId: 'conv_1', position: 3, etaSeconds: 240 });
    socket.fire('conversation:assigned', { conversationId: 'conv_1', operator: { id: 'op_1', name: 'Ana' } });
    expect(chat.state.value.queue).toBeNull();
  });

  it('hands each live incoming message to the page, saying which ones are news', () => {
    const incoming = vi.fn<(m: Message, news: boolean) => void>();
    const { socket } = setup({ onIncoming: incoming });
    socket.connect();
    answerHello(socket, { conversation, messages: [storedMessage({ text: 'history is not news' })] });
    const reply = storedMessage({ text: 'Hello!' });
    const requeued = storedMessage({ kind: 'system', author: { kind: 'system' }, text: '', event: { type: 'requeued', reason: 'operator-left' } });
    socket.fire('message:created', reply);
    socket.fire('message:created', requeued);
    socket.fire('message:created', storedMessage({ author: { kind: 'visitor' }, text: 'mine' }));
    expect(incoming.mock.calls.map(([m, news]) => [m.id, news])).toEqual([
      [reply.id, true],
      [requeued.id, false],
    ]);
  });

  it('ends the chat and rates it, naming the conversation', async () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket, { conversation });
    const closing = chat.close();
    const [close] = socket.take('conversation:close');
    expect(close?.payload).toEqual({ conversationId: 'conv_1' });
    close?.ack({ ok: true, conversation: { id: 'conv_1', status: 'closed', operator: { name: 'Ana' } } });
    expect(await closing).toBe(true);
    expect(chat.state.value.conversation?.status).toBe('closed');

    const rating = chat.rate('conv_1', 'good', '  Quick help  ');
    const [rate] = socket.take('conversation:rate');
    expect(rate?.payload).toEqual({ conversationId: 'conv_1', value: 'good', comment: 'Quick help' });
    rate?.ack({ ok: true });
    expect(await rating).toBe(true);
    expect(chat.state.value.conversation?.rating).toBe('good');
  });
});

describe('VisitorChat: the token for HTTP requests', () => {
  beforeEach(() => localStorage.clear());

  it('hands out the token only once the server has answered the hello', async () => {
    const { socket, chat } = setup();
    let token: string | null = null;
    void chat.whenToken().then((t) => (token = t));
    socket.connect();
    await Promise.resolve();
    expect(token).toBeNull();
    answerHello(socket);
    await Promise.resolve();
    expect(token).toBe(TOKEN);
    await expect(chat.whenToken()).resolves.toBe(TOKEN);
  });
});

describe('VisitorChat: a first message taken at once', () => {
  beforeEach(() => localStorage.clear());

  it('believes the send’s answer about the conversation when the assignment was heard before this socket joined', async () => {
    const { socket, chat } = setup();
    socket.connect();
    answerHello(socket);
    chat.send('Hello');
    const [send] = socket.take('message:send');
    const id = (send?.payload as { id: string }).id;
    send?.ack({ ok: true, message: storedMessage({ id, author: { kind: 'visitor' }, text: 'Hello', conversationId: 'conv_9' }), conversation: { id: 'conv_9', status: 'assigned', operator: { name: 'Ana' } } });
    await answered();
    expect(chat.state.value.conversation).toEqual({ id: 'conv_9', status: 'assigned', operator: { name: 'Ana' } });
  });
});
