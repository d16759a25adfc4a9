import { CHAT_METHODS, type ChatApi, type PreloadStub, type QueuedCall } from '../embed.js';

/**
 * The public API before and after the chat chunk arrives. Every method is queued by name
 * with its arguments and replayed in order on the mounted chat, so the loader knows no
 * method but by name: the chunk implements them all. `open`/`toggle` start the load; the
 * rest wait for it. A failed load drops the queue and allows a later retry.
 *
 * `target` is the page's pre-load stub (`window.IntroservChat = { q: [] }`, see
 * widget/README.md) or a new object: its recorded calls come first, and the page's
 * references to it stay good, since the methods are put on that same object.
 */
export function createQueuedApi(target: PreloadStub, load: () => Promise<ChatApi>): { api: ChatApi; preload: () => void } {
  let chat: ChatApi | undefined;
  let loading: Promise<void> | undefined;
  const queue: QueuedCall[] = [];
  const stub = target.q;
  delete target.q;

  const preload = (): void => {
    loading ||= load().then(
      (loaded) => {
        chat = loaded;
        for (const [method, args] of queue.splice(0)) (loaded[method as keyof ChatApi] as (...a: unknown[]) => void)(...(args as unknown[]));
      },
      () => {
        loading = undefined;
        queue.length = 0;
      },
    );
  };
  for (const method of CHAT_METHODS) {
    target[method] = (...args: unknown[]): void => {
      if (chat) (chat[method] as (...a: unknown[]) => void)(...args);
      else {
        queue.push([method, args]);
        if (method === 'open' || method === 'toggle') preload();
      }
    };
  }
  // The stub's calls go through the methods like any other: an `open` among them starts the load.
  if (Array.isArray(stub)) {
    for (const [method, args] of stub) {
      // A stub may have recorded anything: only known methods are replayed.
      if ((CHAT_METHODS as readonly string[]).includes(method)) (target[method as keyof ChatApi] as (...a: unknown[]) => void)(...args);
    }
  }
  return { api: target as ChatApi, preload };
}
