import type { ChatEvent, ChatListener } from '../../embed.js';

/**
 * The API's `on` / `off`: listeners per event, each called in a try so that a host page's
 * mistake never breaks the chat. `ready` is remembered: a listener added after it fired
 * is called at once, as one added before.
 */
export class Emitter {
  private readonly listeners = new Map<ChatEvent, Set<ChatListener>>();
  private readied = false;

  on(event: ChatEvent, listener: unknown): void {
    if (typeof listener !== 'function') return;
    const fn = listener as ChatListener;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    if (event === 'ready' && this.readied) call(fn, undefined);
  }

  off(event: ChatEvent, listener: unknown): void {
    this.listeners.get(event)?.delete(listener as ChatListener);
  }

  emit(event: ChatEvent, data?: unknown): void {
    if (event === 'ready') this.readied = true;
    for (const fn of this.listeners.get(event) ?? []) call(fn, data);
  }
}

function call(fn: ChatListener, data: unknown): void {
  try {
    fn(data);
  } catch (err) {
    console.error('IntroservChat: an event listener threw', err);
  }
}
