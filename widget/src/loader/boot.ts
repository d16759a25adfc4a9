import { TIMING } from '@introserv/shared/client';
import { tokenKey, type ChatApi, type MountFn } from '../embed.js';
import { readConfig } from './config.js';
import { createLauncher } from './launcher.js';
import { createQueuedApi } from './queued-api.js';

export interface BootDeps {
  /** Loads chat.js; injectable so tests need no network. */
  importChunk(url: string): Promise<{ mount: MountFn }>;
}

const defaultDeps: BootDeps = {
  importChunk: (url) => import(/* @vite-ignore */ url) as Promise<{ mount: MountFn }>,
};

function hasConversation(siteId: string): boolean {
  try {
    return !!localStorage.getItem(tokenKey(siteId));
  } catch {
    return false; // storage blocked (privacy settings): behave as a first visit
  }
}

/**
 * Draws the launcher for the given embed tag and exposes `window.IntroservChat`.
 * Returns the API, or null when the tag lacks `data-site` or the widget already booted.
 */
export function boot(script: HTMLScriptElement, deps: BootDeps = defaultDeps): ChatApi | null {
  const config = readConfig(script, navigator.languages?.length ? navigator.languages : [navigator.language]);
  if (!config || window.IntroservChat) return null;
  const launcher = createLauncher(config);
  const chunkUrl = new URL('chat.js', new URL(script.src, location.href)).href;
  const { api, preload } = createQueuedApi(async () => {
    const { mount } = await deps.importChunk(chunkUrl);
    return mount(launcher.root, { ...config, launcher: launcher.button, onState: launcher.render });
  });
  launcher.button.addEventListener('click', api.toggle);
  window.IntroservChat = api;

  const attach = (): void => {
    document.body.append(launcher.host);
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);

  // A returning visitor is probably mid-conversation: fetch the chunk when the page is
  // idle so that replies arrive (and the badge counts them) before the next click.
  if (hasConversation(config.siteId)) {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, TIMING.idlePreloadFallbackMs));
    idle(() => preload());
  }
  return api;
}
