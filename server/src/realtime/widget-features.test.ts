import type { Conversation, OperatorTypingUpdated, QueueUpdated, ReceiptsUpdated, VisitorTypingUpdated } from '@introserv/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { connected, helloPayload, nextEvent, startTestApp, type TestApp, type VisitorSocket } from '../testing/test-app.js';

/** A visitor who said hello and wrote their first message; resolves with the conversation id. */
async function visitorWrites(t: TestApp, text = 'My server is down'): Promise<{ visitor: VisitorSocket; conversationId: string; token: string; places: QueueUpdated[] }> {
  const visitor = t.visitor();
  const places: QueueUpdated[] = [];
  visitor.on('queue:updated', (u) => places.push(u));
  const hello = await visitor.emitWithAck('hello', helloPayload());
  if (!hello.ok) throw new Error('hello refused');
  const sent = await visitor.emitWithAck('message:send', { id: `m-${Math.random().toString(36).slice(2, 12)}`, text });
  if (!sent.ok) throw new Error(`send refused: ${sent.error.code}`);
  return { visitor, conversationId: sent.message.conversationId, token: hello.visitorToken, places };
}

describe('what the complete widget needs from the server', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('answers a first send with how the conversation stands: taken at once when an operator is free', async () => {
    t = await startTestApp(createMemoryStores());
    const op = await t.operator({ name: 'Ana' });
    await connected(op.socket());
    await op.online();
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const sent = await visitor.emitWithAck('message:send', { id: 'first-msg-0001', text: 'Hi' });
    expect(sent.ok && sent.conversation).toEqual({ id: sent.ok ? sent.message.conversationId : '', status: 'assigned', operator: { name: 'Ana' } });
  });

  it('relays typing both ways, with the visitor’s draft for the operator, and stores none of it', async () => {
    t = await startTestApp(createMemoryStores());
    const op = await t.operator({ name: 'Ana' });
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const { visitor, conversationId } = await visitorWrites(t);
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.status).toBe('assigned');

    const preview = nextEvent<VisitorTypingUpdated>(opSocket, 'typing:updated');
    expect(await visitor.emitWithAck('typing:set', { typing: true, text: 'It says kernel pan' })).toEqual({ ok: true });
    expect(await preview).toEqual({ conversationId, typing: true, text: 'It says kernel pan' });

    const opTyping = nextEvent<OperatorTypingUpdated>(visitor, 'typing:updated');
    expect(await opSocket.emitWithAck('typing:set', { conversationId, typing: true })).toEqual({ ok: true });
    expect(await opTyping).toEqual({ conversationId, typing: true, name: 'Ana' });

    // A stop carries no draft; and nothing typed ever became a message.
    const stopped = nextEvent<VisitorTypingUpdated>(opSocket, 'typing:updated');
    await visitor.emitWithAck('typing:set', { typing: false, text: 'ignored' });
    expect(await stopped).toEqual({ conversationId, typing: false, text: '' });
    const stored = await t.stores.conversations.messagesAfter(conversationId, undefined, 50);
    // The events (queued, assigned) and the one message sent: no draft.
    expect(stored.filter((m) => m.kind !== 'system').map((m) => m.kind)).toEqual(['text']);
    expect(stored.map((m) => m.text)).not.toContain('It says kernel pan');
  });

  it('refuses typing drafts past the preview limit, and an operator typing in a colleague’s chat', async () => {
    t = await startTestApp(createMemoryStores());
    const ana = await t.operator({ name: 'Ana' });
    const anaSocket = ana.socket();
    await connected(anaSocket);
    await ana.online();
    const { visitor, conversationId } = await visitorWrites(t);
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.operator?.id).toBe(ana.id);
    const tooLong = await visitor.emitWithAck('typing:set', { typing: true, text: 'x'.repeat(501) });
    expect(!tooLong.ok && tooLong.error.code).toBe('INVALID_PAYLOAD');

    const ivo = await t.operator({ name: 'Ivo' });
    const ivoSocket = ivo.socket();
    await connected(ivoSocket);
    const refused = await ivoSocket.emitWithAck('typing:set', { conversationId, typing: true });
    expect(!refused.ok && refused.error.code).toBe('CONVERSATION_TAKEN');
  });

  it('tells the visitor when their messages reach the operator and when they are read, forward only', async () => {
    t = await startTestApp(createMemoryStores());
    const op = await t.operator();
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const { visitor, conversationId, token } = await visitorWrites(t);
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.status).toBe('assigned');
    const [, mine] = await t.stores.conversations.messagesAfter(conversationId, undefined, 10);

    const delivered = nextEvent<ReceiptsUpdated>(visitor, 'receipt:updated');
    await opSocket.emitWithAck('conversation:receipt', { conversationId, delivered: mine!.cursor });
    expect(await delivered).toEqual({ conversationId, delivered: mine!.cursor, read: null });
    const read = nextEvent<ReceiptsUpdated>(visitor, 'receipt:updated');
    await opSocket.emitWithAck('conversation:receipt', { conversationId, read: mine!.cursor });
    expect(await read).toEqual({ conversationId, delivered: mine!.cursor, read: mine!.cursor });

    // A returning visitor gets them with the hello.
    const back = t.visitor();
    const hello = await back.emitWithAck('hello', helloPayload({ visitorToken: token }));
    expect(hello.ok && hello.receipts).toEqual({ delivered: mine!.cursor, read: mine!.cursor });
  });

  it('lets the visitor end the chat and rate it; operators see the rating at once', async () => {
    t = await startTestApp(createMemoryStores());
    const op = await t.operator();
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const { visitor, conversationId } = await visitorWrites(t);

    const other = t.visitor();
    await other.emitWithAck('hello', helloPayload());
    const foreign = await other.emitWithAck('conversation:close', { conversationId });
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND');

    const closed = await visitor.emitWithAck('conversation:close', { conversationId });
    expect(closed).toMatchObject({ ok: true, conversation: { id: conversationId, status: 'closed' } });
    const history = await t.stores.conversations.messagesAfter(conversationId, undefined, 10);
    expect(history.at(-1)?.event).toEqual({ type: 'closed', by: 'visitor', operator: null });

    const seen = nextEvent<Conversation>(opSocket, 'conversation:updated', 5_000, (c) => c.id === conversationId && c.rating != null);
    expect(await visitor.emitWithAck('conversation:rate', { conversationId, value: 'good', comment: '  Fast and friendly  ' })).toEqual({ ok: true });
    expect((await seen).rating).toMatchObject({ value: 'good', comment: 'Fast and friendly' });
    const stranger = await other.emitWithAck('conversation:rate', { conversationId, value: 'bad' });
    expect(!stranger.ok && stranger.error.code).toBe('NOT_FOUND');
    expect((await t.stores.conversations.get(conversationId))?.rating?.value).toBe('good');
  });

  it('tells waiting visitors their place in line as the queue moves, and a returning one at once', async () => {
    t = await startTestApp(createMemoryStores());
    const a = await visitorWrites(t, 'first');
    const b = await visitorWrites(t, 'second');
    await expect.poll(() => a.places.at(-1)).toEqual({ conversationId: a.conversationId, position: 1, etaSeconds: null });
    await expect.poll(() => b.places.at(-1)).toEqual({ conversationId: b.conversationId, position: 2, etaSeconds: null });

    // An operator with room for one takes the first: the second moves up.
    const op = await t.operator({ capacity: 1 });
    await connected(op.socket());
    await expect.poll(async () => (await t.stores.conversations.get(a.conversationId))?.status).toBe('assigned');
    await expect.poll(() => b.places.at(-1)?.position).toBe(1);
    expect(a.places.every((p) => p.conversationId === a.conversationId)).toBe(true);

    // A visitor who reloads while waiting hears their place right after the hello.
    const back = t.visitor();
    const place = nextEvent<QueueUpdated>(back, 'queue:updated');
    const hello = await back.emitWithAck('hello', helloPayload({ visitorToken: b.token }));
    expect(hello.ok && hello.conversation?.status).toBe('queued');
    expect(await place).toMatchObject({ conversationId: b.conversationId, position: 1 });
  });
});
