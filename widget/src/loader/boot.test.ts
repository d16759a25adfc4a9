import { TIMING } from '@introserv/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatApi, MountFn, MountOptions } from '../embed.js';
import { boot, type BootDeps } from './boot.js';

function embed(attrs: Record<string, string> = { 'data-site': 'introserv' }): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = 'https://chat.example.com/widget/loader.js';
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  return script;
}

const host = () => document.querySelector<HTMLElement>('introserv-chat');
const launcher = () => host()?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="launcher"]') ?? null;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const VIEW_KEY = 'introserv-chat:introserv:view';

/** The server's answer to `GET /widget/settings`: allowed unless told otherwise. */
function settings(answer: { status: number } | Error = { status: 200 }): BootDeps['fetch'] {
  return vi.fn(async () => {
    if (answer instanceof Error) throw answer;
    return { ok: answer.status >= 200 && answer.status < 300, status: answer.status };
  });
}

function chatRecording(calls: string[]): ChatApi {
  return { open: () => calls.push('open'), close: () => calls.push('close'), toggle: () => calls.push('toggle') };
}

describe('boot', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.replaceChildren();
    delete window.IntroservChat;
  });
  afterEach(() => vi.useRealTimers());

  it('draws one launcher in an open shadow root that covers nothing else', async () => {
    boot(embed({ 'data-site': 'introserv', 'data-lang': 'tr', 'data-z-index': '1234', 'data-position': 'left' }), {
      importChunk: vi.fn(),
      fetch: settings(),
    });
    await flush();
    const el = host();
    expect(el?.shadowRoot?.mode).toBe('open');
    expect(el?.style.zIndex).toBe('1234');
    expect(el?.style.width).toBe('0px');
    expect(el?.dataset.position).toBe('left');
    expect(launcher()?.getAttribute('aria-label')).toBe('Canlı Sohbet');
    expect(launcher()?.getAttribute('aria-expanded')).toBe('false');
    // Styles stay inside the shadow root.
    expect(document.head.querySelector('style')).toBeNull();
  });

  it('does nothing without data-site, and boots only once', async () => {
    expect(boot(embed({}), { importChunk: vi.fn(), fetch: settings() })).toBeNull();
    expect(host()).toBeNull();
    expect(boot(embed(), { importChunk: vi.fn(), fetch: settings() })).not.toBeNull();
    expect(boot(embed(), { importChunk: vi.fn(), fetch: settings() })).toBeNull();
    await flush();
    expect(document.querySelectorAll('introserv-chat')).toHaveLength(1);
  });

  it('imports chat.js next to the loader on click, mounts into the shadow root and replays the call', async () => {
    const calls: string[] = [];
    let received: { root: ShadowRoot; options: MountOptions } | undefined;
    const mount: MountFn = (root, options) => {
      received = { root, options };
      const chat: ChatApi = { open: () => calls.push('open'), close: () => calls.push('close'), toggle: () => calls.push('toggle') };
      return chat;
    };
    const importChunk = vi.fn(async () => ({ mount }));
    const api = boot(embed({ 'data-site': 'introserv', 'data-lang': 'de' }), { importChunk, fetch: settings() });
    expect(window.IntroservChat).toBe(api);
    await flush();

    launcher()?.click();
    await flush();
    expect(importChunk).toHaveBeenCalledWith('https://chat.example.com/widget/chat.js');
    expect(received?.root).toBe(host()?.shadowRoot);
    expect(received?.options).toMatchObject({ siteId: 'introserv', language: 'de', server: 'https://chat.example.com', launcher: launcher() });
    expect(calls).toEqual(['toggle']);

    received?.options.onState({ open: true, unread: 3 });
    expect(launcher()?.getAttribute('aria-expanded')).toBe('true');
    expect(launcher()?.getAttribute('aria-label')).toBe('Live-Chat (3)');
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
    const importChunk = vi.fn(async () => ({ mount: (): ChatApi => ({ open() {}, close() {}, toggle() {} }) }));
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

  it('asks the chat server whether this page may show the chat before drawing anything', async () => {
    const fetch = settings();
    boot(embed({ 'data-site': 'intro serv' }), { importChunk: vi.fn(), fetch });
    expect(host()).toBeNull();
    expect(fetch).toHaveBeenCalledWith('https://chat.example.com/widget/settings?site=intro%20serv');
    await flush();
    expect(launcher()).not.toBeNull();
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
    expect(launcher()?.getAttribute('aria-label')).toBe('Live Chat (2)');
    expect(launcher()?.querySelector('span')?.textContent).toBe('2');
    expect(importChunk).not.toHaveBeenCalled();
  });

  it('re-opens the panel at once when it was open before the reload, with the kept unread count', async () => {
    localStorage.setItem(VIEW_KEY, JSON.stringify({ open: true, unread: 1 }));
    const calls: string[] = [];
    let options: MountOptions | undefined;
    const importChunk = vi.fn(async () => ({
      mount: (_root: ShadowRoot, o: MountOptions) => {
        options = o;
        return chatRecording(calls);
      },
    }));
    boot(embed(), { importChunk, fetch: settings() });
    await flush();
    expect(importChunk).toHaveBeenCalledTimes(1);
    expect(options?.unread).toBe(1);
    expect(calls).toEqual(['open']);
  });

  it('keeps what the chat reports per site, and ignores a corrupted record', async () => {
    localStorage.setItem(VIEW_KEY, '{broken');
    let options: MountOptions | undefined;
    const importChunk = vi.fn(async () => ({
      mount: (_root: ShadowRoot, o: MountOptions) => {
        options = o;
        return chatRecording([]);
      },
    }));
    boot(embed(), { importChunk, fetch: settings() });
    await flush();
    expect(launcher()?.getAttribute('aria-label')).toBe('Live Chat');
    launcher()?.click();
    await flush();
    options?.onState({ open: true, unread: 0 });
    expect(JSON.parse(localStorage.getItem(VIEW_KEY) ?? 'null')).toEqual({ open: true, unread: 0 });
    options?.onState({ open: false, unread: 3 });
    expect(JSON.parse(localStorage.getItem(VIEW_KEY) ?? 'null')).toEqual({ open: false, unread: 3 });
    expect(launcher()?.getAttribute('aria-label')).toBe('Live Chat (3)');
  });
});
