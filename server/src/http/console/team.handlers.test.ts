import type { ConversationAssigned, Message, VisitorConversation } from '@introserv/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../stores.js';
import { io } from 'socket.io-client';
import { connected, helloPayload, login, nextEvent, startTestApp, type OperatorSocket, type TestApp, type TestOperator } from '../../testing/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads arbitrary JSON bodies and asserts on them
const json = (res: Response): Promise<any> => res.json();

function client(t: TestApp, who: TestOperator) {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${t.url}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body), patch: (path: string, body: unknown) => call('PATCH', path, body), put: (path: string, body: unknown) => call('PUT', path, body), del: (path: string) => call('DELETE', path) };
}

describe('/api/operators: admins manage the team', () => {
  let t: TestApp;
  let admin: TestOperator;
  let operator: TestOperator;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores());
    admin = await t.operator({ name: 'Ana', role: 'admin' });
    operator = await t.operator({ name: 'Bo' });
  });
  afterAll(() => t.close());

  it('creates an operator who can then log in, with departments, languages, capacity and auto-assignment', async () => {
    const res = await client(t, admin).post('/api/operators', {
      name: 'Cleo',
      email: ' Cleo@Introserv.com ',
      password: 'cleo-password-1',
      departments: ['technical'],
      languages: ['hr', 'en'],
      capacity: 4,
      autoAssign: false,
    });
    expect(res.status).toBe(201);
    const { operator: cleo } = await json(res);
    expect(cleo).toMatchObject({ name: 'Cleo', email: 'cleo@introserv.com', role: 'operator', departments: ['technical'], languages: ['hr', 'en'], capacity: 4, autoAssign: false, disabled: false });
    expect(JSON.stringify(cleo)).not.toContain('password');
    const session = await login(t.url, 'cleo@introserv.com', 'cleo-password-1');
    const me = await json(await fetch(`${t.url}/api/auth/me`, { headers: { cookie: session.cookie } }));
    expect(me.operator).toMatchObject({ id: cleo.id, departments: ['technical'], autoAssign: false });
    const list = await json(await client(t, admin).get('/api/operators'));
    expect(list.operators.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['Ana', 'Bo', 'Cleo']));
    expect(list.operators.find((o: { id: string }) => o.id === cleo.id)).toMatchObject({ status: 'online', online: false, load: 0 });
  });

  it('refuses operators (403), a missing CSRF token (403), bad input (400 with fields), an unknown department and a taken e-mail (409)', async () => {
    expect((await client(t, operator).get('/api/operators')).status).toBe(403);
    expect((await client(t, operator).post('/api/operators', { name: 'X', email: 'x@introserv.com', password: 'password-x' })).status).toBe(403);
    const noCsrf = await fetch(`${t.url}/api/operators`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect((await json(noCsrf)).error.code).toBe('CSRF_FAILED');
    const bad = await client(t, admin).post('/api/operators', { name: '', email: 'not-mail', password: 'short', languages: ['pl'], capacity: -1 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['capacity', 'email', 'languages.0', 'name', 'password']);
    const dept = await client(t, admin).post('/api/operators', { name: 'D', email: 'd@introserv.com', password: 'password-d', departments: ['sales'] });
    expect(dept.status).toBe(400);
    const taken = await client(t, admin).post('/api/operators', { name: 'Bo 2', email: operator.email, password: 'password-bo2' });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error.code).toBe('EMAIL_TAKEN');
    expect((await client(t, admin).patch('/api/operators/op_nobody', { name: 'X' })).status).toBe(404);
  });

  it('never demotes or disables the last admin, even when two admins demote each other at once', async () => {
    const self = await client(t, admin).patch(`/api/operators/${admin.id}`, { role: 'operator' });
    expect(self.status).toBe(409);
    expect((await json(self)).error.code).toBe('LAST_ADMIN');
    expect((await client(t, admin).patch(`/api/operators/${admin.id}`, { disabled: true })).status).toBe(409);
    const second = await t.operator({ name: 'Dora', role: 'admin' });
    const [a, b] = await Promise.all([client(t, admin).patch(`/api/operators/${second.id}`, { role: 'operator' }), client(t, second).patch(`/api/operators/${admin.id}`, { role: 'operator' })]);
    // One wins; the other is refused by the store (409 LAST_ADMIN), or is no admin any more by the time its request is checked (403).
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = (await t.stores.operators.list()).filter((o) => o.role === 'admin' && !o.disabled);
    expect(admins).toHaveLength(1);
  });
});

describe('disabling an operator', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('ends their sessions and sockets at once and hands their chats to a colleague, saying why', async () => {
    t = await startTestApp(createMemoryStores(), { OPERATOR_GRACE_MS: '60000' });
    const admin = await t.operator({ name: 'Ana', role: 'admin', capacity: 0 });
    const bo = await t.operator({ name: 'Bo' });
    const boSocket = bo.socket();
    await connected(boSocket);
    await bo.online();
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const assigned = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned');
    await visitor.emitWithAck('message:send', { id: 'disable-msg-001', text: 'Hello' });
    expect((await assigned).operator.name).toBe('Bo');

    const cleo = await t.operator({ name: 'Cleo' });
    const cleoSocket = cleo.socket();
    await connected(cleoSocket);
    await cleo.online();

    const ended = new Promise<string>((resolve) => boSocket.once('disconnect', resolve));
    const told = nextEvent<Message>(visitor, 'message:created', 5_000, (m) => m.event?.type === 'requeued');
    const reassigned = nextEvent<ConversationAssigned>(visitor, 'conversation:assigned', 5_000, (a) => a.operator.name === 'Cleo');
    const res = await client(t, admin).patch(`/api/operators/${bo.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(await ended).toBe('io server disconnect');
    expect((await told).event).toEqual({ type: 'requeued', reason: 'operator-disabled' });
    await reassigned;
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: bo.cookie } })).status).toBe(401);
    const again = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: bo.email, password: bo.password }) });
    expect(again.status).toBe(401);
  });

  it('gives new routing rules at once: a changed language makes a waiting chat theirs', async () => {
    t = await startTestApp(createMemoryStores(), { ROUTING_FALLBACK_SECONDS: '3600' });
    const admin = await t.operator({ role: 'admin', capacity: 0 });
    const de = await t.operator({ name: 'Dieter', languages: ['de'] });
    const socket = de.socket();
    await connected(socket);
    await de.online();
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload({ language: 'tr' }));
    const sent = await visitor.emitWithAck('message:send', { id: 'lang-msg-0001', text: 'Merhaba' });
    if (!sent.ok) throw new Error('send failed');
    expect((await t.stores.conversations.get(sent.message.conversationId))?.status).toBe('queued');
    const updated = nextEvent<VisitorConversation>(visitor, 'conversation:updated', 5_000, (c) => c.status === 'assigned');
    await client(t, admin).patch(`/api/operators/${de.id}`, { languages: ['de', 'tr'] });
    expect((await updated).operator?.name).toBe('Dieter');
  });
});

describe('/api/profile: an operator’s own name and password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores());
  });
  afterAll(() => t.close());

  it('changes the name, and the password only with the current one', async () => {
    const op = await t.operator({ name: 'Eva' });
    const named = await client(t, op).patch('/api/profile', { name: 'Eva K.' });
    expect((await json(named)).operator.name).toBe('Eva K.');
    const wrong = await client(t, op).patch('/api/profile', { password: { current: 'not-it', next: 'new-password-1' } });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error.code).toBe('WRONG_PASSWORD');
    expect((await client(t, op).patch('/api/profile', { password: { current: op.password, next: 'short' } })).status).toBe(400);
    expect((await client(t, op).patch('/api/profile', {})).status).toBe(400);
    expect((await client(t, op).patch('/api/profile', { password: { current: op.password, next: 'new-password-1' } })).status).toBe(200);
    await expect(login(t.url, op.email, op.password)).rejects.toThrow(/401/);
    await login(t.url, op.email, 'new-password-1');
    // Not someone else's: the body names no operator, and the role cannot be set here.
    const role = await client(t, op).patch('/api/profile', { name: 'Eva', role: 'admin' });
    expect((await json(role)).operator.role).toBe('operator');
  });
});

describe('a password change ends the other sessions, as disabling does', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores());
  });
  afterAll(() => t.close());

  /** Another login of the same operator (another browser), with its socket connected. */
  async function secondSession(op: TestOperator, password = op.password) {
    const { cookie, csrfToken } = await login(t.url, op.email, password);
    const socket: OperatorSocket = io(`${t.url}/operator`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
    await connected(socket);
    return { cookie, csrfToken, socket };
  }
  const me = (cookie: string) => fetch(`${t.url}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);
  /** The reason the server gives when it ends the socket; rejects if it does not within 5 s. */
  const disconnected = (socket: OperatorSocket) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('still connected after 5 s')), 5_000);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

  it('after an admin’s reset: every old cookie gets 401 and every socket is disconnected; the new password logs in', async () => {
    const admin = await t.operator({ name: 'Ana', role: 'admin', capacity: 0 });
    const bo = await t.operator({ name: 'Bo' });
    const first = bo.socket();
    await connected(first);
    const second = await secondSession(bo);
    const ended = Promise.all([first, second.socket].map(disconnected));
    expect((await client(t, admin).patch(`/api/operators/${bo.id}`, { password: 'reset-password-1' })).status).toBe(200);
    expect(await ended).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await me(bo.cookie)).toBe(401);
    expect(await me(second.cookie)).toBe(401);
    await login(t.url, bo.email, 'reset-password-1');
    // The admin's own session is untouched.
    expect(await me(admin.cookie)).toBe(200);
  });

  it('after one’s own change: the other sessions end, the one that changed it goes on', async () => {
    const eva = await t.operator({ name: 'Eva' });
    const current = eva.socket();
    await connected(current);
    const other = await secondSession(eva);
    const ended = disconnected(other.socket);
    expect((await client(t, eva).patch('/api/profile', { password: { current: eva.password, next: 'eva-new-password' } })).status).toBe(200);
    expect(await ended).toBe('io server disconnect');
    expect(await me(other.cookie)).toBe(401);
    expect(await me(eva.cookie)).toBe(200);
    expect(current.connected).toBe(true);
    expect((await current.emitWithAck('presence:set', { status: 'online' })).ok).toBe(true);
    // A new name alone ends nothing.
    const third = await secondSession(eva, 'eva-new-password');
    expect((await client(t, eva).patch('/api/profile', { name: 'Eva K.' })).status).toBe(200);
    expect(await me(third.cookie)).toBe(200);
    expect(third.socket.connected).toBe(true);
    for (const s of [current, third.socket]) s.disconnect();
  });
});

describe('/api/departments, /api/colleagues, /api/console-config', () => {
  let t: TestApp;
  let admin: TestOperator;
  let op: TestOperator;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { WAIT_ALERT_SECONDS: '45' });
    admin = await t.operator({ name: 'Ana', role: 'admin' });
    op = await t.operator({ name: 'Bo', languages: ['de'] });
  });
  afterAll(() => t.close());

  it('lets admins add and rename departments, per language, and nobody else', async () => {
    const added = await client(t, admin).post('/api/departments', { id: 'abuse', names: { en: 'Abuse reports', de: 'Missbrauch' } });
    expect(added.status).toBe(201);
    expect((await client(t, admin).post('/api/departments', { id: 'abuse', names: {} })).status).toBe(409);
    expect((await client(t, admin).post('/api/departments', { id: 'Bad Id', names: {} })).status).toBe(400);
    expect((await client(t, op).post('/api/departments', { id: 'sales', names: {} })).status).toBe(403);
    expect((await client(t, admin).put('/api/departments/technical', { names: { en: 'Technical support' } })).status).toBe(200);
    expect((await client(t, admin).put('/api/departments/nope', { names: {} })).status).toBe(404);
    const { departments } = await json(await client(t, op).get('/api/departments'));
    expect(departments.map((d: { id: string }) => d.id)).toEqual(['general', 'technical', 'financial', 'abuse']);
    expect(departments[1].names.en).toBe('Technical support');
    // The widget sees the new list at once on this process.
    const settings = await json(await fetch(`${t.url}/widget/settings?site=introserv`));
    expect(settings.departments.map((d: { id: string }) => d.id)).toContain('abuse');
  });

  it('tells every operator the console settings and who can take a transfer', async () => {
    const config = await json(await client(t, op).get('/api/console-config'));
    expect(config).toMatchObject({ waitAlertSeconds: 45, defaultCapacity: 5 });
    const socket = op.socket();
    await connected(socket);
    await op.online();
    const { operators } = await json(await client(t, op).get('/api/colleagues'));
    expect(operators.find((o: { id: string }) => o.id === op.id)).toEqual({ id: op.id, name: 'Bo', available: true, status: 'online', load: 0, capacity: 3, departments: [], languages: ['de'] });
    expect(operators.find((o: { id: string }) => o.id === admin.id)).toMatchObject({ available: false });
    expect(JSON.stringify(operators)).not.toContain('@');
    expect((await fetch(`${t.url}/api/colleagues`)).status).toBe(401);
  });
});
