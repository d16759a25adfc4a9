/**
 * One tab of the browser leads: it plays the sound and shows the notification, so several
 * open tabs (each with its socket, each hearing every message) make one noise, not one each.
 * The Web Locks API elects it: one tab holds the lock until it closes, then the next one
 * waiting gets it. Without the API (older browsers, plain-http pages), tabs claim each event
 * in localStorage instead: the first to claim an id acts on it; without storage every tab leads.
 * https://developer.mozilla.org/docs/Web/API/Web_Locks_API
 *
 * @example
 * const leader = new TabLeader('introserv-chat:site:sound', { storage: localStorage });
 * if (leader.claim(message.id)) chime();
 */
export class TabLeader {
  private leading = false;
  private readonly locks: LockManager | undefined;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;

  constructor(
    private readonly name: string,
    options: {
      storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
      // Missing in older browsers and on insecure (http) pages, whatever the DOM typings say.
      locks?: LockManager | undefined;
    } = {},
  ) {
    this.storage = options.storage ?? null;
    this.locks = 'locks' in options ? options.locks : typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
    // Held until the tab goes: the promise given to the lock never settles.
    this.locks
      ?.request(name, () => {
        this.leading = true;
        return new Promise<never>(() => {});
      })
      .catch(() => {});
  }

  /** Whether this tab should act on the event `id` (a message id, or a conversation's change). */
  claim(id: string): boolean {
    if (this.locks) return this.leading;
    if (!this.storage) return true;
    try {
      if (this.storage.getItem(this.name) === id) return false;
      this.storage.setItem(this.name, id);
      return true;
    } catch {
      return true;
    }
  }
}
