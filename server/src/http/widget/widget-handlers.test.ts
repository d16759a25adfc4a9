import type { Attachment, Message } from '@introserv/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../stores.js';
import { ELF, HTML_AS_PNG, PNG_1PX } from '../../testing/files.js';
import { startSmtpServer, type SmtpServerHandle } from '../../testing/smtp-server.js';
import { connected, helloPayload, nextEvent, startTestApp, type TestApp, type VisitorSocket } from '../../testing/test-app.js';

const PARTNER = 'https://partner.example';

async function newVisitor(t: TestApp, over: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<{ socket: VisitorSocket; token: string }> {
  const socket = t.visitor(headers);
  const hello = await socket.emitWithAck('hello', helloPayload(over));
  if (!hello.ok) throw new Error('hello refused');
  return { socket, token: hello.visitorToken };
}

function upload(t: TestApp, token: string | null, body: Uint8Array, name = 'screenshot.png', headers: Record<string, string> = {}) {
  return fetch(`${t.url}/widget/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent(name), origin: PARTNER, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
}

describe('the widget over HTTP: files and transcripts, on the visitor token', () => {
  let t: TestApp;
  let smtp: SmtpServerHandle;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: PARTNER, UPLOAD_MAX_BYTES: '4096', SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('answers the preflight of an allowed page, and refuses every other page', async () => {
    const pre = await fetch(`${t.url}/widget/uploads`, { method: 'OPTIONS', headers: { origin: PARTNER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-file-name' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(pre.headers.get('access-control-allow-headers')).toContain('X-File-Name');
    const evil = await fetch(`${t.url}/widget/uploads`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
  });

  it('takes a real image, names it as the uploader did, and decides its type from its bytes', async () => {
    const { token } = await newVisitor(t);
    const res = await upload(t, token, PNG_1PX, 'Снимок экрана.png', { 'content-type': 'application/x-anything' });
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as { attachment: Attachment };
    expect(attachment).toMatchObject({ name: 'Снимок экрана.png', type: 'image/png', size: PNG_1PX.length });
    expect(attachment.id).toMatch(/^f_[\w-]{32}$/);
  });

  it.each([
    ['an HTML page named and claimed as a PNG', HTML_AS_PNG, 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['an executable', ELF, 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['a file over UPLOAD_MAX_BYTES', Buffer.concat([PNG_1PX, Buffer.alloc(5000)]), 413, 'FILE_TOO_LARGE'],
  ])('refuses %s with a code the widget words', async (_name, body, status, code) => {
    const { token } = await newVisitor(t);
    const res = await upload(t, token, body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('needs a valid visitor token', async () => {
    expect((await upload(t, null, PNG_1PX)).status).toBe(401);
    expect((await upload(t, 'x'.repeat(43), PNG_1PX)).status).toBe(401);
  });

  it('sends files with a message, serves them to that visitor and to operators only, and never a stranger’s file', async () => {
    const op = await t.operator({ name: 'Ana' });
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const me = await newVisitor(t);
    const stranger = await newVisitor(t);
    const { attachment } = (await (await upload(t, me.token, PNG_1PX)).json()) as { attachment: Attachment };
    const { attachment: theirs } = (await (await upload(t, stranger.token, PNG_1PX)).json()) as { attachment: Attachment };

    const stolen = await me.socket.emitWithAck('message:send', { id: 'steal-msg-0001', text: '', attachments: [theirs.id] });
    expect(!stolen.ok && stolen.error.code).toBe('FORBIDDEN');

    const opSees = nextEvent<Message>(opSocket, 'message:created', 5_000, (m) => m.id === 'files-msg-0001');
    const sent = await me.socket.emitWithAck('message:send', { id: 'files-msg-0001', text: '', attachments: [attachment.id] });
    expect(sent.ok && sent.message.attachments).toEqual([attachment]);
    expect((await opSees).attachments).toEqual([attachment]);
    // A resend after a lost ack is the same message, with the same file.
    const again = await me.socket.emitWithAck('message:send', { id: 'files-msg-0001', text: '', attachments: [attachment.id] });
    expect(again.ok && again.message.cursor).toBe(sent.ok && sent.message.cursor);

    const download = (token: string) => fetch(`${t.url}/widget/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${token}`, origin: PARTNER } });
    const mine = await download(me.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG_1PX)).toBe(true);
    expect((await download(stranger.token)).status).toBe(404);

    const byOperator = await fetch(`${t.url}/api/attachments/${attachment.id}`, { headers: { cookie: op.cookie } });
    expect(byOperator.status).toBe(200);
    expect((await fetch(`${t.url}/api/attachments/${attachment.id}`)).status).toBe(401);
    // The escalation to a ticket reads files by id.
    expect((await t.app.attachments.read(attachment.id))?.bytes.equals(PNG_1PX)).toBe(true);
  });

  it('lets operators send files too: uploaded to the conversation with the session and CSRF token', async () => {
    const op = await t.operator({ name: 'Ivo' });
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const me = await newVisitor(t);
    const first = await me.socket.emitWithAck('message:send', { id: 'need-a-file-01', text: 'Send me the invoice please' });
    if (!first.ok) throw new Error('send refused');
    const conversationId = first.message.conversationId;
    await expect.poll(async () => (await t.stores.conversations.get(conversationId))?.operator?.id).toBe(op.id);

    const post = (headers: Record<string, string>) =>
      fetch(`${t.url}/api/conversations/${conversationId}/attachments`, { method: 'POST', headers: { cookie: op.cookie, 'x-file-name': 'invoice.pdf', ...headers }, body: Buffer.from('%PDF-1.7\n1 0 obj\n') });
    expect((await post({})).status).toBe(403); // no CSRF header
    const res = await post({ 'x-csrf-token': op.csrfToken });
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as { attachment: Attachment };
    expect(attachment.type).toBe('application/pdf');

    const visitorSees = nextEvent<Message>(me.socket, 'message:created', 5_000, (m) => m.id === 'op-file-msg-01');
    const ack = await opSocket.emitWithAck('message:send', { conversationId, id: 'op-file-msg-01', text: 'Here it is', attachments: [attachment.id] });
    expect(ack.ok).toBe(true);
    expect((await visitorSees).attachments).toEqual([attachment]);
    const download = await fetch(`${t.url}/widget/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${me.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''invoice.pdf");
  });

  it('gives the visitor their transcript as text or HTML, in their language, and nobody else', async () => {
    const me = await newVisitor(t);
    const sent = await me.socket.emitWithAck('message:send', { id: 'transcript-m-01', text: 'Where is my <b>invoice</b>?' });
    if (!sent.ok) throw new Error('send refused');
    const id = sent.message.conversationId;
    const get = (token: string, query: string) => fetch(`${t.url}/widget/conversations/${id}/transcript?${query}`, { headers: { authorization: `Bearer ${token}` } });

    const text = await get(me.token, 'format=text&lang=de');
    expect(text.status).toBe(200);
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename="transcript-${id}.txt"`);
    const body = await text.text();
    expect(body).toContain('Where is my <b>invoice</b>?');
    expect(body).toMatch(/Besucher/);
    const html = await (await get(me.token, 'format=html')).text();
    expect(html).toContain('Where is my &lt;b&gt;invoice&lt;/b&gt;?');
    const stranger = await newVisitor(t);
    expect((await get(stranger.token, 'format=text')).status).toBe(404);
  });

  it('e-mails the transcript through SMTP, says when the mail server refuses, and limits how often', async () => {
    const me = await newVisitor(t, { profile: { email: 'client@example.com' } });
    const sent = await me.socket.emitWithAck('message:send', { id: 'mail-me-msg-01', text: 'Please mail me this chat' });
    if (!sent.ok) throw new Error('send refused');
    const id = sent.message.conversationId;
    const mail = (email: string) =>
      fetch(`${t.url}/widget/conversations/${id}/transcript/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json', origin: PARTNER },
        body: JSON.stringify({ email, language: 'fr' }),
      });
    expect((await mail('not-an-address')).status).toBe(400);
    const ok = await mail('client@example.com');
    expect(ok.status).toBe(202);
    const received = smtp.mails.at(-1);
    expect(received?.to).toEqual(['client@example.com']);
    expect(received?.data).toMatch(/Subject: Votre discussion avec le support INTROSERV/);
    expect(received?.data).toContain('Please mail me this chat');

    smtp.refuseNext();
    const refused = await mail('client@example.com');
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('EMAIL_FAILED');
    // The refused one was given back: four more go, the fifth is one too many.
    for (let i = 0; i < 4; i++) expect((await mail('client@example.com')).status).toBe(202);
    const limited = await mail('client@example.com');
    expect(limited.status).toBe(429);
  });
});

describe('a nearly full disk', () => {
  let t: TestApp;
  let free = 10 * 1024 ** 3;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: PARTNER }, (c) => c, { diskSpace: async () => ({ free, total: 100 * 1024 ** 3 }) });
  });
  afterAll(() => t.close());

  it('refuses uploads with 507 STORAGE_FULL until there is room again', async () => {
    const { token } = await newVisitor(t);
    expect((await upload(t, token, PNG_1PX)).status).toBe(201);
    free = 512 * 1024 ** 2;
    const refused = await upload(t, token, PNG_1PX);
    expect(refused.status).toBe(507);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('STORAGE_FULL');
    free = 10 * 1024 ** 3;
    expect((await upload(t, token, PNG_1PX)).status).toBe(201);
  });
});

describe('the transcript e-mail is no relay', () => {
  let t: TestApp;
  let smtp: SmtpServerHandle;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    // Twelve chats wait at once from one address here: no cap on that (QUOTA_QUEUED_PER_IP).
    t = await startTestApp(createMemoryStores(), { TRUST_PROXY: '1', SMTP_URL: smtp.url, QUOTA_QUEUED_PER_IP: '0' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** A visitor from `address` with a conversation (one message, `text`); `email` given in the pre-chat form. */
  async function chatting(address: string, email: string | null, text = 'Hello'): Promise<(to: string) => Promise<Response>> {
    const headers = { 'x-forwarded-for': address };
    const me = await newVisitor(t, email ? { profile: { email } } : {}, headers);
    const sent = await me.socket.emitWithAck('message:send', { id: `relay-${Math.random().toString(36).slice(2, 12)}`, text });
    if (!sent.ok) throw new Error('send refused');
    return (to) =>
      fetch(`${t.url}/widget/conversations/${sent.message.conversationId}/transcript/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: to, language: 'en' }),
      });
  }

  it('sends to no address the visitor did not give in the conversation', async () => {
    const mail = await chatting('203.0.113.40', 'ana@example.com', 'You can also reach me at Ana.Backup@Example.org, thanks');
    const before = smtp.mails.length;
    const arbitrary = await mail('victim@example.net');
    expect(arbitrary.status).toBe(403);
    expect(((await arbitrary.json()) as { error: { code: string } }).error.code).toBe('RECIPIENT_NOT_GIVEN');
    expect(smtp.mails.length).toBe(before);
    // The pre-chat form's address, and one the visitor wrote in the chat, are theirs.
    expect((await mail('ana@example.com')).status).toBe(202);
    expect((await mail('ana.backup@example.org')).status).toBe(202);
    const anonymous = await chatting('203.0.113.41', null);
    expect((await anonymous('ana@example.com')).status).toBe(403);
  });

  it('holds 12 visitors of one address to the per-address limit, even all at once', async () => {
    const before = smtp.mails.length;
    const senders = await Promise.all(Array.from({ length: 12 }, (_, i) => chatting('198.51.100.44', `visitor${i}@example.com`)));
    const answers = await Promise.all(senders.flatMap((mail, i) => Array.from({ length: 5 }, () => mail(`visitor${i}@example.com`))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
    expect(smtp.mails.length - before).toBe(10);
  });
});

describe('without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores());
  });
  afterAll(() => t.close());

  it('hides e-mailing in the settings and refuses it', async () => {
    const settings = (await (await fetch(`${t.url}/widget/settings?site=introserv`)).json()) as { transcriptEmail: boolean };
    expect(settings.transcriptEmail).toBe(false);
    const me = await newVisitor(t);
    const res = await fetch(`${t.url}/widget/conversations/c_any/transcript/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'client@example.com', language: 'en' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('the widget’s files over HTTP: named by their bytes, never kept by a cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: PARTNER, UPLOAD_MAX_BYTES: '4096' });
  });
  afterAll(() => t.close());

  const download = (token: string | null, id: string) =>
    fetch(`${t.url}/widget/attachments/${id}`, { headers: { origin: PARTNER, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  it('stores and serves text called invoice.js as invoice.js.txt, to the visitor and to operators', async () => {
    const op = await t.operator({ name: 'Ana' });
    const me = await newVisitor(t);
    const res = await upload(t, me.token, Buffer.from('Invoice 2026-12: 12 EUR\n'), 'invoice.js', { 'content-type': 'text/javascript' });
    const { attachment } = (await res.json()) as { attachment: Attachment };
    expect(attachment).toMatchObject({ name: 'invoice.js.txt', type: 'text/plain' });
    const sent = await me.socket.emitWithAck('message:send', { id: 'invoice-js-m-01', text: '', attachments: [attachment.id] });
    expect(sent.ok && sent.message.attachments?.[0]?.name).toBe('invoice.js.txt');

    const mine = await download(me.token, attachment.id);
    expect(mine.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(mine.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''invoice.js.txt");
    const theirs = await fetch(`${t.url}/api/attachments/${attachment.id}`, { headers: { cookie: op.cookie } });
    expect(theirs.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''invoice.js.txt");
  });

  it('answers every upload and download with Cache-Control: no-store, refusals too', async () => {
    const me = await newVisitor(t);
    const uploaded = await upload(t, me.token, PNG_1PX);
    const { attachment } = (await uploaded.clone().json()) as { attachment: Attachment };
    const answers = {
      'upload 201': uploaded,
      'upload 401': await upload(t, null, PNG_1PX),
      'upload 415': await upload(t, me.token, ELF),
      'download 200': await download(me.token, attachment.id),
      'download 401': await download(null, attachment.id),
      'download 404': await download(me.token, 'f_nosuchfile0000000000000'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, `${r.status} ${r.headers.get('cache-control')}`]))).toEqual(
      Object.fromEntries(Object.keys(answers).map((k) => [k, `${k.split(' ')[1]} no-store`])),
    );
  });
});
