import type { WireError } from '../errors.js';
import { backoffDelay, isRetryable } from '../retry.js';
import { Signal } from '../signal.js';
import { TIMING } from '../timing.js';
import type { ClientError } from './errors.js';
import type { Reply } from './request.js';
import { safeStringify } from './safe-json.js';
import type { KeyValueStore } from './storage.js';

/** What the outbox keeps of a message: the id the client made (a resend is the same message) and when it was written. */
export interface OutboxEntry {
  id: string;
  createdAt: number;
}

/**
 * `waiting`: goes on the next send (now if connected); `sending`: emitted, its ack not in yet;
 * `failed`: refused for good (`isRetryable` says no), sent again only on `retry`.
 */
export type OutboxState = 'waiting' | 'sending' | 'failed';

/** Where an entry stands, and the last refusal it met. */
export interface Delivery {
  state: OutboxState;
  error?: ClientError | WireError | undefined;
}

export type Pending<E extends OutboxEntry> = E & Delivery;

export interface OutboxOptions<E extends OutboxEntry, R extends object> {
  /** Sends one entry: `request(socket, 'message:send', …)`. */
  send: (entry: E) => Promise<Reply<R>>;
  /** Whether sending makes sense now (connected, and for the widget, its hello answered). */
  isConnected: () => boolean;
  /** Hears the ack of each delivered entry (it is gone from the outbox by then). */
  onDelivered: (result: { ok: true } & R, entry: E) => void;
  /** Whatever was stored is checked with this before it is resent (another build or script may have written it). */
  isEntry: (value: unknown) => value is E;
  /** Survives a reload; absent or null: this page only. */
  storage?: KeyValueStore | null;
  storageKey?: string;
  /** Whether failed entries are kept across a reload too (the console's) or for this page only (the widget's). */
  persistFailed?: boolean;
  /** Jitter source of the retry backoff; fixed in tests. */
  random?: () => number;
}

/**
 * Keeps every message until the server acks it: the client makes the id once, so a resend
 * after a reconnect or a timeout is the same message and the server stores it once. Entries
 * are mirrored to storage, so a reload or a closed tab loses nothing; an error that may heal
 * is retried with backoff while connected, and everything waiting goes on `flush()` (call it
 * on every connect). The widget and the console both send through it.
 *
 * @example
 * const outbox = new Outbox({ send: (e) => request(socket, 'message:send', e), isConnected: () => socket.connected, onDelivered: show, isEntry });
 * socket.on('connect', () => outbox.flush());
 * outbox.add({ id: newMessageId(), text: 'Hello', createdAt: Date.now() });
 */
export class Outbox<E extends OutboxEntry, R extends object = object> {
  /** Every entry not acked yet, in the order written. */
  readonly pending: Signal<readonly Pending<E>[]>;
  private readonly opts: OutboxOptions<E, R>;
  /** Failed attempts in a row while connected; sets the next retry's delay. */
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts `requeue()`s: a reply to a send from before one is ignored (the entry went again). */
  private epoch = 0;

  constructor(opts: OutboxOptions<E, R>) {
    this.opts = opts;
    this.pending = new Signal<readonly Pending<E>[]>(this.load());
  }

  private get items(): readonly Pending<E>[] {
    return this.pending.value;
  }

  has(id: string): boolean {
    return this.items.some((p) => p.id === id);
  }

  /** Queues an entry (once per id) and sends it at once when connected. */
  add(entry: E): void {
    if (this.has(entry.id)) return;
    this.changed([...this.items, { ...entry, state: 'waiting' }]);
    if (this.opts.isConnected()) void this.send(entry.id);
  }

  /** Sends everything that is waiting; call it on every (re)connect. */
  flush(): void {
    if (!this.opts.isConnected()) return;
    for (const item of this.items) if (item.state === 'waiting') void this.send(item.id);
  }

  /** Tries a failed entry once more, with the same id. */
  retry(id: string): void {
    if (!this.has(id)) return;
    this.update(id, { state: 'waiting', error: undefined });
    if (this.opts.isConnected()) void this.send(id);
  }

  discard(id: string): void {
    if (this.has(id)) this.changed(this.items.filter((p) => p.id !== id));
  }

  /** The server's own fact (`message:created`) can beat the ack; either one settles the entry. */
  delivered(id: string): void {
    this.discard(id);
  }

  /**
   * The connection changed under the entries on their way (a drop, or a new hello on the same
   * socket): they wait again, the next `flush()` sends them, and a late reply to the old send is
   * ignored. The retry timer stops; the next connect flushes anyway.
   */
  requeue(): void {
    this.epoch++;
    this.stopRetry();
    if (this.items.some((p) => p.state === 'sending')) this.changed(this.items.map((p) => (p.state === 'sending' ? { ...p, state: 'waiting' } : p)));
  }

  /** Stops the retry timer (the page is signing out or going away). */
  dispose(): void {
    this.stopRetry();
  }

  private async send(id: string): Promise<void> {
    const item = this.items.find((p) => p.id === id);
    if (!item || item.state === 'sending') return;
    const epoch = this.epoch;
    this.update(id, { state: 'sending', error: undefined });
    const entry = entryOf(item);
    const res = await this.opts.send(entry);
    // Delivered or discarded meanwhile, or sent again since: this reply is not the one to act on.
    if (epoch !== this.epoch || this.items.find((p) => p.id === id)?.state !== 'sending') return;
    if (res.ok) {
      this.attempts = 0;
      this.discard(id);
      this.opts.onDelivered(res, entry);
    } else if (!isRetryable(res.error.code)) {
      this.update(id, { state: 'failed', error: res.error });
    } else {
      this.update(id, { state: 'waiting', error: res.error });
      // Still connected (a timeout, a server that cannot take it yet): the next connect may
      // be far away, so try again after a backoff rather than wait for it.
      if (this.opts.isConnected()) this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    const delay = backoffDelay(this.attempts++, { baseMs: TIMING.retryBaseMs, maxMs: TIMING.retryMaxMs }, this.opts.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.flush();
    }, delay);
  }

  private stopRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private update(id: string, patch: Delivery): void {
    this.changed(this.items.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  }

  private changed(next: readonly Pending<E>[]): void {
    this.pending.set(next);
    this.save();
  }

  private load(): Pending<E>[] {
    const { storage, storageKey } = this.opts;
    if (!storage || !storageKey) return [];
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      // Whatever was on its way when the page went away is simply waiting now.
      return parsed.filter(this.opts.isEntry).map((stored): Pending<E> => {
        const item = stored as Pending<E>;
        return item.state === 'failed' && this.opts.persistFailed ? item : { ...entryOf(item), state: 'waiting' };
      });
    } catch {
      return []; // corrupted by hand or by another script: start clean
    }
  }

  private save(): void {
    const { storage, storageKey } = this.opts;
    if (!storage || !storageKey) return;
    // The entries as written; of the state, only a failure (with its reason) outlives the page.
    const kept = this.items.flatMap(({ state, error, ...entry }) => (state !== 'failed' ? [entry] : this.opts.persistFailed ? [{ ...entry, state, error }] : []));
    try {
      // A host page's Array.prototype.toJSON must not turn the stored list into a string.
      if (kept.length) storage.setItem(storageKey, safeStringify(kept));
      else storage.removeItem(storageKey);
    } catch {
      // Quota or privacy mode: the queue in memory still works for this page.
    }
  }
}

/** The entry as written, without the outbox's bookkeeping. */
function entryOf<E extends OutboxEntry>({ state: _state, error: _error, ...entry }: Pending<E>): E {
  // The rest of a `Pending<E>` after its two own fields is exactly E; TS cannot see that through the spread.
  return entry as unknown as E;
}
