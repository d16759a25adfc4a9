import type { WidgetSettings } from '@introserv/shared/client';
import { TIMING } from '@introserv/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatApi, MountFn, MountOptions, PreloadStub } from '../embed.js';
import { boot, type BootDeps } from './boot.js';

const SETTINGS: WidgetSettings = {
  siteId: 'introserv',
  leaveMessageAfterSeconds: 120,
  departments: [{ id: 'general', names: {} }],
  language: 'de',
  label: 'Live-Chat',
  color: '#7b1fa2',
  position: 'left',
  greeting: {},
  preChat: { name: 'off', email: 'off', department: false },
  notice: null,
  transcriptEmail: false,
  uploadMaxBytes: 1024,
};

function embed(attrs: Record<string, string> = { 'data-site': 'introserv' }): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = 'https://chat.example.com/widget/loader.js';
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  return script;
}

const host = () => document.querySelector<HTMLElement>('introserv-chat');
const launcher = () => host()?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="launcher"]') ?? null;
const styles = () => host()?.shadowRoot?.querySelector('style')?.textContent ?? '';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const VIEW_KEY = 'introserv-chat:introserv:view';

/** The server's answer to `GET /widget/settings`: allowed, with SETTINGS, unless told otherwise. */
function settings(answer: { status: number } | Error = { status: 200 }, body: WidgetSettings = SETTINGS): BootDeps['fetch'] & { mock: { calls: unknown[][] } } {
  return vi.fn(async () => {
    if (answer instanceof Error) throw answer;
    return { ok: answer.status >= 200 && answer.status < 300, status: answer.status, json: async () => body };
  });
}

function chatRecording(calls: string[]): ChatApi {
  const r = (name: string) => () => {
    calls.push(name);
  };
  return { open: r('open'), close: r('close'), toggle: r('toggle'), setLanguage: r('setLanguage'), identify: r('identify'), on: r('on'), off: r('off') };
}

/** A chunk whose mount records its options and the calls replayed on it. */
function chunk(calls: string[] = []) {
  const seen: { root?: ShadowRoot; options?: MountOptions } = {};
  const mount: MountFn = (root, options) => {
    seen.root = root;
    seen.options = options;
    return chatRecording(calls);
  };
  return { importChunk: vi.fn(async () => ({ mount })), seen, calls };
}

describe('boot', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.replaceChildren();
    delete window.IntroservChat;
  });
  afterEach(() => vi.useRealTimers());

  it('draws one launcher in an open shadow root, in the colour and on the side the server set, named in its language', async () => {
    boot(embed({ 'data-site': 'introserv', 'data-z-index': '1234' }), { importChunk: vi.fn(), fetch: settings() });
    await flush();
    expect(host()?.shadowRoot?.mode).toBe('open');
    expect(styles()).toContain('z-index:1234!important');
    expect(styles()).toContain('background:#7b1fa2');
    expect(styles()).toContain('left:20px');
    expect(launcher()?.getAttribute('aria-label')).toBe('Live-Chat');
    expect(launcher()?.getAttribute('aria-expanded')).toBe('false');
    // Styles stay inside the shadow root, and the host element takes no room on the page.
    expect(document.head.querySelector('style')).toBeNull();
    expect(host()?.getAttribute('style')).toBeNull();
  });

  it('lets the tag’s data-color and data-position win over the server’s settings', async () => {
    boot(embed({ 'data-site': 'introserv', 'data-color': '#004d40', 'data-position': 'right' }), { importChunk: vi.fn(), fetch: settings() });
    await flush();
    expect(styles()).toContain('background:#004d40');
    expect(styles()).toContain('right:20px');
  });

  it('asks for the settings with the tag’s and the browser’s languages, before drawing anything', async () => {
    const fetch = settings();
    boot(embed({ 'data-site': 'intro serv', 'data-lang': 'hr' }), { importChunk: vi.fn(), fetch });
    expect(host()).toBeNull();
    expect(fetch).toHaveBeenCalledWith(`https://chat.example.com/widget/settings?site=intro%20serv&lang=${encodeURIComponent(['hr', ...navigator.languages].join())}`);
    await flush();
    expect(launcher()).not.toBeNull();
  });

  it('does nothing without data-site, and boots only once', async () => {
    expect(boot(embed({}), { importChunk: vi.fn(), fetch: settings() })).toBeNull();
    expect(host()).toBeNull();
    expect(boot(embed(), { importChunk: vi.fn(), fetch: settings() })).not.toBeNull();
    expect(boot(embed(), { importChunk: vi.fn(), fetch: settings() })).toBeNull();
    await flush();
    expect(document.querySelectorAll('introserv-chat')).toHaveLength(1);
  });

  it('imports chat.js next to the loader on click, mounts with the settings it already has, and replays the call', async () => {
    const { importChunk, seen, calls } = chunk();
    const api = boot(embed({ 'data-site': 'introserv', 'data-department': 'technical' }), { importChunk, fetch: settings() });
    expect(window.IntroservChat).toBe(api);
    await flush();

    launcher()?.click();
    await flush();
    expect(importChunk).toHaveBeenCalledWith('https://chat.example.com/widget/chat.js');
    expect(seen.root).toBe(host()?.shadowRoot);
    expect(seen.options).toMatchObject({ siteId: 'introserv', language: 'de', server: 'https://chat.example.com', color: '#7b1fa2', position: 'left', department: 'technical', settings: SETTINGS, launcher: launcher() });
    expect(calls).toEqual(['toggle']);

    seen.options?.onState({ open: true, unread: 3, label: 'Chat uživo' });
    expect(launcher()?.getAttribute('aria-expanded')).toBe('true');
    expect(launcher()?.getAttribute('aria-label')).toBe('Chat uživo (3)');
  });

  it('takes over the page’s pre-load stub: its calls replay in order, and only an open among them loads the chat', async () => {
    const ready = () => {};
    const stub: PreloadStub = { q: [['on', ['ready', ready]], ['identify', [{ userId: '42', hash: 'h' }]]] };
    window.IntroservChat = stub;
    const { importChunk, calls } = chunk();
    const api = boot(embed(), { importChunk, fetch: settings() });
    expect(api).toBe(stub);
    await flush();
    expect(importChunk).not.toHaveBeenCalled();
    launcher()?.click();
    await flush();
    expect(calls).toEqual(['on', 'identify', 'toggle']);

    document.body.replaceChildren();
    delete window.IntroservChat;
    window.IntroservChat = { q: [['setLanguage', ['fr']], ['open', []]] };
    const second = chunk();
    boot(embed(), { importChunk: second.importChunk, fetch: settings() });
    await flush();
    await flush();
    expect(second.calls).toEqual(['setLanguage', 'open']);
  });

  it('keeps the page usable when the chunk fails to load', async () => {
    const importChunk = vi.fn(async () => {
      throw new Error('404');
    });
    boot(embed(), { importChunk, fetch: settings() });
    await flush();
    launcher()?.click();
    await flush();
    expect(host()?.shadowRoot?.querySelector('[data-testid="panel"]')).toBeNull();
    expect(launcher()).not.toBeNull();
    launcher()?.click();
    await flush();
    expect(importChunk).toHaveBeenCalledTimes(2);
  });

  it('preloads the chunk at idle only when a conversation token exists', async () => {
    vi.useFakeTimers();
    const { importChunk } = chunk();
    boot(embed(), { importChunk, fetch: settings() });
    await vi.advanceTimersByTimeAsync(TIMING.idlePreloadFallbackMs * 2);
    expect(importChunk).not.toHaveBeenCalled();

    document.body.replaceChildren();
    delete window.IntroservChat;
    localStorage.setItem('introserv-chat:introserv:token', 'x'.repeat(43));
    boot(embed(), { importChunk, fetch: settings() });
    await vi.advanceTimersByTimeAsync(TIMING.idlePreloadFallbackMs * 2);
    expect(importChunk).toHaveBeenCalledTimes(1);
  });

  it('draws nothing for a refused origin, and says why in one console error naming the origin and ALLOWED_ORIGINS', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const importChunk = vi.fn();
    const api = boot(embed(), { importChunk, fetch: settings({ status: 403 }) });
    api?.open(); // a host page's early call must not load a chat that cannot work
    await flush();
    await flush();
    expect(host()).toBeNull();
    expect(importChunk).not.toHaveBeenCalled();
    expect(window.IntroservChat).toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    const line = String(error.mock.calls[0]?.[0]);
    expect(line).toContain(location.origin);
    expect(line).toContain('ALLOWED_ORIGINS');
    error.mockRestore();
  });

  it.each([
    ['the request fails', new Error('Failed to fetch')],
    ['the server answers with an error', { status: 503 }],
  ])('draws nothing when %s', async (_name, answer) => {
    const importChunk = vi.fn();
    const api = boot(embed(), { importChunk, fetch: settings(answer) });
    api?.toggle();
    await flush();
    await flush();
    expect(host()).toBeNull();
    expect(importChunk).not.toHaveBeenCalled();
    expect(window.IntroservChat).toBeUndefined();
  });

  it('draws the unread badge kept from before a reload, without loading the chat', async () => {
    localStorage.setItem(VIEW_KEY, JSON.stringify({ open: false, unread: 2 }));
    const importChunk = vi.fn();
    boot(embed(), { importChunk, fetch: settings() });
    await flush();
    expect(launcher()?.getAttribute('aria-label')).toBe('Live-Chat (2)');
    expect(launcher()?.querySelector('span')?.textContent).toBe('2');
    expect(importChunk).not.toHaveBeenCalled();
  });

  it.each([
    ['the panel was open before the reload', () => localStorage.setItem(VIEW_KEY, JSON.stringify({ open: true, unread: 1 })), {}],
    ['the tag says data-open', () => {}, { 'data-open': '' }],
  ])('opens the panel at once when %s', async (_name, before, attrs) => {
    before();
    const { importChunk, calls, seen } = chunk();
    boot(embed({ 'data-site': 'introserv', ...attrs }), { importChunk, fetch: settings() });
    await flush();
    await flush();
    expect(importChunk).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['open']);
    expect(seen.options?.unread).toBe(Object.keys(attrs).length ? 0 : 1);
  });

  it('keeps what the chat reports per site, and ignores a corrupted record', async () => {
    localStorage.setItem(VIEW_KEY, '{broken');
    const { importChunk, seen } = chunk();
    boot(embed(), { importChunk, fetch: settings() });
    await flush();
    expect(launcher()?.getAttribute('aria-label')).toBe('Live-Chat');
    launcher()?.click();
    await flush();
    seen.options?.onState({ open: true, unread: 0, label: 'Live-Chat' });
    expect(JSON.parse(localStorage.getItem(VIEW_KEY) ?? 'null')).toMatchObject({ open: true, unread: 0 });
    seen.options?.onState({ open: false, unread: 3, label: 'Live-Chat' });
    expect(JSON.parse(localStorage.getItem(VIEW_KEY) ?? 'null')).toMatchObject({ open: false, unread: 3 });
    expect(launcher()?.getAttribute('aria-label')).toBe('Live-Chat (3)');
  });
});
