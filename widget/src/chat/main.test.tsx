import { unisolate } from '@introserv/shared/client';
import type { WidgetSettings } from '@introserv/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatViewState } from '../embed.js';
import { FakeSocket, storedMessage } from './connection/testing/fake-socket.js';
import { SAMPLE_SETTINGS } from './connection/testing/widget-settings.js';

const sockets: FakeSocket[] = [];
/** Chats mounted by the test, closed after it so that no panel's timer outlives the test environment. */
const mounted: { close(): void }[] = [];
vi.mock('./connection/socket.js', () => ({
  connectVisitor: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket.asSocket();
  },
}));
const chimes = vi.hoisted(() => ({ count: 0 }));
vi.mock('./attention/attention.js', async (original) => ({
  ...(await original<typeof import('./attention/attention.js')>()),
  chime: () => {
    chimes.count++;
  },
}));

const { mount, PANEL_ID } = await import('./main.js');

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const SETTINGS = SAMPLE_SETTINGS;

interface Setup {
  unread?: number;
  settings?: Partial<WidgetSettings>;
  department?: string;
  hello?: Record<string, unknown>;
}

async function setup({ unread = 0, settings = {}, department, hello = {} }: Setup = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  launcher.innerHTML = '<svg><path d=""></path></svg>';
  root.append(launcher);
  const states: ChatViewState[] = [];
  const chat = mount(root, {
    siteId: 'introserv',
    language: 'en',
    server: 'https://chat.example.com',
    position: 'right',
    color: '#0b57d0',
    zIndex: 10,
    department,
    settings: { ...SETTINGS, ...settings },
    unread,
    launcher,
    onState: (s) => states.push(s),
  });
  mounted.push(chat);
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket');
  socket.connect();
  socket.take('hello')[0]?.ack({ ok: true, visitorToken: 'T'.repeat(43), visitorId: 'v_1', conversation: null, messages: [], operatorsOnline: true, identity: null, ...hello });
  const $ = <E extends Element = HTMLElement>(id: string) => root.querySelector<E>(`[data-testid="${id}"]`);
  const $$ = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  /** Opens the panel and waits for its locale chunk. */
  const open = async (focus = 'composer-input') => {
    chat.open();
    await vi.waitFor(() => expect($('panel')).not.toBeNull());
    // Focus moves in an effect, which Preact runs after paint: wait for it, do not race it.
    if (focus) await vi.waitFor(() => expect(root.activeElement).toBe($(focus)));
  };
  return { root, chat, open, socket, states, launcher, $, $$ };
}

function type(input: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function press(el: Element, key: string, init: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

const assigned = { id: 'conv_1', status: 'assigned', operator: { name: 'Ana' } } as const;

describe('chat chunk', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.replaceChildren();
    document.title = 'Dedicated servers';
    chimes.count = 0;
  });
  afterEach(() => {
    // An open panel keeps timers (the leave-a-message recheck, typing) that would fire after
    // jsdom is torn down; closing unmounts it and its effects' cleanups clear them.
    for (const chat of mounted.splice(0)) chat.close();
    sockets.length = 0;
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('opens a panel with its hooks, in the visitor’s language, styles inside the shadow root, and reports the state', async () => {
    const { open, $, root, states, launcher } = await setup();
    expect($('panel')).toBeNull();
    expect(launcher.getAttribute('aria-controls')).toBe(PANEL_ID);
    expect(root.getElementById(PANEL_ID)).not.toBeNull();
    await open();
    expect($('panel')?.getAttribute('role')).toBe('dialog');
    expect($('panel')?.getAttribute('lang')).toBe('en');
    expect($('panel')?.textContent).toContain('INTROSERV support');
    expect($('conversation-status')?.textContent).toBe('Ask us anything: we reply instantly.');
    expect(root.querySelector('[role="log"]')?.getAttribute('aria-live')).toBe('polite');
    expect(root.querySelector('style')?.textContent).toContain('100dvh');
    expect(document.head.querySelector('style')).toBeNull();
    expect(states.at(-1)).toEqual({ open: true, unread: 0, label: 'Live Chat' });
    expect(launcher.querySelector('path')?.getAttribute('d')).toMatch(/^M16\.6/);
  });

  it('greets in the admin’s words for the visitor’s language, and shows the status notice in it', async () => {
    const notice = { kind: 'outage', text: { en: 'Network outage in Frankfurt', de: 'Netzwerkstörung in Frankfurt' }, postedAt: 1 } as const;
    const { open, $ } = await setup({ settings: { greeting: { en: 'Hi! Servers, billing, anything.' }, notice } });
    await open();
    expect($('conversation-status')?.textContent).toBe('Hi! Servers, billing, anything.');
    expect($('status-notice')?.textContent).toBe('Service disruption: Network outage in Frankfurt');
    expect($('status-notice')?.dataset.kind).toBe('outage');
  });

  it('sends on Enter, adds a line on Shift+Enter, and shows the message at once as sending', async () => {
    const { open, $, $$, socket } = await setup();
    await open();
    const input = $<HTMLTextAreaElement>('composer-input')!;
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
    expect($$('message')[0]?.dataset).toMatchObject({ author: 'visitor', status: 'pending' });
    expect($('receipt')?.textContent).toContain('Sending…');

    const id = (send?.payload as { id: string }).id;
    send?.ack({ ok: true, message: storedMessage({ id, author: { kind: 'visitor' }, text: 'line one\nline two' }) });
    await tick();
    expect($$('message')[0]?.dataset.status).toBe('sent');
    expect($('receipt')?.textContent).toContain('Sent');
    expect($('conversation-status')?.textContent).toBe('Waiting for an operator…');
  });

  it('refuses a long paste with the reason, keeps every character, and sends nothing until it is short enough', async () => {
    const { open, $, socket } = await setup();
    await open();
    const input = $<HTMLTextAreaElement>('composer-input')!;
    const long = 'a'.repeat(5200);
    type(input, long);
    await tick();
    expect($('composer-too-long')?.textContent).toBe('This message has 5200 characters; the limit is 5000. Shorten it or send it in parts.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect($<HTMLButtonElement>('composer-send')?.disabled).toBe(true);
    press(input, 'Enter');
    await tick();
    expect(socket.take('message:send')).toEqual([]);
    expect(input.value).toBe(long);
    type(input, 'a'.repeat(5000));
    await tick();
    expect($('composer-too-long')).toBeNull();
  });

  it('renders markup in messages as plain text, links only http, https and mailto', async () => {
    const { open, $$, socket } = await setup();
    await open();
    socket.fire('message:created', storedMessage({ text: '<b>bold</b> see https://my.introserv.com/tickets, javascript:alert(1) or mailto:support@introserv.com.' }));
    await tick();
    const [bubble] = $$('message');
    expect(bubble?.querySelector('.text')?.textContent).toBe('<b>bold</b> see https://my.introserv.com/tickets, javascript:alert(1) or mailto:support@introserv.com.');
    expect(bubble?.querySelector('b')).toBeNull();
    const links = [...(bubble?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://my.introserv.com/tickets', 'mailto:support@introserv.com']);
    expect(links.every((a) => a.getAttribute('rel') === 'noopener noreferrer' && a.target === '_blank')).toBe(true);
  });

  it('groups an operator’s messages under one name and initial, with the time on the last, and separates days', async () => {
    const { open, $$, root, socket } = await setup();
    await open();
    const day = 24 * 3_600_000;
    const base = Date.now() - day;
    socket.fire('message:created', storedMessage({ text: 'yesterday', createdAt: base, cursor: `${base}-0` }));
    socket.fire('message:created', storedMessage({ text: 'one', createdAt: base + day, cursor: `${base + day}-0` }));
    socket.fire('message:created', storedMessage({ text: 'two', createdAt: base + day + 60_000, cursor: `${base + day + 60_000}-0` }));
    await tick();
    expect([...root.querySelectorAll('.day')].map((d) => d.textContent)).toEqual(['Yesterday', 'Today']);
    const [, one, two] = $$('message');
    expect(one?.querySelector('.avatar')?.textContent).toBe('A');
    expect(one?.querySelector('.author')?.textContent).toBe('Ana');
    expect(one?.querySelector('time')).toBeNull();
    expect(two?.querySelector('.avatar')).toBeNull();
    expect(two?.querySelector('time')).not.toBeNull();
  });

  it('isolates an operator’s name and a file name with a right-to-left override in every sentence and label', async () => {
    const RLO = '\u202e';
    const evil = `Ana${RLO}`;
    URL.createObjectURL = vi.fn(() => 'blob:file');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('log'));
    const { open, $, $$, socket } = await setup({ hello: { conversation: { id: 'conv_1', status: 'queued', operator: null } } });
    await open();
    socket.fire('conversation:assigned', { conversationId: 'conv_1', operator: { id: 'op_1', name: evil } });
    await tick();
    expect($('conversation-status')?.textContent).toBe(`\u2068${evil}\u2069 joined the chat`);
    socket.fire('typing:updated', { conversationId: 'conv_1', typing: true, name: evil });
    await tick();
    expect($('operator-typing')?.textContent).toBe(`\u2068${evil}\u2069 is typing…`);
    const file = { id: `f_${'x'.repeat(24)}`, name: `invoice${RLO}gnp.js`, type: 'text/plain', size: 3 };
    socket.fire('message:created', storedMessage({ text: '', author: { kind: 'operator', id: 'op_1', name: evil }, attachments: [file] }));
    // The chip is the files chunk's (loaded on use): wait for it, not for a placeholder before it.
    await vi.waitFor(() => expect($$('attachment')[0]?.getAttribute('aria-label')).toBe(`Download \u2068${file.name}\u2069`));
    expect($$('attachment')).toHaveLength(1);
    expect($$('attachment')[0]?.querySelector('bdi')?.textContent).toBe(file.name);
  });

  it('shows the operator joining, their typing, the place in line while waiting, and a retry button on a failed message', async () => {
    const { open, $, $$, socket } = await setup({ hello: { conversation: { id: 'conv_1', status: 'queued', operator: null } } });
    await open();
    socket.fire('queue:updated', { conversationId: 'conv_1', position: 2, etaSeconds: 300 });
    await tick();
    expect($('queue-position')?.textContent).toBe('Your place in the queue: 2 · Estimated wait: 5 min');
    socket.fire('conversation:assigned', { conversationId: 'conv_1', operator: { id: 'op_1', name: 'Ana' } });
    await tick();
    expect(unisolate($('conversation-status')?.textContent ?? '')).toBe('Ana joined the chat');
    socket.fire('typing:updated', { conversationId: 'conv_1', typing: true, name: 'Ana' });
    await tick();
    expect(unisolate($('operator-typing')?.textContent ?? '')).toBe('Ana is typing…');

    const input = $<HTMLTextAreaElement>('composer-input')!;
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

  it('keeps Tab inside the open panel, closes on Escape and gives focus back to the launcher; counts unread while closed', async () => {
    const { open, chat, $, root, socket, states, launcher } = await setup();
    await open();
    const send = $('composer-send')!;
    send.focus();
    press(send, 'Tab');
    expect(root.activeElement).toBe($('sound-toggle'));
    press($('sound-toggle')!, 'Tab', { shiftKey: true });
    expect(root.activeElement).toBe(send);

    press($('composer-input')!, 'Escape');
    await tick();
    expect($('panel')).toBeNull();
    expect(root.activeElement).toBe(launcher);
    socket.fire('message:created', storedMessage({ text: 'are you there?' }));
    expect(states.at(-1)).toMatchObject({ open: false, unread: 1 });
    chat.toggle();
    await tick();
    expect(states.at(-1)).toMatchObject({ open: true, unread: 0 });
  });

  it('goes on from the unread count kept before a reload, and reports it until the panel opens', async () => {
    const { chat, socket, states } = await setup({ unread: 2 });
    expect(states.at(-1)).toMatchObject({ open: false, unread: 2 });
    socket.fire('message:created', storedMessage({ text: 'still there?' }));
    expect(states.at(-1)).toMatchObject({ open: false, unread: 3 });
    chat.open();
    expect(states.at(-1)).toMatchObject({ open: true, unread: 0 });
  });

  it('tells the page through on(): ready once loaded (also to a late listener), open, close, message and unread; off() stops it', async () => {
    const { chat, socket } = await setup();
    const heard: unknown[][] = [];
    const listener = (name: string) => (data?: unknown) => heard.push([name, data]);
    for (const name of ['ready', 'open', 'close', 'message', 'unread'] as const) chat.on(name, listener(name));
    await tick();
    expect(heard).toEqual([['ready', undefined]]);
    const late = vi.fn();
    chat.on('ready', late);
    expect(late).toHaveBeenCalledTimes(1);

    const reply = storedMessage({ text: 'Hello from Ana' });
    socket.fire('message:created', reply);
    chat.open();
    chat.close();
    expect(heard.slice(1)).toEqual([
      ['unread', { count: 1 }],
      ['message', { id: reply.id, author: 'operator', text: 'Hello from Ana' }],
      ['unread', { count: 0 }],
      ['open', undefined],
      ['close', undefined],
    ]);
    const quiet = vi.fn();
    chat.on('open', quiet);
    chat.off('open', quiet);
    chat.on('open', () => {
      throw new Error('a host page bug');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    chat.open();
    expect(quiet).not.toHaveBeenCalled();
  });

  it('switches language on setLanguage: the panel, the launcher’s name, and the language told to the server', async () => {
    const { chat, open, $, socket, states } = await setup();
    await open();
    chat.setLanguage('de');
    await vi.waitFor(() => expect($('panel')?.getAttribute('lang')).toBe('de'));
    expect($('panel')?.textContent).toContain('INTROSERV-Support');
    expect(states.at(-1)?.label).toBe('Live-Chat');
    expect(socket.take('hello').at(-1)?.payload).toMatchObject({ language: 'de' });
    chat.setLanguage('klingon');
    expect(socket.take('hello')).toEqual([]);
  });

  it('says in the console when identify() is malformed or its hash refused, and the visitor goes on', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { chat, socket } = await setup();
    chat.identify({ userId: '42', hash: 'nope' });
    expect(error).toHaveBeenLastCalledWith(expect.stringContaining('expected { userId, hash'));
    expect(socket.take('hello')).toEqual([]);
    chat.identify({ userId: '42', hash: 'c'.repeat(64) });
    socket.take('hello')[0]?.ack({ ok: true, visitorToken: 'T'.repeat(43), visitorId: 'v_1', conversation: null, messages: [], operatorsOnline: true, identity: 'refused' });
    expect(error).toHaveBeenLastCalledWith(expect.stringMatching(/refused the hash for user "42".*IDENTITY_SECRET/));
  });

  it('asks the pre-chat questions first, checks them with reasons, and sends the answers with the hello', async () => {
    const settings = { preChat: { name: 'required', email: 'optional', department: true } } as const;
    const { open, $, socket } = await setup({ settings });
    await open('prechat-name');
    expect($('composer-input')).toBeNull();
    $<HTMLFormElement>('prechat')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    expect($('prechat')?.textContent).toContain('Please fill this in.');
    type($<HTMLInputElement>('prechat-name')!, 'Ana Kovač');
    type($<HTMLInputElement>('prechat-email')!, 'not-an-address');
    $<HTMLFormElement>('prechat')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    expect($('prechat')?.textContent).toContain('Enter an e-mail address like name@example.com.');
    expect([...$<HTMLSelectElement>('prechat-department')!.options].map((o) => o.textContent)).toEqual(['General questions', 'Technical issues', 'Financial issues']);

    type($<HTMLInputElement>('prechat-email')!, 'ana@example.com');
    const select = $<HTMLSelectElement>('prechat-department')!;
    select.value = 'financial';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    $<HTMLFormElement>('prechat')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await tick();
    expect(socket.take('hello').at(-1)?.payload).toMatchObject({ profile: { name: 'Ana Kovač', email: 'ana@example.com' }, department: 'financial' });
    await vi.waitFor(() => expect($('composer-input')).not.toBeNull());
  });

  it('skips the pre-chat form for a verified visitor, and does not ask for a department the tag names', async () => {
    const verified = await setup({ settings: { preChat: { name: 'required', email: 'off', department: false } }, hello: { identity: 'verified' } });
    await verified.open();
    expect(verified.$('prechat')).toBeNull();
    document.body.replaceChildren();
    const tagged = await setup({ settings: { preChat: { name: 'off', email: 'off', department: true } }, department: 'technical' });
    await tagged.open();
    expect(tagged.$('prechat')).toBeNull();
  });

  it('plays the chime for news while the panel is closed, not while it is open, and not when muted', async () => {
    const { open, chat, socket, $ } = await setup({ hello: { conversation: assigned } });
    socket.fire('message:created', storedMessage({ text: 'one' }));
    expect(chimes.count).toBe(1);
    await open();
    socket.fire('message:created', storedMessage({ text: 'two' }));
    expect(chimes.count).toBe(1);
    $('sound-toggle')?.click();
    await tick();
    expect($('sound-toggle')?.getAttribute('aria-pressed')).toBe('false');
    expect(localStorage.getItem('introserv-chat:introserv:sound-off')).toBe('1');
    chat.close();
    socket.fire('message:created', storedMessage({ text: 'three' }));
    expect(chimes.count).toBe(1);
  });

  it('blinks the page title while a reply is unread and the panel is closed, and restores it on open', async () => {
    const { chat, socket } = await setup({ hello: { conversation: assigned } });
    await vi.waitFor(() => expect(sockets.length).toBeGreaterThan(0));
    // The locale has to be there for the title text.
    await tick();
    vi.useFakeTimers();
    socket.fire('message:created', storedMessage({ text: 'ping' }));
    vi.advanceTimersByTime(1_500);
    expect(document.title).toBe('(1) New message');
    vi.advanceTimersByTime(1_500);
    expect(document.title).toBe('Dedicated servers');
    vi.advanceTimersByTime(1_500);
    chat.open();
    expect(document.title).toBe('Dedicated servers');
    // Let Preact's after-paint effects of the open run before the real timers come back.
    vi.advanceTimersByTime(500);
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

    expect($$('message').map((b) => b.querySelector('.text')?.textContent)).toEqual(['a reply']);
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

  it('asks before ending the chat, then offers the rating and the transcript', async () => {
    const { open, $, socket } = await setup({ hello: { conversation: assigned } });
    await open();
    $('end-chat')?.click();
    await tick();
    expect($('confirm-end')?.textContent).toContain('End this chat?');
    $('confirm-end')?.querySelector<HTMLButtonElement>('.primary')?.click();
    const [close] = socket.take('conversation:close');
    expect(close?.payload).toEqual({ conversationId: 'conv_1' });
    close?.ack({ ok: true, conversation: { ...assigned, status: 'closed' } });
    await vi.waitFor(() => expect($('end-of-chat')).not.toBeNull());
    $('rate-good')?.click();
    const [rate] = socket.take('conversation:rate');
    expect(rate?.payload).toEqual({ conversationId: 'conv_1', value: 'good' });
    expect($('transcript-download')).not.toBeNull();
    expect($('transcript-email')).toBeNull(); // no SMTP on this server
  });

  it('takes files dropped on the panel and screenshots pasted into the field, and lists them before sending', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
    // Uploads that never finish: this test is about taking the files, not the network.
    const sent: string[] = [];
    vi.stubGlobal(
      'XMLHttpRequest',
      class {
        upload = {};
        open(_method: string, url: string) {
          sent.push(url);
        }
        setRequestHeader() {}
        send() {}
      },
    );
    const { open, $, $$ } = await setup();
    await open();
    const dropped = new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' });
    const drop = Object.assign(new Event('drop', { bubbles: true, cancelable: true }), { dataTransfer: { files: [dropped], types: ['Files'] } });
    $('panel')?.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    const pasted = new File([new Uint8Array(8)], 'image.png', { type: 'image/png' });
    const paste = Object.assign(new Event('paste', { bubbles: true, cancelable: true }), { clipboardData: { files: [pasted] } });
    $('composer-input')?.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect($$('pending-file').map((f) => f.querySelector('.draft-name')?.textContent)).toEqual(['invoice.pdf', 'image.png']));
    expect($$('pending-file')[1]?.querySelector('img')?.getAttribute('src')).toBe('blob:preview');
    expect(sent).toEqual(['https://chat.example.com/widget/uploads', 'https://chat.example.com/widget/uploads']);
    vi.unstubAllGlobals();
  });

  it('says when the connection is lost', async () => {
    const { open, $, socket } = await setup();
    await open();
    socket.drop();
    await tick();
    expect($('conversation-status')?.textContent).toBe('Connection lost. Reconnecting…');
  });
});
