import type { Attachment, Message, OperatorMessageSendWithFiles } from '@introserv/shared';
import { newMessageId } from '@introserv/shared/client/message-id';
import { Outbox as KitOutbox, type OutboxEntry, type Pending } from '@introserv/shared/client/outbox';
import type { KeyValueStore } from '@introserv/shared/client/storage';
import type { CommandReply } from './channel.js';

/** An operator message (a reply, with its files, or an internal note) as written. */
export interface OperatorEntry extends OutboxEntry {
  conversationId: string;
  text: string;
  /** Files uploaded before sending; the message carries their ids. */
  attachments?: Attachment[];
  /** An internal note (`note:send`) rather than a reply; absent in items stored by older builds: a reply. */
  kind?: 'text' | 'note';
}

/** An operator message the server has not acked yet: `sending`, `waiting` (goes on the next connect) or `failed` (refused for good). */
export type PendingMessage = Pending<OperatorEntry>;

export interface OutboxOptions {
  /** Sends a reply (`message:send`, with its files) or an internal note (`note:send`); both ack with the stored message. */
  send: (payload: OperatorMessageSendWithFiles, kind: 'text' | 'note') => Promise<CommandReply<'message:send'>>;
  isConnected: () => boolean;
  /** Called with the stored message once the server acks it. */
  onDelivered: (message: Message) => void;
  /** Survives a reload; null in tests or when storage is unavailable. */
  storage?: KeyValueStore | null;
  storageKey?: string;
  makeId?: () => string;
  now?: () => number;
  /** Jitter source of the retry backoff; fixed in tests. */
  random?: () => number;
}

function isEntry(v: unknown): v is OperatorEntry {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.conversationId === 'string' && typeof o.text === 'string' && typeof o.createdAt === 'number';
}

/**
 * The operator's unacked messages, on the client kit's outbox (the widget's too): kept until
 * the server acks them, across reconnects and reloads, failed ones included (with a retry).
 * The id is made here, once, so a resend is the same message and the server stores it once.
 */
export class Outbox {
  private readonly kit: KitOutbox<OperatorEntry, { message: Message }>;
  private readonly makeId: () => string;
  private readonly now: () => number;

  constructor(opts: OutboxOptions) {
    this.makeId = opts.makeId ?? newMessageId;
    this.now = opts.now ?? Date.now;
    this.kit = new KitOutbox<OperatorEntry, { message: Message }>({
      send: (e) => opts.send({ conversationId: e.conversationId, id: e.id, text: e.text, ...(e.attachments?.length ? { attachments: e.attachments.map((a) => a.id) } : {}) }, e.kind ?? 'text'),
      isConnected: opts.isConnected,
      onDelivered: (res) => opts.onDelivered(res.message),
      isEntry,
      storage: opts.storage ?? null,
      ...(opts.storageKey ? { storageKey: opts.storageKey } : {}),
      persistFailed: true,
      ...(opts.random ? { random: opts.random } : {}),
    });
  }

  /** Every pending message, in the order written. */
  get pending(): KitOutbox<OperatorEntry>['pending'] {
    return this.kit.pending;
  }

  forConversation(conversationId: string): PendingMessage[] {
    return this.kit.pending.value.filter((p) => p.conversationId === conversationId);
  }

  /** Queues a message (a reply with its files, or an internal note) and sends it at once when connected. */
  enqueue(conversationId: string, text: string, kind: 'text' | 'note' = 'text', attachments: readonly Attachment[] = []): PendingMessage {
    const entry: OperatorEntry = {
      id: this.makeId(),
      conversationId,
      text,
      createdAt: this.now(),
      ...(attachments.length ? { attachments: [...attachments] } : {}),
      ...(kind === 'note' ? { kind } : {}),
    };
    this.kit.add(entry);
    return this.kit.pending.value.find((p) => p.id === entry.id) ?? { ...entry, state: 'waiting' };
  }

  /** Sends everything that is waiting; call it on every (re)connect. */
  flush(): void {
    this.kit.flush();
  }

  /** Tries a failed message once more, with the same id. */
  retry(id: string): void {
    this.kit.retry(id);
  }

  discard(id: string): void {
    this.kit.discard(id);
  }

  /** The server's `message:created` can beat the ack; either one settles the message. */
  delivered(id: string): void {
    this.kit.delivered(id);
  }

  /** Stops the retry timer (the console is signing out). */
  dispose(): void {
    this.kit.dispose();
  }
}
