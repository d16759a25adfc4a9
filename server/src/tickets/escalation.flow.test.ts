import { createHmac } from 'node:crypto';
import type { Escalation, EscalationProposal, LocalTicket, LocalTicketList, Message, UploadResult } from '@introserv/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { chatUnderway, escalationInput, operatorApi, until } from '../testing/escalation-session.js';
import { PNG_1PX } from '../testing/files.js';
import { storeBackends } from '../testing/store-backends.js';
import { helloPayload, nextEvent, startTestApp, type TestApp } from '../testing/test-app.js';

const backends = storeBackends('esc');

describe.each(backends)('escalating a chat to the local help desk (%s)', (_name, makeStores) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
    await t.stores.close();
  });

  it('files one ticket, tells every operator live, and tells the visitor in their language without the bookkeeping', async () => {
    t = await startTestApp(makeStores());
    const chat = await chatUnderway(t, { language: 'de', texts: ['Mein Server 203.0.113.7 ist seit 8 Uhr nicht erreichbar', 'Bestellnummer 123456'] });
    const api = operatorApi(t.url, chat.op);
    const colleague = await t.operator({ name: 'Bo' });
    const colleagueSocket = colleague.socket();
    await new Promise((r) => colleagueSocket.once('connect', () => r(undefined)));

    const proposal = (await (await api.proposal(chat.conversationId)).json()) as EscalationProposal;
    expect(proposal).toMatchObject({
      department: 'technical',
      priority: 'high',
      highBecause: ['nicht erreichbar'],
      incident: { serverOrOrder: '203.0.113.7', startedAt: { time: '08:00', timeZone: 'Europe/Zagreb' } },
      found: { orders: ['#123456'] },
      requester: { kind: 'guest', name: null, email: null },
      escalations: [],
      provider: 'local',
    });

    const updates: Escalation[] = [];
    colleagueSocket.on('escalation:updated', (e) => updates.push(e));
    const visitorMessages: Message[] = [];
    chat.visitor.on('message:created', (m) => visitorMessages.push(m));
    const created = nextEvent<Escalation>(chat.opSocket, 'escalation:updated', 5_000, (e) => e.state === 'created');

    const input = escalationInput({ subject: 'Server nicht erreichbar' });
    const res = await api.escalate(chat.conversationId, input);
    expect(res.status).toBe(201);
    const { escalation } = (await res.json()) as { escalation: Escalation };
    expect(escalation).toMatchObject({ state: 'pending', provider: 'local', requester: 'guest', createdBy: { id: chat.op.id, name: 'Ana' }, marker: expect.stringMatching(/^LC[0-9A-Z]{10}$/) });

    const done = await created;
    expect(done.ticket?.number).toMatch(/^#\d{6}$/);
    await until(async () => updates.map((u) => u.state), (s) => s.includes('created'));
    expect(updates.map((u) => u.state)).toEqual(['pending', 'created']);

    // The visitor hears of the ticket, never of the escalation's progress.
    await until(async () => visitorMessages, (m) => m.some((x) => x.event?.type === 'ticket-created'));
    expect(visitorMessages.map((m) => m.event?.type)).toEqual(['ticket-created']);
    expect(visitorMessages[0]?.event).toEqual({ type: 'ticket-created', ticket: done.ticket, requester: 'guest' });
    const back = t.visitor();
    const history = await back.emitWithAck('hello', helloPayload({ visitorToken: chat.visitorToken, language: 'de' }));
    if (!history.ok) throw new Error('hello refused');
    expect(history.messages.filter((m) => m.kind === 'system').map((m) => m.event?.type)).toEqual(['assigned', 'ticket-created']);
    // Operators see both in the history.
    const watched = await chat.opSocket.emitWithAck('conversation:watch', { conversationId: chat.conversationId });
    if (!watched.ok) throw new Error('watch refused');
    expect(watched.messages.filter((m) => m.kind === 'system').map((m) => [m.event?.type, m.event?.type === 'escalation' ? m.event.state : null])).toEqual([
      ['queued', null],
      ['assigned', null],
      ['escalation', 'pending'],
      ['ticket-created', null],
    ]);

    // The ticket: incident first, the visitor, the conversation; transcripts attached.
    const list = (await (await api.get('/api/tickets')).json()) as LocalTicketList;
    expect(list.tickets.map((x) => x.number)).toEqual([done.ticket?.number]);
    const { ticket } = (await (await api.get(`/api/tickets/${done.ticket?.number.slice(1) ?? ''}`)).json()) as { ticket: LocalTicket };
    expect(ticket.subject).toBe(`Server nicht erreichbar [${escalation.marker}]`);
    expect(ticket.body.indexOf('== Vorfall ==')).toBe(0);
    expect(ticket.body).toContain('Server-IP-Adresse oder Auftragsnummer: 203.0.113.7');
    expect(ticket.body).toContain('Beginn des Problems: 2026-12-02 08:15 (Europe/Zagreb) = 08:15 MEZ');
    expect(ticket.body).toContain('Identität: nicht bestätigt');
    expect(ticket.body.indexOf('== Besucher ==')).toBeLessThan(ticket.body.indexOf('== Gespräch =='));
    expect(ticket.body).toContain('Besucher: Mein Server 203.0.113.7 ist seit 8 Uhr nicht erreichbar');
    expect(ticket.files.map((f) => f.name)).toEqual(['transcript.txt', 'transcript.html']);
    const txt = await api.get(`/api/tickets/${done.ticket?.number.slice(1) ?? ''}/files/transcript.txt`);
    expect(txt.headers.get('content-disposition')).toMatch(/^attachment;/);
    const transcript = await txt.text();
    expect(transcript).toContain('Bestellnummer 123456');
    expect(transcript).not.toContain('angefordert');
    back.disconnect();
  });

  it('makes one escalation of a double click, and refuses a second tab’s unless it knew of the first', async () => {
    t = await startTestApp(makeStores());
    const chat = await chatUnderway(t);
    const api = operatorApi(t.url, chat.op);
    const input = escalationInput();
    const [a, b] = await Promise.all([api.escalate(chat.conversationId, input), api.escalate(chat.conversationId, input)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const ids = await Promise.all([a, b].map(async (r) => ((await r.json()) as { escalation: Escalation }).escalation.id));
    expect(ids[0]).toBe(ids[1]);

    const otherTab = await api.escalate(chat.conversationId, escalationInput());
    expect(otherTab.status).toBe(409);
    expect(((await otherTab.json()) as { error: { code: string } }).error.code).toBe('ESCALATION_EXISTS');
    const deliberate = await api.escalate(chat.conversationId, escalationInput({ known: 1 }));
    expect(deliberate.status).toBe(201);

    const all = await until(() => api.list(chat.conversationId), (l) => l.every((e) => e.state === 'created'));
    expect(all).toHaveLength(2);
    expect(new Set(all.map((e) => e.ticket?.number)).size).toBe(2);
    expect((await t.stores.tickets.list(10)).length).toBe(2);
  });

  it('escalates a closed chat from history, and files a verified visitor under their account', async () => {
    const secret = 'identity-secret-0123456789';
    t = await startTestApp(makeStores(), { IDENTITY_SECRET: secret });
    const hash = createHmac('sha256', secret).update('42\0Ana Client\0client@example.com').digest('hex');
    const chat = await chatUnderway(t, { identity: { userId: '42', name: 'Ana Client', email: 'client@example.com', hash } });
    expect((await chat.opSocket.emitWithAck('conversation:close', { conversationId: chat.conversationId })).ok).toBe(true);
    const api = operatorApi(t.url, chat.op);
    expect(((await (await api.proposal(chat.conversationId)).json()) as EscalationProposal).requester).toEqual({ kind: 'client', name: 'Ana Client', email: 'client@example.com', userId: '42' });
    const res = await api.escalate(chat.conversationId, escalationInput({ contact: undefined }));
    expect(res.status).toBe(201);
    const [done] = await until(() => api.list(chat.conversationId), (l) => l[0]?.state === 'created');
    expect(done?.requester).toBe('client');
    const ticket = await t.stores.tickets.get(done?.ticket?.number ?? '');
    expect(ticket?.requester).toEqual({ kind: 'client', name: 'Ana Client', email: 'client@example.com', userId: '42' });
    expect(ticket?.body).toContain('Identity: verified Client Area account (user 42)');
  });

  it('attaches the files the visitor sent in the chat: uploaded, carried by a message, read back by the ticket', async () => {
    t = await startTestApp(makeStores());
    const chat = await chatUnderway(t);
    const api = operatorApi(t.url, chat.op);
    const upload = await fetch(`${t.url}/widget/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.visitorToken}`, 'x-file-name': encodeURIComponent('screen shot.png'), 'content-type': 'application/octet-stream' },
      body: PNG_1PX,
    });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as UploadResult;
    const sent = await chat.visitor.emitWithAck('message:send', { id: 'v-with-a-file-01', text: 'This is what I see', attachments: [attachment.id] });
    expect(sent.ok).toBe(true);

    const proposal = (await (await api.proposal(chat.conversationId)).json()) as EscalationProposal;
    expect(proposal.attachments.map((a) => a.id)).toEqual([attachment.id]);
    const created = nextEvent<Escalation>(chat.opSocket, 'escalation:updated', 5_000, (e) => e.state === 'created');
    expect((await api.escalate(chat.conversationId, escalationInput({ attachmentIds: [attachment.id] }))).status).toBe(201);
    const done = await created;
    const { ticket } = (await (await api.get(`/api/tickets/${done.ticket?.number.slice(1) ?? ''}`)).json()) as { ticket: LocalTicket };
    expect(ticket.files).toEqual([
      { name: 'transcript.txt', type: 'text/plain; charset=utf-8', size: expect.any(Number) },
      { name: 'transcript.html', type: 'text/html; charset=utf-8', size: expect.any(Number) },
      { name: 'screen shot.png', type: 'image/png', size: PNG_1PX.length, attachmentId: attachment.id },
    ]);
    // The built-in help desk links the upload; operators read it like any chat file.
    const file = await api.get(`/api/attachments/${attachment.id}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1PX)).toBe(true);
  });

  it('refuses bad input with field issues, and guards the API like the rest', async () => {
    t = await startTestApp(makeStores());
    const chat = await chatUnderway(t);
    const api = operatorApi(t.url, chat.op);
    const bad = await api.escalate(chat.conversationId, { ...escalationInput(), department: 'general', subject: '' });
    expect(bad.status).toBe(400);
    const issues = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort();
    expect(issues).toEqual(['department', 'subject']);
    const noContact = await api.escalate(chat.conversationId, escalationInput({ contact: undefined }));
    expect(noContact.status).toBe(400);
    expect(((await noContact.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('contact');
    const foreign = await api.escalate(chat.conversationId, escalationInput({ attachmentIds: ['f_0123456789abcdef0123'] }));
    expect(foreign.status).toBe(400);
    expect((await api.escalate('c_nope', escalationInput())).status).toBe(404);
    const noCsrf = await fetch(`${t.url}/api/conversations/${chat.conversationId}/escalations`, { method: 'POST', headers: { cookie: chat.op.cookie, 'content-type': 'application/json' }, body: JSON.stringify(escalationInput()) });
    expect(noCsrf.status).toBe(403);
    expect((await fetch(`${t.url}/api/conversations/${chat.conversationId}/escalations/proposal`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/tickets`)).status).toBe(401);
    expect((await api.get('/api/tickets/12345')).status).toBe(400);
    expect((await api.get('/api/tickets/999999/files/..%2Fsecret')).status).toBe(400);
    // Nothing was written by any of these.
    expect(await api.list(chat.conversationId)).toEqual([]);
  });
});
