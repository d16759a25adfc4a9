import type { ChatApi, ChatMethod } from '../embed.js';

/**
 * The public API before and after the chat chunk arrives: calls made while it loads
 * are queued and replayed in order on the mounted chat. `open`/`toggle` start the load;
 * a lone `close` does not. A failed load drops the queue and allows a later retry.
 */
export function createQueuedApi(load: () => Promise<ChatApi>): { api: ChatApi; preload: () => void } {
  let chat: ChatApi | undefined;
  let loading: Promise<void> | undefined;
  const queue: ChatMethod[] = [];

  const preload = (): void => {
    loading ||= load().then(
      (loaded) => {
        chat = loaded;
        for (const method of queue.splice(0)) loaded[method]();
      },
      () => {
        loading = undefined;
        queue.length = 0;
      },
    );
  };
  const call = (method: ChatMethod) => (): void => {
    if (chat) { chat[method](); return; }
    queue.push(method);
    if (method !== 'close') preload();
  };
  return { api: { open: call('open'), close: call('close'), toggle: call('toggle') }, preload };
}
