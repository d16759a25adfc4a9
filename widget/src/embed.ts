import type { Language } from '@introserv/shared/client';

/**
 * The agreement between the loader (loader.js) and the chat chunk (chat.js). Both
 * sides import these types, so a change on one side fails the typecheck of the other.
 */

/** What the site owner configured on the `<script>` tag, resolved by the loader. */
export interface WidgetConfig {
  siteId: string;
  language: Language;
  /** Socket.IO origin, e.g. `https://chat.example.com`. */
  server: string;
  position: 'left' | 'right';
  zIndex: number;
}

/** What the chat chunk reports back, so the loader can keep the launcher in sync. */
export interface ChatViewState {
  open: boolean;
  /** Operator messages that arrived while the panel was closed. */
  unread: number;
}

/** The chunk mounts closed; the loader then replays the API calls queued while it loaded. */
export interface MountOptions extends WidgetConfig {
  /** Receives focus back when the panel closes. */
  launcher: HTMLElement;
  /** Unread replies counted before a reload (kept by the loader): the count goes on from there. */
  unread: number;
  onState: (state: ChatViewState) => void;
}

/**
 * The public API, exposed as `window.IntroservChat`.
 *
 * @example
 * document.querySelector('#help')?.addEventListener('click', () => window.IntroservChat?.open());
 */
export interface ChatApi {
  open: () => void;
  close: () => void;
  toggle: () => void;
}

export type ChatMethod = keyof ChatApi;

/** `export function mount` of chat.js. */
export type MountFn = (root: ShadowRoot, options: MountOptions) => ChatApi;

/** localStorage key of the visitor token; its presence means a conversation may be open. */
export const tokenKey = (siteId: string): string => `introserv-chat:${siteId}:token`;

/** localStorage key of the last {@link ChatViewState}, so that a reload keeps the badge and the open panel. */
export const viewKey = (siteId: string): string => `introserv-chat:${siteId}:view`;

declare global {
  interface Window {
    /** The widget's only global; see {@link ChatApi}. */
    IntroservChat?: ChatApi;
  }
}
