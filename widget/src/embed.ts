import type { Language, WidgetSettings } from '@introserv/shared/client';

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
  zIndex: number;
  /** `data-position`, else the server's setting. */
  position: 'left' | 'right';
  /** `data-color` (`#rrggbb`), else the server's setting. */
  color: string;
  /** `data-department`: where a new conversation goes; the pre-chat form then does not ask ('' or absent: it may). */
  department?: string | undefined;
}

/** What the chat chunk reports back, so the loader can keep the launcher in sync. */
export interface ChatViewState {
  open: boolean;
  /** Operator messages that arrived while the panel was closed. */
  unread: number;
  /** The launcher's name in the chat's language now (it changes with `setLanguage`). */
  label: string;
}

/** The chunk mounts closed; the loader then replays the API calls queued while it loaded. */
export interface MountOptions extends WidgetConfig {
  /** The answer to `GET /widget/settings`, asked once by the loader. */
  settings: WidgetSettings;
  /** Receives focus back when the panel closes. */
  launcher: HTMLElement;
  /** Unread replies counted before a reload (kept by the loader): the count goes on from there. */
  unread: number;
  onState: (state: ChatViewState) => void;
}

/** `identify()`: a Client Area user the host page vouches for (see widget/README.md). */
export interface Identity {
  userId: string;
  /**
   * HMAC-SHA256 of `userId + "\0" + (name ?? "") + "\0" + (email ?? "")` under the site's secret,
   * in hex: computed on the host's server, never in the browser. Name and e-mail are shown as
   * verified only because the hash signs them, exactly as passed here.
   */
  hash: string;
  name?: string;
  email?: string;
}

/** What `on()` can listen to; see {@link ChatApi.on}. */
export type ChatEvent = 'ready' | 'open' | 'close' | 'message' | 'unread';

/** The payload of `message` events: a message that arrived (not the visitor's own). */
export interface MessageEvent {
  id: string;
  author: 'operator' | 'system';
  text: string;
}

export type ChatListener = (data?: unknown) => void;

/**
 * The public API, exposed as `window.IntroservChat`.
 *
 * @example
 * IntroservChat.identify({ userId: '42', name: 'Ana Kovač', email: 'ana@example.com', hash: '…' });
 * IntroservChat.on('unread', ({ count }) => updateMyBadge(count));
 * document.querySelector('#help')?.addEventListener('click', () => IntroservChat.open());
 */
export interface ChatApi {
  open(): void;
  close(): void;
  toggle(): void;
  /** en, ru, hr, tr, de or fr; anything else is ignored. */
  setLanguage(language: string): void;
  identify(identity: Identity): void;
  /**
   * `ready` (the chat has loaded: after the first open, or early for a returning visitor),
   * `open`, `close`, `message` ({@link MessageEvent}), `unread` (`{ count }`).
   */
  on(event: ChatEvent, listener: ChatListener): void;
  off(event: ChatEvent, listener: ChatListener): void;
}

export type ChatMethod = keyof ChatApi;

/** The methods, in one list: the loader queues each by name and the chunk answers each. */
export const CHAT_METHODS = ['open', 'close', 'toggle', 'setLanguage', 'identify', 'on', 'off'] as const satisfies readonly ChatMethod[];

/** A call made before the chunk loaded: the method's name and its arguments (an array, or a function's `arguments`). */
export type QueuedCall = [method: string, args: Iterable<unknown>];

/**
 * The pre-load stub a page may define before loader.js runs (see widget/README.md): it
 * records calls in `q`; the loader takes them over and replays them in order.
 */
export type PreloadStub = Partial<ChatApi> & { q?: QueuedCall[] };

/** `export function mount` of chat.js. */
export type MountFn = (root: ShadowRoot, options: MountOptions) => ChatApi;

/** localStorage key of the visitor token; its presence means a conversation may be open. */
export const tokenKey = (siteId: string): string => `introserv-chat:${siteId}:token`;

/** localStorage key of the last {@link ChatViewState}, so that a reload keeps the badge and the open panel. */
export const viewKey = (siteId: string): string => `introserv-chat:${siteId}:view`;

declare global {
  interface Window {
    /** The widget's only global; see {@link ChatApi}. Before loader.js runs, possibly the page's {@link PreloadStub}. */
    IntroservChat?: ChatApi | PreloadStub;
  }
}
