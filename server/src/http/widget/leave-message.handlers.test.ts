import type { Escalation, LeaveMessageResult, Message } from '@introserv/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../stores.js';
import { chatUnderway, until } from '../../testing/escalation-session.js';
import { connected, helloPayload, nextEvent, startTestApp, type TestApp } from '../../testing/test-app.js';

const SITE = 'https://introserv.com';

describe('POST /widget/messages: the visitor’s leave-a-message form becomes a ticket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: SITE }, (c) => ({ ...c, leaveMessageLimits: { perVisitor: { max: 2, windowMs: 60_000 }, perAddress: { max: 5, windowMs: 60_000 } } }));
  });
  afterAll(() => t.close());

  const message = (over: Record<string, unknown> = {}) => ({
    siteId: 'introserv',
    idempotencyKey: `leave-${Math.random().toString(36).slice(2, 12)}`,
    language: 'hr',
    name: 'Ivo Ivić',
    email: 'ivo@example.com',
    department: 'technical',
    message: 'Server 203.0.113.7 ne radi.\nMolim pomoć.',
    timeZone: 'Europe/Zagreb',
    ...over,
  });
  const post = (token: string | null, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/widget/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  async function newVisitor(): Promise<string> {
    const v = t.visitor();
    const hello = await v.emitWithAck('hello', helloPayload({ language: 'hr' }));
    v.disconnect();
    if (!hello.ok) throw new Error('hello refused');
    return hello.visitorToken;
  }

  it('answers the CORS preflight for the embedding sites only', async () => {
    const ok = await fetch(`${t.url}/widget/messages`, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(ok.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    const evil = await fetch(`${t.url}/widget/messages`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const token = await newVisitor();
    const cross = await post(token, message(), { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('files a guest ticket, lets the visitor follow it to its number, and tells the operators', async () => {
    const op = await t.operator({ name: 'Ana' });
    const opSocket = op.socket();
    await connected(opSocket);
    const created = nextEvent<Escalation>(opSocket, 'escalation:updated', 5_000, (e) => e.state === 'created');
    const token = await newVisitor();
    const body = message();
    const res = await post(token, body);
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    const { message: status } = (await res.json()) as LeaveMessageResult;
    expect(status).toMatchObject({ state: 'pending', ticket: null, requester: 'guest' });
    expect(await created).toMatchObject({ id: status.id, source: 'visitor', conversationId: null, createdBy: null, requester: 'guest' });

    const follow = () => fetch(`${t.url}/widget/messages/${status.id}`, { headers: { origin: SITE, authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<LeaveMessageResult>);
    const done = await until(follow, (r) => r.message.state === 'created');
    expect(done.message.ticket?.number).toMatch(/^#\d{6}$/);
    const ticket = await t.stores.tickets.get(done.message.ticket?.number ?? '');
    expect(ticket?.body).toContain('Poruka:\n    Server 203.0.113.7 ne radi.\n    Molim pomoć.');
    expect(ticket?.body).toContain('Posjetitelj je ostavio ovu poruku dok nijedan operater nije bio dostupan');
    expect(ticket?.requester).toEqual({ kind: 'guest', name: 'Ivo Ivić', email: 'ivo@example.com', userId: null });

    // The same submission again (a resend after a lost answer): the same message, no second ticket.
    const again = await post(token, body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as LeaveMessageResult).message.id).toBe(status.id);
    // Another visitor cannot read it.
    const other = await newVisitor();
    expect((await fetch(`${t.url}/widget/messages/${status.id}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
    opSocket.disconnect();
  });

  it('puts the ticket in the visitor’s waiting chat, where they see its number', async () => {
    const chat = await chatUnderway(t, { language: 'hr', texts: ['Halo?'] });
    const seen = nextEvent<Message>(chat.visitor, 'message:created', 5_000, (m) => m.event?.type === 'ticket-created');
    const res = await post(chat.visitorToken, message());
    expect(res.status).toBe(202);
    const event = (await seen).event;
    expect(event).toMatchObject({ type: 'ticket-created', requester: 'guest', ticket: { number: expect.stringMatching(/^#\d{6}$/) } });
    const ticket = await t.stores.tickets.get(event?.type === 'ticket-created' ? event.ticket.number : '');
    expect(ticket?.conversationId).toBe(chat.conversationId);
    expect(ticket?.files.map((f) => f.name)).toEqual(['transcript.txt', 'transcript.html']);
  });

  it('needs a visitor token, JSON and a valid form; and limits each visitor', async () => {
    expect((await post(null, message())).status).toBe(401);
    expect((await post('x'.repeat(43), message())).status).toBe(401);
    const token = await newVisitor();
    // One header authorizes every widget call: the form's old X-Visitor-Token is not another way in.
    expect((await post(null, message(), { 'x-visitor-token': token })).status).toBe(401);
    const bad = await post(token, message({ email: 'nope', department: 'general', message: '' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['department', 'email', 'message']);
    expect((await post(token, 'name=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const once = message();
    expect((await post(token, once)).status).toBe(202);
    // A resend of the same message costs nothing.
    expect((await post(token, once)).status).toBe(200);
    expect((await post(token, message())).status).toBe(202);
    const limited = await post(token, message());
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});
