import { TIMING } from '@introserv/shared/client';
import { tokenKey, viewKey, type ChatApi, type ChatViewState, type MountFn } from '../embed.js';
import { readConfig } from './config.js';
import { createLauncher } from './launcher.js';
import { createQueuedApi } from './queued-api.js';

export interface BootDeps {
  /** Loads chat.js; injectable so tests need no network. */
  importChunk(url: string): Promise<{ mount: MountFn }>;
  /** Asks the chat server for the widget's settings; injectable for the same reason. */
  fetch(url: string): Promise<Pick<Response, 'ok' | 'status'>>;
}

const defaultDeps: BootDeps = {
  importChunk: (url) => import(/* @vite-ignore */ url) as Promise<{ mount: MountFn }>,
  fetch: (url) => fetch(url),
};

/**
 * Reads a key, or writes it when a value is given. Storage that is blocked (privacy
 * settings) or full reads as empty and forgets writes: the widget then behaves as on a
 * first visit.
 */
function storage(key: string, value?: string): string | null {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {
    // Blocked or full: nothing to read, nothing kept.
  }
  return null;
}

/** The badge and open state the chat last reported; a missing or corrupted record reads as closed and read. */
function readView(key: string): ChatViewState {
  try {
    // A missing record reads as "null", which throws below like a corrupted one. `unread`
    // is whatever was stored: `| 0` turns anything that is not a count into 0.
    const saved = JSON.parse(String(storage(key))) as { open?: unknown; unread: number };
    return { open: saved.open === true, unread: Math.max(0, saved.unread | 0) };
  } catch {
    return { open: false, unread: 0 };
  }
}

/**
 * Exposes `window.IntroservChat` and, once the chat server has confirmed that this page
 * may embed the chat, draws the launcher. A refused origin or a failed request draws
 * nothing: a chat that cannot connect must not appear (the refusal is logged once).
 * Returns the API, or null when the tag lacks `data-site` or the widget already booted.
 */
export function boot(script: HTMLScriptElement, deps: BootDeps = defaultDeps): ChatApi | null {
  const config = readConfig(script, navigator.languages);
  if (!config || window.IntroservChat) return null;
  const { siteId, server } = config;
  const key = viewKey(siteId);
  const view = readView(key);
  const launcher = createLauncher(config);
  // `script.src` reads as an absolute URL, however the tag wrote it.
  const chunkUrl = new URL('chat.js', script.src).href;

  const allowed = deps.fetch(`${server}/widget/settings?site=${encodeURIComponent(siteId)}`).then((res) => {
    if (res.ok) return;
    if (res.status === 403) console.error(`IntroservChat: not shown, ${location.origin} is not in ALLOWED_ORIGINS`);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- loader bytes are budgeted; the rejection only needs to happen, its value is never read
    throw res.status;
  });
  const onState = (state: ChatViewState): void => {
    launcher.render(state);
    storage(key, JSON.stringify(state));
  };
  const { api, preload } = createQueuedApi(async () => {
    await allowed;
    const { mount } = await deps.importChunk(chunkUrl);
    return mount(launcher.root, { ...config, unread: view.unread, launcher: launcher.button, onState });
  });
  launcher.button.addEventListener('click', api.toggle);
  // Set at once, so that a host page's early calls are queued rather than lost.
  window.IntroservChat = api;

  allowed.then(
    () => {
      // Drawn from storage: the badge is right before the chat chunk has loaded.
      launcher.render({ ...view, open: false });
      const attach = (): void => {
        document.body.append(launcher.host);
      };
      // Null while a script in <head> runs, whatever the DOM typings say.
      if (document.body as HTMLElement | null) attach();
      else document.addEventListener('DOMContentLoaded', attach);
      // The panel was open before the reload: open it again at once. A returning visitor
      // is probably mid-conversation: fetch the chunk when the page is idle so that
      // replies arrive (and the badge counts them) before the next click.
      if (view.open) api.open();
      // Safari has no requestIdleCallback, whatever the DOM typings say.
      else if (storage(tokenKey(siteId))) ((window.requestIdleCallback as typeof requestIdleCallback | undefined) ?? ((fn: () => void) => setTimeout(fn, TIMING.idlePreloadFallbackMs)))(preload);
    },
    () => {
      delete window.IntroservChat;
    },
  );
  return api;
}
