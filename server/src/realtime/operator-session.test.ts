import type { ConversationAssigned, Message, VisitorConversation } from '@introserv/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { connected, helloPayload, nextEvent, startTestApp, type OperatorSocket, type TestApp, type TestOperator } from '../testing/test-app.js';

/** What happens to an operator's connections and chats when they log out, go away, expire or are disabled. */
describe('an operator’s session and presence', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  /** An operator online with one chat assigned; the grace period is long, so anything faster was deliberate. */
  async function operatorWithChat(env: Record<string, string> = {}) {
    t = await startTestApp(createMemoryStores(), { OPERATOR_GRACE_MS: '60000', ...env });
    const op = await t.operator({ name: 'Ana' });
    const socket = op.socket();
    await connected(socket);
    await op.online();
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const assigned = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned');
    const sent = await visitor.emitWithAck('message:send', { id: 'session-msg-001', text: 'Hello?' });
    if (!sent.ok) throw new Error('send failed');
    await assigned;
    return { op, socket, visitor, conversationId: sent.message.conversationId };
  }

  const logout = (op: TestOperator) =>
    fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: op.cookie, 'x-csrf-token': op.csrfToken, 'content-type': 'application/json' }, body: '{}' });

  it('ends the session’s open sockets on logout, so a second tab stops receiving and sending', async () => {
    const { op, socket, visitor, conversationId } = await operatorWithChat();
    const secondTab = op.socket();
    await connected(secondTab);
    const ended = Promise.all([socket, secondTab].map((s) => new Promise<string>((resolve) => s.once('disconnect', resolve))));
    expect((await logout(op)).status).toBe(204);
    expect(await ended).toEqual(['io server disconnect', 'io server disconnect']);
    // The old cookie cannot come back.
    const again = op.socket();
    const refused = await new Promise<Error & { data?: { code: string } }>((resolve) => again.once('connect_error', resolve));
    expect(refused.data?.code).toBe('UNAUTHENTICATED');
    // And nothing reaches the old tabs any more.
    const reached: string[] = [];
    secondTab.on('message:created', (m: Message) => reached.push(m.id));
    await visitor.emitWithAck('message:send', { id: 'session-msg-002', text: 'anyone?' });
    expect(reached).toEqual([]);
    expect(conversationId).toMatch(/^c_/);
  });

  it('hands the chats back to the queue at once on logout, without waiting for the grace period', async () => {
    const { op, visitor, conversationId } = await operatorWithChat();
    const requeued = nextEvent<VisitorConversation>(visitor, 'conversation:updated', 3_000, (c) => c.status === 'queued');
    const told = nextEvent<Message>(visitor, 'message:created', 3_000, (m) => m.kind === 'system' && m.event?.type === 'requeued');
    await logout(op);
    expect(await requeued).toMatchObject({ id: conversationId, status: 'queued', operator: null });
    expect((await told).event).toEqual({ type: 'requeued', reason: 'operator-left' });
  });

  it('keeps the chats of an operator whose connection dropped, for the grace period', async () => {
    const { socket, conversationId } = await operatorWithChat();
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    // A network drop, not a goodbye: the transport just closes.
    socket.io.engine.close();
    await gone;
    await expect.poll(async () => (await t.stores.presence.isAvailable((await t.stores.conversations.get(conversationId))!.operator!.id))).toBe(false);
    expect((await t.stores.conversations.get(conversationId))?.status).toBe('assigned');
  });

  it('gives no new chats to an operator who is away, keeps theirs, and hands them back when they go offline', async () => {
    const { socket, visitor, conversationId } = await operatorWithChat();
    expect(await socket.emitWithAck('presence:set', { status: 'away' })).toEqual({ ok: true, status: 'away' });
    const other = t.visitor();
    await other.emitWithAck('hello', helloPayload());
    const waiting = await other.emitWithAck('message:send', { id: 'away-msg-00001', text: 'Hi' });
    expect(waiting.ok && (await t.stores.conversations.get(waiting.message.conversationId))?.status).toBe('queued');
    expect((await t.stores.conversations.get(conversationId))?.status).toBe('assigned');

    const requeued = nextEvent<VisitorConversation>(visitor, 'conversation:updated', 3_000, (c) => c.status === 'queued');
    expect(await socket.emitWithAck('presence:set', { status: 'offline' })).toEqual({ ok: true, status: 'offline' });
    expect((await requeued).id).toBe(conversationId);

    // Back online: both waiting chats come to them.
    const back = nextEvent<ConversationAssigned>(socket, 'conversation:assigned', 3_000, (a) => a.conversationId === conversationId);
    await socket.emitWithAck('presence:set', { status: 'online' });
    await back;
    await expect.poll(async () => (await t.stores.conversations.ofOperator((await t.stores.conversations.get(conversationId))!.operator!.id)).length).toBe(2);
  });

  it('tells every tab of the operator their status: on connect, and when one tab changes it', async () => {
    t = await startTestApp(createMemoryStores());
    const op = await t.operator();
    const first = op.socket();
    const told = nextEvent<{ status: string }>(first, 'presence:updated');
    await connected(first);
    expect(await told).toEqual({ status: 'online' });
    const second = op.socket();
    await nextEvent(second, 'presence:updated');
    const heard = nextEvent<{ status: string }>(second, 'presence:updated');
    await first.emitWithAck('presence:set', { status: 'away' });
    expect(await heard).toEqual({ status: 'away' });
    const me = (await (await fetch(`${t.url}/api/auth/me`, { headers: { cookie: op.cookie } })).json()) as { status: string };
    expect(me.status).toBe('away');
  });

  it('stops a disabled operator at their next command and hands their chats back', async () => {
    const { op, socket, visitor } = await operatorWithChat();
    await t.stores.operators.save({ ...op.record, disabled: true });
    // Another process disabled them: this one learns it when its brief cache of the record runs out.
    await new Promise((r) => setTimeout(r, t.config.operatorCacheMs + 50));
    const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const requeued = nextEvent<VisitorConversation>(visitor, 'conversation:updated', 3_000, (c) => c.status === 'queued');
    const refused = await socket.emitWithAck('presence:set', { status: 'online' });
    expect(!refused.ok && refused.error.code).toBe('UNAUTHENTICATED');
    expect(await ended).toBe('io server disconnect');
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: op.cookie } })).status).toBe(401);
    expect((await requeued).operator).toBeNull();
  });

  it('ends the sockets of a session when it expires', async () => {
    // 0.0005 h = 1.8 s.
    t = await startTestApp(createMemoryStores(), { SESSION_TTL_HOURS: '0.0005' });
    const op = await t.operator();
    const socket: OperatorSocket = op.socket();
    await connected(socket);
    const started = Date.now();
    expect(await new Promise<string>((resolve) => socket.once('disconnect', resolve))).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives an operator without a capacity of their own OPERATOR_CAPACITY chats at once', async () => {
    t = await startTestApp(createMemoryStores(), { OPERATOR_CAPACITY: '1' });
    const op = await t.operator({ capacity: null });
    const socket = op.socket();
    await connected(socket);
    await op.online();
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const v = t.visitor();
      await v.emitWithAck('hello', helloPayload());
      const sent = await v.emitWithAck('message:send', { id: `cap-msg-0000${n}`, text: 'Hi' });
      if (sent.ok) ids.push(sent.message.conversationId);
    }
    const statuses = await Promise.all(ids.map(async (id) => (await t.stores.conversations.get(id))?.status));
    expect(statuses).toEqual(['assigned', 'queued']);
  });
});
