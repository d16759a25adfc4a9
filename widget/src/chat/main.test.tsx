import { unisolate } from '@introserv/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatViewState } from '../embed.js';
import { FakeSocket, storedMessage } from './connection/testing/fake-socket.js';

const sockets: FakeSocket[] = [];
vi.mock('./connection/socket.js', () => ({
  connectVisitor: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket.asSocket();
  },
}));

const { mount } = await import('./main.js');

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup(unread = 0) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  root.append(launcher);
  const states: ChatViewState[] = [];
  const chat = mount(root, {
    siteId: 'introserv',
    language: 'en',
    server: 'https://chat.example.com',
    position: 'right',
    zIndex: 10,
    unread,
    launcher,
    onState: (s) => states.push(s),
  });
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket');
  socket.connect();
  socket.take('hello')[0]?.ack({ ok: true, visitorToken: 'T'.repeat(43), visitorId: 'v_1', conversation: null, messages: [] });
  const $ = <E extends Element = HTMLElement>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`);
  const $$ = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  /** Opens the panel and waits for its locale chunk and for the composer's focus (set in an effect). */
  const open = async () => {
    chat.open();
    await vi.waitFor(() => expect($('panel')).not.toBeNull());
    await vi.waitFor(() => expect(root.activeElement).toBe($('composer-input')));
  };
  return { root, chat, open, socket, states, launcher, $, $$ };
}

function type(input: HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function press(el: Element, key: string, init: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

describe('chat chunk', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.replaceChildren();
  });
  afterEach(() => {
    sockets.length = 0;
  });

  it('opens a panel with its hooks, styles inside the shadow root, and reports the state', async () => {
    const { open, $, root, states } = await setup();
    expect($('panel')).toBeNull();
    await open();
    expect($('panel')?.getAttribute('role')).toBe('dialog');
    expect($('panel')?.textContent).toContain('INTROSERV support');
    expect($('conversation-status')?.textContent).toBe('Ask us anything: we reply instantly.');
    expect(root.querySelector('[role="log"]')?.getAttribute('aria-live')).toBe('polite');
    // Focus moves in an effect, which Preact runs after paint: wait for it, do not race it.
    await vi.waitFor(() => expect(root.activeElement).toBe($('composer-input')));
    expect(root.querySelector('style')?.textContent).toContain('100dvh');
    expect(document.head.querySelector('style')).toBeNull();
    expect(states.at(-1)).toEqual({ open: true, unread: 0 });
  });

  it('sends on Enter, adds a line on Shift+Enter, and shows the message at once as pending', async () => {
    const { open, $, $$, socket } = await setup();
    await open();
    const input = $<HTMLTextAreaElement>('composer-input');
    if (!input) throw new Error('no input');

    type(input, 'line one');
    press(input, 'Enter', { shiftKey: true });
    await tick();
    expect(socket.take('message:send')).toEqual([]);

    type(input, 'line one\nline two');
    press(input, 'Enter');
    await tick();
    const [send] = socket.take('message:send');
    expect(send?.payload).toMatchObject({ text: 'line one\nline two' });
    expect(input.value).toBe('');
    const [bubble] = $$('message');
    expect(bubble?.dataset).toMatchObject({ author: 'visitor', status: 'pending' });

    const id = (send?.payload as { id: string }).id;
    send?.ack({ ok: true, message: storedMessage({ id, author: { kind: 'visitor' }, text: 'line one\nline two' }) });
    await tick();
    expect($$('message')[0]?.dataset.status).toBe('sent');
    expect($('conversation-status')?.textContent).toBe('Waiting for an operator…');
  });

  it('sends with the button, and renders markup in messages as plain text', async () => {
    const { open, $, $$, socket } = await setup();
    await open();
    const input = $<HTMLTextAreaElement>('composer-input');
    if (!input) throw new Error('no input');
    type(input, '<img src=x onerror=alert(1)>');
    $('composer-send')?.click();
    await tick();
    expect(socket.take('message:send')).toHaveLength(1);
    socket.fire('message:created', storedMessage({ text: '<b>bold</b>' }));
    await tick();
    const bubbles = $$('message');
    expect(bubbles.map((b) => b.querySelector('.text')?.textContent)).toEqual(['<b>bold</b>', '<img src=x onerror=alert(1)>']);
    expect(bubbles.some((b) => b.querySelector('img, b'))).toBe(false);
  });

  it('shows the operator joining, and a retry button on a failed message', async () => {
    const { open, $, $$, socket } = await setup();
    await open();
    socket.fire('conversation:assigned', { conversationId: 'conv_1', operator: { id: 'op_1', name: 'Ana' } });
    await tick();
    expect($('conversation-status')?.textContent).toBe('Ana joined the chat');

    const input = $<HTMLTextAreaElement>('composer-input');
    if (!input) throw new Error('no input');
    type(input, 'x');
    press(input, 'Enter');
    await tick();
    socket.take('message:send')[0]?.ack({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'bad' } });
    await tick();
    const failed = $$('message')[0];
    expect(failed?.dataset.status).toBe('failed');
    failed?.querySelector<HTMLButtonElement>('button.retry')?.click();
    await tick();
    expect($$('message')[0]?.dataset.status).toBe('pending');
    expect(socket.take('message:send')).toHaveLength(1);
  });

  it('closes on Escape and gives focus back to the launcher; counts unread while closed', async () => {
    const { open, chat, $, root, socket, states, launcher } = await setup();
    await open();
    press($('composer-input') as Element, 'Escape');
    await tick();
    expect($('panel')).toBeNull();
    expect(root.activeElement).toBe(launcher);
    socket.fire('message:created', storedMessage({ text: 'are you there?' }));
    expect(states.at(-1)).toEqual({ open: false, unread: 1 });
    chat.toggle();
    await tick();
    expect(states.at(-1)).toEqual({ open: true, unread: 0 });
  });

  it('goes on from the unread count kept before a reload, and reports it until the panel opens', async () => {
    const { chat, socket, states } = await setup(2);
    // The hello's history is not news: the count stays where it was.
    expect(states.at(-1)).toEqual({ open: false, unread: 2 });
    socket.fire('message:created', storedMessage({ text: 'still there?' }));
    expect(states.at(-1)).toEqual({ open: false, unread: 3 });
    chat.open();
    expect(states.at(-1)).toEqual({ open: true, unread: 0 });
  });

  it('shows system events as localized event lines, not bubbles, and never their raw data', async () => {
    const { open, $$, socket, root } = await setup();
    await open();
    const system = (event: unknown) => storedMessage({ kind: 'system', author: { kind: 'system' }, text: '', event: event as never });
    socket.fire('message:created', system({ type: 'assigned', operator: { id: 'op_1', name: 'Ana' } }));
    socket.fire('message:created', system({ type: 'ticket-created', ticket: { number: '#123456', url: 'https://my.introserv.com/ticket/123456' }, requester: 'client' }));
    socket.fire('message:created', system({ type: 'escalated-to-the-moon', secret: 'do-not-show' }));
    socket.fire('message:created', storedMessage({ text: 'a reply' }));
    await tick();

    expect($$('message').map((b) => b.textContent)).toEqual([expect.stringContaining('a reply')]);
    const events = $$('event');
    expect(events.map((e) => [e.dataset.event, unisolate(e.textContent)])).toEqual([
      ['assigned', 'Ana joined the chat'],
      ['ticket-created', 'Support ticket #123456 was created in your Client Area. The first answer comes within 10 minutes; follow it there. Open the ticket'],
      ['escalated-to-the-moon', 'The chat was updated'],
    ]);
    const link = events[1]?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://my.introserv.com/ticket/123456');
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect(root.textContent).not.toContain('do-not-show');
  });

  it('says when the connection is lost', async () => {
    const { open, $, socket } = await setup();
    await open();
    socket.drop();
    await tick();
    expect($('conversation-status')?.textContent).toBe('Connection lost. Reconnecting…');
  });
});
