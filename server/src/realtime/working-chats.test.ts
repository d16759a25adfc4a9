import type { ConversationAssigned, Message, VisitorConversation } from '@introserv/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { connected, helloPayload, nextEvent, startTestApp, type OperatorSocket, type TestApp, type TestOperator, type VisitorSocket } from '../testing/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads arbitrary JSON bodies and asserts on them
const json = (res: Response): Promise<any> => res.json();

/** An operator working many chats: notes, transfers, reopening, canned responses, the history and the dashboard. */
describe('working chats', () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function online(opts: Parameters<TestApp['operator']>[0] = {}): Promise<{ op: TestOperator; socket: OperatorSocket }> {
    const op = await t.operator(opts);
    const socket = op.socket();
    await connected(socket);
    await op.online();
    return { op, socket };
  }

  async function visitorWith(text: string, over: Record<string, unknown> = {}): Promise<{ visitor: VisitorSocket; conversationId: string; token: string }> {
    const visitor = t.visitor();
    const hello = await visitor.emitWithAck('hello', helloPayload(over));
    if (!hello.ok) throw new Error('hello failed');
    const sent = await visitor.emitWithAck('message:send', { id: `v-${Math.random().toString(36).slice(2, 12)}`, text });
    if (!sent.ok) throw new Error('send failed');
    return { visitor, conversationId: sent.message.conversationId, token: hello.visitorToken };
  }

  const get = (who: TestOperator, path: string) => fetch(`${t.url}${path}`, { headers: { cookie: who.cookie } });
  const send = (who: TestOperator, method: string, path: string, body?: unknown) =>
    fetch(`${t.url}${path}`, { method, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('keeps internal notes from the visitor: not live, not in their history, not in the transcript', async () => {
    t = await startTestApp(createMemoryStores());
    const { op, socket } = await online({ name: 'Ana' });
    const { visitor, conversationId, token } = await visitorWith('My server is down');
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.operator?.id).toBe(op.id);
    const reached: Message[] = [];
    visitor.on('message:created', (m) => reached.push(m));
    const opGetsNote = nextEvent<Message>(socket, 'message:created', 5_000, (m) => m.kind === 'note');
    const note = await socket.emitWithAck('note:send', { conversationId, id: 'note-msg-00001', text: 'Customer owes an invoice; check billing first' });
    expect(note).toMatchObject({ ok: true, message: { kind: 'note', author: { kind: 'operator', id: op.id, name: 'Ana' } } });
    expect((await opGetsNote).id).toBe('note-msg-00001');
    // A reply after the note: the visitor gets the reply, never the note.
    const replied = nextEvent<Message>(visitor, 'message:created', 5_000, (m) => m.author.kind === 'operator');
    await socket.emitWithAck('message:send', { conversationId, id: 'reply-msg-0001', text: 'Looking at it' });
    await replied;
    expect(reached.map((m) => m.kind)).not.toContain('note');
    const back = t.visitor();
    const history = await back.emitWithAck('hello', helloPayload({ visitorToken: token }));
    expect(history.ok && history.messages.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual(['My server is down', 'Looking at it']);
    expect(history.ok && history.messages.some((m) => m.kind === 'note' || m.event?.type === 'queued')).toBe(false);
    const transcript = await (await get(op, `/api/history/${conversationId}/transcript?format=text`)).text();
    expect(transcript).toContain('Looking at it');
    expect(transcript).not.toContain('billing');
    const html = await get(op, `/api/history/${conversationId}/transcript?format=html&lang=de`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).not.toContain('billing');
    // The operators' own view keeps it.
    const watched = await socket.emitWithAck('conversation:watch', { conversationId });
    expect(watched.ok && watched.messages.filter((m) => m.kind === 'note').map((m) => m.text)).toEqual(['Customer owes an invoice; check billing first']);
  });

  it('transfers to a colleague with a note: the visitor sees who, the colleague joins, the sender leaves the room', async () => {
    t = await startTestApp(createMemoryStores());
    const ana = await online({ name: 'Ana' });
    const { visitor, conversationId } = await visitorWith('I need a refund');
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.operator?.id).toBe(ana.op.id);
    const bo = await online({ name: 'Bo', capacity: 0 });

    const visitorSees = nextEvent<Message>(visitor, 'message:created', 5_000, (m) => m.event?.type === 'transferred');
    const boAssigned = nextEvent<ConversationAssigned>(bo.socket, 'conversation:assigned', 5_000, (a) => a.conversationId === conversationId);
    const boGetsNote = nextEvent<Message>(bo.socket, 'message:created', 5_000, (m) => m.kind === 'note');
    const res = await ana.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'operator', operatorId: bo.op.id }, note: 'Wants a refund for order #123456' });
    expect(res).toMatchObject({ ok: true, conversation: { status: 'assigned', operator: { id: bo.op.id, name: 'Bo' } } });
    expect((await visitorSees).event).toEqual({ type: 'transferred', from: { id: ana.op.id, name: 'Ana' }, to: { id: bo.op.id, name: 'Bo' }, department: null });
    expect((await boAssigned).operator.name).toBe('Bo');
    expect((await boGetsNote).text).toBe('Wants a refund for order #123456');

    // Ana's sockets left the room: the visitor's next message reaches Bo, not Ana.
    const anaHeard: string[] = [];
    ana.socket.on('message:created', (m) => anaHeard.push(m.text));
    const boHears = nextEvent<Message>(bo.socket, 'message:created', 5_000, (m) => m.text === 'Thanks');
    await visitor.emitWithAck('message:send', { id: 'after-transfer-1', text: 'Thanks' });
    await boHears;
    expect(anaHeard).not.toContain('Thanks');
    // Ana cannot write there any more, nor move it again.
    const late = await ana.socket.emitWithAck('message:send', { conversationId, id: 'late-msg-00001', text: 'still here?' });
    expect(!late.ok && late.error.code).toBe('CONVERSATION_TAKEN');
    // Nobody available: refused, nothing moves.
    const away = await ana.socket.emitWithAck('presence:set', { status: 'away' });
    expect(away.ok).toBe(true);
    const refused = await bo.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'operator', operatorId: ana.op.id } });
    expect(!refused.ok && refused.error.code).toBe('OPERATOR_UNAVAILABLE');
    const bad = await bo.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'team', id: 'x' } } as never);
    expect(!bad.ok && bad.error.code).toBe('INVALID_PAYLOAD');
    const noDept = await bo.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'department', department: 'sales' } });
    expect(!noDept.ok && noDept.error.code).toBe('NOT_FOUND');
  });

  it('transfers to a department: the chat waits there and goes to an operator of that department', async () => {
    t = await startTestApp(createMemoryStores());
    const ana = await online({ name: 'Ana', departments: ['general'] });
    const { visitor, conversationId } = await visitorWith('Question about my invoice');
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.operator?.id).toBe(ana.op.id);
    const fin = await online({ name: 'Fin', departments: ['financial'] });
    const reassigned = nextEvent<VisitorConversation>(visitor, 'conversation:updated', 5_000, (c) => c.operator?.name === 'Fin');
    const res = await ana.socket.emitWithAck('conversation:transfer', { conversationId, to: { type: 'department', department: 'financial' } });
    expect(res.ok).toBe(true);
    await reassigned;
    const history = await fin.socket.emitWithAck('conversation:watch', { conversationId });
    expect(history.ok && history.messages.filter((m) => m.kind === 'system').map((m) => m.event?.type)).toEqual(['queued', 'assigned', 'transferred', 'assigned']);
    expect((await t.stores.conversations.get(conversationId))?.department).toBe('financial');
  });

  it('reopens a closed chat for the operator, the visitor writes into it again, and not after they started a new one', async () => {
    t = await startTestApp(createMemoryStores());
    const ana = await online({ name: 'Ana' });
    const { visitor, conversationId } = await visitorWith('Hi');
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.status).toBe('assigned');
    await ana.socket.emitWithAck('conversation:close', { conversationId });
    const told = nextEvent<Message>(visitor, 'message:created', 5_000, (m) => m.event?.type === 'reopened');
    const reopened = await ana.socket.emitWithAck('conversation:reopen', { conversationId });
    expect(reopened).toMatchObject({ ok: true, conversation: { status: 'assigned', operator: { id: ana.op.id } } });
    expect((await told).event).toEqual({ type: 'reopened', operator: { id: ana.op.id, name: 'Ana' } });
    const again = await visitor.emitWithAck('message:send', { id: 'after-reopen-01', text: 'One more question' });
    expect(again.ok && again.message.conversationId).toBe(conversationId);
    await ana.socket.emitWithAck('conversation:close', { conversationId });
    const fresh = await visitor.emitWithAck('message:send', { id: 'new-chat-00001', text: 'New topic' });
    expect(fresh.ok && fresh.message.conversationId).not.toBe(conversationId);
    const superseded = await ana.socket.emitWithAck('conversation:reopen', { conversationId });
    expect(!superseded.ok && superseded.error.code).toBe('CONVERSATION_SUPERSEDED');
  });

  it('manages canned responses: admins write, everyone reads, shortcuts unique per language', async () => {
    t = await startTestApp(createMemoryStores());
    const admin = await t.operator({ role: 'admin' });
    const op = await t.operator();
    const body = { shortcut: 'Reboot', language: 'en', title: 'Reboot in the Client Area', text: 'You can reboot your server in the Client Area.' };
    const created = await send(admin, 'POST', '/api/canned', body);
    expect(created.status).toBe(201);
    const { response } = await json(created);
    expect(response).toMatchObject({ shortcut: 'reboot', language: 'en' });
    expect((await send(admin, 'POST', '/api/canned', body)).status).toBe(409);
    expect((await send(admin, 'POST', '/api/canned', { ...body, language: 'de', text: 'Neustart im Kundenbereich.' })).status).toBe(201);
    expect((await send(op, 'POST', '/api/canned', { ...body, shortcut: 'x' })).status).toBe(403);
    expect((await send(admin, 'POST', '/api/canned', { ...body, shortcut: 'two words', language: 'xx' })).status).toBe(400);
    const list = await json(await get(op, '/api/canned'));
    expect(list.responses.map((r: { language: string; shortcut: string }) => `${r.language}/${r.shortcut}`)).toEqual(['de/reboot', 'en/reboot']);
    expect((await send(admin, 'PUT', `/api/canned/${response.id}`, { ...body, text: 'Changed' })).status).toBe(200);
    expect((await send(op, 'DELETE', `/api/canned/${response.id}`)).status).toBe(403);
    expect((await send(admin, 'DELETE', `/api/canned/${response.id}`)).status).toBe(204);
    expect((await send(admin, 'DELETE', `/api/canned/${response.id}`)).status).toBe(404);
  });

  it('finds closed conversations by visitor name, e-mail, message text and dates; shows the visitor panel; counts the dashboard', async () => {
    t = await startTestApp(createMemoryStores());
    const ana = await online({ name: 'Ana', role: 'admin' });
    const first = await visitorWith('Mein Server antwortet nicht', { language: 'de', profile: { name: 'Željko Horvat', email: 'zeljko@example.hr' } });
    await expect.poll(async () => (await t.stores.conversations.get(first.conversationId))?.status).toBe('assigned');
    await ana.socket.emitWithAck('message:send', { conversationId: first.conversationId, id: 'answer-msg-0001', text: 'Welche IP-Adresse?' });
    await ana.socket.emitWithAck('note:send', { conversationId: first.conversationId, id: 'note-msg-00002', text: 'rack B7 power' });
    await ana.socket.emitWithAck('conversation:close', { conversationId: first.conversationId });
    const second = await visitorWith('Invoice question', { profile: { name: 'Mira' } });
    await expect.poll(async () => (await t.stores.conversations.get(second.conversationId))?.status).toBe('assigned');
    await ana.socket.emitWithAck('conversation:close', { conversationId: second.conversationId });
    const open = await visitorWith('Server down too');

    const search = async (query: string) => ((await json(await get(ana.op, `/api/history?${query}`))).conversations as { id: string }[]).map((c) => c.id);
    await expect.poll(() => search('q=zeljko')).toEqual([first.conversationId]);
    expect(await search('q=Zel')).toEqual([first.conversationId]);
    expect(await search('q=example.hr')).toEqual([first.conversationId]);
    expect(await search('q=server%20antwortet')).toEqual([first.conversationId]);
    expect(await search('q=rack')).toEqual([first.conversationId]);
    expect(await search('q=server')).toEqual([first.conversationId]); // the open one is not history
    expect(await search('')).toEqual([second.conversationId, first.conversationId]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await search(`from=${today}&to=${today}&q=invoice`)).toEqual([second.conversationId]);
    expect(await search('from=2020-01-01&to=2020-01-02')).toEqual([]);
    expect((await get(ana.op, '/api/history?from=yesterday')).status).toBe(400);
    // Reopened, it is not history any more; closed again, it is back.
    await ana.socket.emitWithAck('conversation:reopen', { conversationId: first.conversationId });
    expect(await search('q=zeljko')).toEqual([]);
    expect(await search('')).toEqual([second.conversationId]);
    await ana.socket.emitWithAck('conversation:close', { conversationId: first.conversationId });
    await expect.poll(() => search('q=zeljko')).toEqual([first.conversationId]);

    const panel = await json(await get(ana.op, `/api/visitors/${(await t.stores.conversations.get(first.conversationId))!.visitor.id}`));
    expect(panel.visitor).toMatchObject({ name: 'Željko Horvat', email: 'zeljko@example.hr', verified: false });
    expect(panel.pages[0]).toMatchObject({ url: 'https://introserv.com/dedicated', title: 'Dedicated servers' });
    expect(panel.conversations.map((c: { id: string }) => c.id)).toEqual([first.conversationId]);
    expect((await get(ana.op, '/api/visitors/v_nobody')).status).toBe(404);

    const dash = await json(await get(ana.op, '/api/stats?days=7'));
    expect(dash.now).toEqual({ waiting: 0, active: 1, operatorsOnline: 1 });
    expect(dash.perDay).toHaveLength(7);
    expect(dash.perDay.at(-1)).toMatchObject({ day: today, chats: 3, byDepartment: { general: 3 } });
    expect(dash.wait.count).toBe(3);
    expect(dash.firstResponse.count).toBe(1);
    expect(dash.firstResponse.averageMs).toBeGreaterThanOrEqual(0);
    expect((await get(ana.op, '/api/stats?days=9')).status).toBe(400);
    const operator = await t.operator();
    expect((await get(operator, '/api/stats')).status).toBe(403);
    expect(open.conversationId).toMatch(/^c_/);
  });
});
