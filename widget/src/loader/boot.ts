import { WIDGET_SETTINGS_PATH, type WidgetSettings } from '@introserv/shared/client';
import { tokenKey, viewKey, type ChatApi, type ChatViewState, type MountFn, type PreloadStub } from '../embed.js';
import { readConfig } from './config.js';
import { createLauncher, type Launcher } from './launcher.js';
import { createQueuedApi } from './queued-api.js';

export interface BootDeps {
  /** Loads chat.js; injectable so tests need no network. */
  importChunk(url: string): Promise<{ mount: MountFn }>;
  /** Asks the chat server for the widget's settings; injectable for the same reason. */
  fetch(url: string): Promise<Pick<Response, 'ok' | 'status' | 'json'>>;
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
function readView(key: string): { open: boolean; unread: number } {
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
 * Exposes `window.IntroservChat` (taking over a pre-load stub's queued calls) and, once the
 * chat server has confirmed that this page may embed the chat and sent its settings, draws
 * the launcher in the site's colour and position. A refused origin or a failed request draws
 * nothing: a chat that cannot connect must not appear (the refusal is logged once). Before
 * the first click nothing else is fetched; the chat chunk does everything else.
 * Returns the API, or null when the tag lacks `data-site` or the widget already booted.
 */
export function boot(script: HTMLScriptElement, deps: BootDeps = defaultDeps): ChatApi | null {
  const config = readConfig(script);
  const existing: PreloadStub | undefined = window.IntroservChat;
  // The real API has no queue; a stub (or nothing) does not stop the boot.
  if (!config || (existing && !existing.q)) return null;
  const { siteId, server } = config;
  const key = viewKey(siteId);
  const view = readView(key);
  let launcher: Launcher | undefined;
  // `script.src` reads as an absolute URL, however the tag wrote it.
  const chunkUrl = new URL('chat.js', script.src).href;

  // The server picks the language from the tag's and the browser's choices, and words the launcher in it.
  const languages = encodeURIComponent([config.language, ...navigator.languages].join());
  const settings = deps.fetch(`${server}${WIDGET_SETTINGS_PATH}?site=${encodeURIComponent(siteId)}&lang=${languages}`).then((res) => {
    if (res.ok) return res.json() as Promise<WidgetSettings>;
    if (res.status === 403) console.error(`IntroservChat: ${location.origin} is not in ALLOWED_ORIGINS`);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- loader bytes are budgeted; the rejection only needs to happen, its value is never read
    throw res.status;
  });
  const onState = (state: ChatViewState): void => {
    launcher?.render(state);
    storage(key, JSON.stringify(state));
  };
  // Registered before anything can wait on the settings: the launcher is drawn first.
  const drawn = settings.then((s) => {
    // The tag's choices win over the server's.
    const look = { ...config, language: s.language, position: config.position ?? s.position, color: config.color ?? s.color };
    const l = (launcher = createLauncher(look));
    // Drawn from storage: the badge is right before the chat chunk has loaded.
    l.render({ open: false, unread: view.unread, label: s.label });
    l.button.onclick = () => {
      api.toggle();
    };
    const attach = (): void => {
      document.body.append(l.host);
    };
    // Null while a script in <head> runs, whatever the DOM typings say.
    if (document.body as HTMLElement | null) attach();
    else addEventListener('DOMContentLoaded', attach);
    return { ...look, settings: s, unread: view.unread, launcher: l.button, onState, root: l.root };
  });
  // Replays a pre-load stub's calls at once: an `open` among them starts the load.
  const { api, preload } = createQueuedApi(existing ?? {}, async () => {
    const options = await drawn;
    const { mount } = await deps.importChunk(chunkUrl);
    return mount(options.root, options);
  });
  // Set at once, so that a host page's early calls are queued rather than lost.
  window.IntroservChat = api;

  drawn.then(
    () => {
      // The panel was open before the reload, or the tag asks for it open: load now. A
      // returning visitor is probably mid-conversation: fetch the chunk when the page is
      // idle, so that replies arrive (and the badge counts them) before the next click.
      if (view.open || config.open) api.open();
      // Safari has no requestIdleCallback, whatever the DOM typings say.
      // 1500 ms is TIMING.idlePreloadFallbackMs, written out: the import would cost bytes.
      else if (storage(tokenKey(siteId))) ((window.requestIdleCallback as typeof requestIdleCallback | undefined) ?? ((fn: () => void) => setTimeout(fn, 1500)))(preload);
    },
    () => {
      delete window.IntroservChat;
    },
  );
  return api;
}
