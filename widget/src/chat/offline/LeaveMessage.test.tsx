import { unisolate } from '@introserv/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../connection/testing/fake-socket.js';
import { SAMPLE_SETTINGS } from '../connection/testing/widget-settings.js';

const sockets: FakeSocket[] = [];
vi.mock('../connection/socket.js', () => ({
  connectVisitor: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket.asSocket();
  },
}));
const { mount } = await import('../main.js');

const TOKEN = 'T'.repeat(43);
const SETTINGS = SAMPLE_SETTINGS;
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The chat server's /widget/messages, answering as the server does. */
function server(answers: { post: () => Response; get: () => Response[] }) {
  const sent: Sent[] = [];
  const gets = answers.get();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      sent.push({ url, method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string>, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
      if (init.method === 'POST') return answers.post();
      return gets.shift() ?? new Response(JSON.stringify({ message: { id: 'e_1', state: 'pending', ticket: null, requester: 'guest' } }), { status: 200 });
    }),
  );
  return sent;
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function openWidget(language: 'en' | 'hr', operatorsOnline: boolean) {
  localStorage.setItem('introserv-chat:introserv:token', TOKEN);
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  root.append(launcher);
  const chat = mount(root, { siteId: 'introserv', language, server: 'https://chat.example.com', position: 'right', zIndex: 10, unread: 0, launcher, onState: () => {}, settings: { ...SETTINGS, language }, color: SETTINGS.color });
  const socket = sockets.at(-1)!;
  socket.connect();
  socket.take('hello')[0]?.ack({ ok: true, visitorToken: TOKEN, visitorId: 'v_1', conversation: null, messages: [], operatorsOnline, identity: null });
  chat.open();
  const $ = <E extends Element = HTMLElement>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`);
  await vi.waitFor(() => expect($('panel')).not.toBeNull());
  return { root, $ };
}

function fill(el: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  if (!el) throw new Error('no field');
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('leave a message, when no operator is online', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('offers the form in the visitor’s language, files the message once, and shows the ticket’s number', async () => {
    const sent = server({
      post: () => json(202, { message: { id: 'e_1', state: 'pending', ticket: null, requester: 'guest' } }),
      get: () => [json(200, { message: { id: 'e_1', state: 'created', ticket: { number: '#482913', url: null }, requester: 'guest' } })],
    });
    const { $, root } = await openWidget('hr', false);
    await vi.waitFor(() => expect($('leave-offer')).not.toBeNull());
    expect($('leave-offer')?.textContent).toContain('Trenutno nijedan operater nije na mreži');
    $('leave-open')?.click();
    await vi.waitFor(() => expect($('leave-form')).not.toBeNull());
    // The form takes the conversation's place; the other channels are listed.
    expect(root.querySelector('.leave-open ~ .log')).not.toBeNull();
    expect($('leave-form')?.textContent).toContain('support@introserv.com');
    expect($('leave-form')?.textContent).toContain('početni odgovor u roku od 10 minuta');

    fill($('leave-name'), 'Ivo Ivić');
    fill($('leave-email'), 'ivo@example.com');
    fill($('leave-text'), 'Server ne radi');
    const form = $<HTMLFormElement>('leave-form');
    form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect($('leave-result')?.dataset.number).toBe('#482913'), { timeout: 3_000 });
    expect(unisolate($('leave-result')?.textContent ?? '')).toBe('Otvoren je tiket podrške #482913. Početni odgovor stiže u roku od 10 minuta e-poštom na ivo@example.com.');

    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe('https://chat.example.com/widget/messages');
    // Authorized as every widget call is: the bearer token, and no other header for it.
    expect(sent.map((s) => s.headers.Authorization)).toEqual(sent.map(() => `Bearer ${TOKEN}`));
    expect(posts[0]?.headers['x-visitor-token']).toBeUndefined();
    expect(posts[0]?.body).toMatchObject({ siteId: 'introserv', language: 'hr', name: 'Ivo Ivić', email: 'ivo@example.com', department: 'technical', message: 'Server ne radi' });
    expect(sent.filter((s) => s.method === 'GET').map((s) => s.url)).toEqual(['https://chat.example.com/widget/messages/e_1']);
  });

  it('words a refusal, keeps what was typed, and resends under the same key', async () => {
    let n = 0;
    const sent = server({
      post: () => (++n === 1 ? json(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }) : json(202, { message: { id: 'e_2', state: 'created', ticket: { number: '#100200', url: null }, requester: 'client' } })),
      get: () => [],
    });
    const { $ } = await openWidget('en', false);
    await vi.waitFor(() => expect($('leave-open')).not.toBeNull());
    $('leave-open')?.click();
    await vi.waitFor(() => expect($('leave-form')).not.toBeNull());
    fill($('leave-name'), 'Ana');
    fill($('leave-email'), 'ana@example.com');
    fill($('leave-text'), 'Invoice question');
    $<HTMLSelectElement>('leave-department')!.value = 'financial';
    $<HTMLSelectElement>('leave-department')!.dispatchEvent(new Event('change', { bubbles: true }));
    $<HTMLFormElement>('leave-form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect($('leave-error')?.dataset.code).toBe('RATE_LIMITED'));
    expect(unisolate($('leave-error')?.textContent ?? '')).toBe('Too many messages. Try again later or write to support@introserv.com.');
    expect($<HTMLInputElement>('leave-name')?.value).toBe('Ana');
    $<HTMLFormElement>('leave-form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect($('leave-result')?.dataset.number).toBe('#100200'));
    expect(unisolate($('leave-result')?.textContent ?? '')).toBe('Support ticket #100200 created in your Client Area. The first answer comes within 10 minutes.');
    const keys = sent.filter((s) => s.method === 'POST').map((s) => (s.body as { idempotencyKey: string; department: string }));
    expect(keys).toHaveLength(2);
    expect(keys[0]?.idempotencyKey).toBe(keys[1]?.idempotencyKey);
    expect(keys[1]?.department).toBe('financial');
  });

  it('offers nothing while an operator is online and nobody waits', async () => {
    server({ post: () => json(500, {}), get: () => [] });
    const { $ } = await openWidget('en', true);
    await new Promise((r) => setTimeout(r, 0));
    expect($('leave-offer')).toBeNull();
  });
});
