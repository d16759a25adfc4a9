import type { Attachment, Message, OperatorMessageSendWithFiles } from '@introserv/shared';
import { Signal, TIMING, backoffDelay, isRetryable } from '@introserv/shared/client';
import type { ConsoleError } from '../api/errors.js';
import type { CommandReply } from './channel.js';

/** An operator message the server has not acked yet. */
export interface PendingMessage {
  id: string;
  conversationId: string;
  text: string;
  createdAt: number;
  /** Files uploaded before sending; the message carries their ids. */
  attachments?: Attachment[];
  /** `sending`: emitted, waiting for the ack; `waiting`: will go on the next connect; `failed`: refused for good. */
  state: 'sending' | 'waiting' | 'failed';
  error?: ConsoleError;
  /** An internal note (`note:send`) rather than a reply; absent in items stored by older builds: a reply. */
  kind?: 'text' | 'note';
}

export interface OutboxOptions {
  /** Sends a reply (`message:send`, with its files) or an internal note (`note:send`); both ack with the stored message. */
  send: (payload: OperatorMessageSendWithFiles, kind: 'text' | 'note') => Promise<CommandReply<'message:send'>>;
  isConnected: () => boolean;
  /** Called with the stored message once the server acks it. */
  onDelivered: (message: Message) => void;
  /** Survives a reload; null in tests or when storage is unavailable. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  storageKey?: string;
  makeId?: () => string;
  now?: () => number;
  /** Jitter source of the retry backoff; fixed in tests. */
  random?: () => number;
}

/**
 * Keeps every message until the server acks it. The id is made here, once, so a resend
 * after a reconnect is the same message and the server stores it once.
 */
export class Outbox {
  /** Every pending message, in the order written. */
  readonly pending: Signal<readonly PendingMessage[]>;
  private readonly opts: OutboxOptions;
  /** Failed attempts in a row while connected; sets the next retry's delay. */
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: OutboxOptions) {
    this.opts = opts;
    this.pending = new Signal<readonly PendingMessage[]>(this.load());
  }

  private get items(): readonly PendingMessage[] {
    return this.pending.value;
  }

  forConversation(conversationId: string): PendingMessage[] {
    return this.items.filter((p) => p.conversationId === conversationId);
  }

  /** Queues a message (a reply with its files, or an internal note) and sends it at once when connected. */
  enqueue(conversationId: string, text: string, kind: 'text' | 'note' = 'text', attachments: readonly Attachment[] = []): PendingMessage {
    const item: PendingMessage = {
      id: (this.opts.makeId ?? (() => crypto.randomUUID()))(),
      conversationId,
      text,
      createdAt: (this.opts.now ?? Date.now)(),
      ...(attachments.length ? { attachments: [...attachments] } : {}),
      state: 'waiting',
      ...(kind === 'note' ? { kind } : {}),
    };
    this.changed([...this.items, item]);
    if (this.opts.isConnected()) void this.send(item.id);
    return item;
  }

  /** Sends everything that is waiting; call it on every (re)connect. */
  flush(): void {
    for (const item of this.items) if (item.state === 'waiting') void this.send(item.id);
  }

  /** Tries a failed message once more, with the same id. */
  retry(id: string): void {
    this.update(id, { state: 'waiting', error: undefined });
    if (this.opts.isConnected()) void this.send(id);
  }

  discard(id: string): void {
    this.changed(this.items.filter((p) => p.id !== id));
  }

  /** Stops the retry timer (the console is signing out). */
  dispose(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** The server's `message:created` can beat the ack; either one settles the message. */
  delivered(id: string): void {
    if (this.items.some((p) => p.id === id)) this.discard(id);
  }

  private async send(id: string): Promise<void> {
    const item = this.items.find((p) => p.id === id);
    if (!item || item.state === 'sending') return;
    this.update(id, { state: 'sending', error: undefined });
    const files = item.attachments?.length ? { attachments: item.attachments.map((a) => a.id) } : {};
    const res = await this.opts.send({ conversationId: item.conversationId, id: item.id, text: item.text, ...files }, item.kind ?? 'text');
    if (!this.items.some((p) => p.id === id)) return; // delivered or discarded meanwhile
    if (res.ok) {
      this.attempts = 0;
      this.discard(id);
      this.opts.onDelivered(res.message);
    } else if (!isRetryable(res.error.code)) {
      this.update(id, { state: 'failed', error: res.error });
    } else {
      this.update(id, { state: 'waiting', error: res.error });
      // Still connected (a timeout or a transient server error): the next connect may be
      // far away, so try again after a backoff rather than wait for it.
      if (this.opts.isConnected()) this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    const delay = backoffDelay(this.attempts++, { baseMs: TIMING.retryBaseMs, maxMs: TIMING.retryMaxMs }, this.opts.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.opts.isConnected()) this.flush();
    }, delay);
  }

  private update(id: string, patch: Partial<PendingMessage>): void {
    this.changed(this.items.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  }

  private changed(next: readonly PendingMessage[]): void {
    this.pending.set(next);
    this.save();
  }

  private load(): PendingMessage[] {
    const { storage, storageKey } = this.opts;
    if (!storage || !storageKey) return [];
    try {
      const raw = storage.getItem(storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      if (!Array.isArray(parsed)) return [];
      // Whatever was in flight when the page went away is simply waiting now.
      return parsed.filter(isStoredPending).map((p) => ({ ...p, state: p.state === 'failed' ? 'failed' : 'waiting' }));
    } catch {
      return [];
    }
  }

  private save(): void {
    const { storage, storageKey } = this.opts;
    if (!storage || !storageKey) return;
    try {
      if (this.items.length) storage.setItem(storageKey, JSON.stringify(this.items));
      else storage.removeItem(storageKey);
    } catch {
      // Quota or privacy mode: the in-memory queue still works for this tab.
    }
  }
}

function isStoredPending(v: unknown): v is PendingMessage {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.conversationId === 'string' && typeof o.text === 'string' && typeof o.createdAt === 'number';
}
