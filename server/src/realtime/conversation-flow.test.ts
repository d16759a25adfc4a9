import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationAssigned, Message } from '@introserv/shared';
import { storeBackends } from '../testing/store-backends.js';
import { connected, helloPayload, nextEvent, startTestApp, type TestApp } from '../testing/test-app.js';

const backends = storeBackends('flow');

describe.each(backends)('a conversation end to end (%s)', (_name, makeStores) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
    await t.stores.close();
  });

  it('routes a visitor to an operator and carries messages both ways', async () => {
    t = await startTestApp(makeStores());
    const op = await t.operator({ name: 'Ana' });
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();

    const visitor = t.visitor();
    const hello = await visitor.emitWithAck('hello', helloPayload());
    expect(hello).toMatchObject({ ok: true, conversation: null, messages: [] });
    if (!hello.ok) throw new Error('hello failed');
    expect(hello.visitorToken).toMatch(/^[\w-]{43}$/);

    const assignedToOp = nextEvent<ConversationAssigned>(opSocket, 'conversation:assigned');
    const assignedToVisitor = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned');
    const opGetsMessage = nextEvent<Message>(opSocket, 'message:created', 5_000, (m) => m.id === 'visitor-msg-0001');
    const sent = await visitor.emitWithAck('message:send', { id: 'visitor-msg-0001', text: '  My server is down  ' });
    expect(sent).toMatchObject({ ok: true, message: { id: 'visitor-msg-0001', text: 'My server is down', author: { kind: 'visitor' } } });

    const assignment = await assignedToOp;
    expect(assignment.operator).toEqual({ id: op.id, name: 'Ana' });
    expect((await assignedToVisitor).operator.name).toBe('Ana');
    expect((await opGetsMessage).text).toBe('My server is down');

    const visitorGetsReply = nextEvent<Message>(visitor, 'message:created', 5_000, (m) => m.author.kind === 'operator');
    const reply = await opSocket.emitWithAck('message:send', { conversationId: assignment.conversationId, id: 'operator-msg-0001', text: 'Looking at it now.' });
    expect(reply.ok).toBe(true);
    expect(await visitorGetsReply).toMatchObject({ text: 'Looking at it now.', author: { kind: 'operator', id: op.id, name: 'Ana' } });

    // A reload: same token, history comes back; with a cursor, only what came after it.
    visitor.disconnect();
    const again = t.visitor();
    const resumed = await again.emitWithAck('hello', helloPayload({ visitorToken: hello.visitorToken }));
    if (!resumed.ok) throw new Error('resume failed');
    expect(resumed.visitorId).toBe(hello.visitorId);
    expect(resumed.visitorToken).toBe(hello.visitorToken);
    expect(resumed.conversation).toEqual({ id: assignment.conversationId, status: 'assigned', operator: { name: 'Ana' } });
    // Routing assigned it before the first message was stored, and both transcripts say so.
    expect(resumed.messages.map((m) => (m.kind === 'system' ? `event:${m.event?.type}` : m.id))).toEqual(['event:assigned', 'visitor-msg-0001', 'operator-msg-0001']);
    const since = await again.emitWithAck('hello', helloPayload({ visitorToken: hello.visitorToken, since: resumed.messages[1]!.cursor }));
    expect(since.ok && since.messages.map((m) => m.id)).toEqual(['operator-msg-0001']);

    // A resend after a reconnect is stored once and acked with the original.
    const resend = await again.emitWithAck('message:send', { id: 'visitor-msg-0001', text: 'My server is down' });
    expect(resend.ok && resend.message).toEqual(sent.ok && sent.message);
    const history = await opSocket.emitWithAck('conversation:watch', { conversationId: assignment.conversationId });
    expect(history.ok && history.messages.map((m) => (m.kind === 'system' ? `event:${m.event?.type}` : m.kind))).toEqual(['event:queued', 'event:assigned', 'text', 'text']);
  });

  it('keeps a conversation waiting while no operator is online, then assigns it on login', async () => {
    t = await startTestApp(makeStores());
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const sent = await visitor.emitWithAck('message:send', { id: 'wait-msg-00001', text: 'Anyone there?' });
    expect(sent.ok).toBe(true);
    const queued = await t.stores.conversations.list({ status: 'queued', limit: 10 });
    expect(queued).toHaveLength(1);

    const assigned = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned');
    const op = await t.operator();
    const opSocket = op.socket();
    expect((await assigned).operator.id).toBe(op.id);
    // The operator joined the conversation's room on assignment: new visitor messages reach them.
    const got = nextEvent<Message>(opSocket, 'message:created', 5_000, (m) => m.id === 'wait-msg-00002');
    await visitor.emitWithAck('message:send', { id: 'wait-msg-00002', text: 'Hello?' });
    expect((await got).text).toBe('Hello?');
  });

  it('gives a departed operator’s chats to a colleague after the grace period', async () => {
    t = await startTestApp(makeStores());
    const ana = await t.operator({ name: 'Ana' });
    const anaSocket = ana.socket();
    await connected(anaSocket);
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const firstAssignment = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned');
    await visitor.emitWithAck('message:send', { id: 'grace-msg-0001', text: 'Help' });
    expect((await firstAssignment).operator.name).toBe('Ana');

    const bo = await t.operator({ name: 'Bo', capacity: 1 });
    const boSocket = bo.socket();
    await connected(boSocket);
    const reassigned = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned');
    anaSocket.disconnect();
    expect((await reassigned).operator.name).toBe('Bo');
  });

  it('lets only one operator accept a waiting conversation', async () => {
    t = await startTestApp(makeStores());
    const a = await t.operator({ capacity: 0 });
    const b = await t.operator({ capacity: 0 });
    const [sa, sb] = [a.socket(), b.socket()];
    await Promise.all([connected(sa), connected(sb)]);
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const sent = await visitor.emitWithAck('message:send', { id: 'accept-msg-001', text: 'Hi' });
    if (!sent.ok) throw new Error('send failed');
    const conversationId = sent.message.conversationId;
    const [ra, rb] = await Promise.all([sa.emitWithAck('conversation:accept', { conversationId }), sb.emitWithAck('conversation:accept', { conversationId })]);
    expect([ra.ok, rb.ok].sort()).toEqual([false, true]);
    const loser = ra.ok ? rb : ra;
    expect(!loser.ok && loser.error.code).toBe('CONVERSATION_TAKEN');

    const winner = ra.ok ? sa : sb;
    const updated = nextEvent<{ id: string; status: string }>(visitor, 'conversation:updated', 5_000, (c) => c.status === 'closed');
    const closed = await winner.emitWithAck('conversation:close', { conversationId });
    expect(closed.ok && closed.conversation.status).toBe('closed');
    expect((await updated).status).toBe('closed');
    // The visitor's next message opens a new conversation.
    const next = await visitor.emitWithAck('message:send', { id: 'accept-msg-002', text: 'One more thing' });
    expect(next.ok && next.message.conversationId).not.toBe(conversationId);
  });
});
