import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatApi, MountFn, MountOptions } from '../embed.js';
import { boot } from './boot.js';

function embed(attrs: Record<string, string> = { 'data-site': 'introserv' }): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = 'https://chat.example.com/widget/loader.js';
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  return script;
}

const host = () => document.querySelector('introserv-chat') as HTMLElement | null;
const launcher = () => host()?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="launcher"]') ?? null;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('boot', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.replaceChildren();
    delete window.IntroservChat;
  });
  afterEach(() => vi.useRealTimers());

  it('draws one launcher in an open shadow root that covers nothing else', () => {
    boot(embed({ 'data-site': 'introserv', 'data-lang': 'tr', 'data-z-index': '1234', 'data-position': 'left' }), {
      importChunk: vi.fn(),
    });
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

  it('does nothing without data-site, and boots only once', () => {
    expect(boot(embed({}), { importChunk: vi.fn() })).toBeNull();
    expect(host()).toBeNull();
    expect(boot(embed(), { importChunk: vi.fn() })).not.toBeNull();
    expect(boot(embed(), { importChunk: vi.fn() })).toBeNull();
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
    const api = boot(embed({ 'data-site': 'introserv', 'data-lang': 'de' }), { importChunk });
    expect(window.IntroservChat).toBe(api);

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
    boot(embed(), { importChunk });
    launcher()?.click();
    await flush();
    expect(host()?.shadowRoot?.querySelector('[data-testid="panel"]')).toBeNull();
    expect(launcher()).not.toBeNull();
    launcher()?.click();
    expect(importChunk).toHaveBeenCalledTimes(2);
  });

  it('preloads the chunk at idle only when a conversation token exists', async () => {
    vi.useFakeTimers();
    const importChunk = vi.fn(async () => ({ mount: (): ChatApi => ({ open() {}, close() {}, toggle() {} }) }));
    boot(embed(), { importChunk });
    vi.advanceTimersByTime(5000);
    expect(importChunk).not.toHaveBeenCalled();

    document.body.replaceChildren();
    delete window.IntroservChat;
    localStorage.setItem('introserv-chat:introserv:token', 'x'.repeat(43));
    boot(embed(), { importChunk });
    vi.advanceTimersByTime(5000);
    expect(importChunk).toHaveBeenCalledTimes(1);
  });
});
