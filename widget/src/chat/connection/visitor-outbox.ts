import type { Attachment, VisitorMessageSendResult } from '@introserv/shared/client';
import { Outbox, type OutboxEntry } from '@introserv/shared/client/outbox';
import { request, type AckSocket } from '@introserv/shared/client/request';
import type { KeyValueStore } from '@introserv/shared/client/storage';

/** A message the visitor wrote that the server has not acknowledged yet. */
export interface VisitorOutboxEntry extends OutboxEntry {
  text: string;
  /** Files uploaded before sending; the message carries their ids. */
  attachments?: Attachment[];
}

function isEntry(value: unknown): value is VisitorOutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.text === 'string' && typeof v.createdAt === 'number' && (v.attachments === undefined || Array.isArray(v.attachments));
}

export interface VisitorOutboxOptions {
  socket: AckSocket;
  siteId: string;
  storage: KeyValueStore;
  /** Whether the hello of this connection has been answered: nothing goes before it. */
  ready: () => boolean;
  onDelivered: (result: { ok: true } & VisitorMessageSendResult) => void;
  random?: (() => number) | undefined;
}

/**
 * The visitor's unacknowledged messages, in localStorage so that a reload or a closed tab
 * loses nothing: sent with `message:send` after each hello until acked. A message the server
 * refused for good stays on the page with a retry button, and is not kept past it.
 */
export function visitorOutbox({ socket, siteId, storage, ready, onDelivered, random }: VisitorOutboxOptions): Outbox<VisitorOutboxEntry, VisitorMessageSendResult> {
  return new Outbox<VisitorOutboxEntry, VisitorMessageSendResult>({
    send: (e) => request<VisitorMessageSendResult>(socket, 'message:send', { id: e.id, text: e.text, ...(e.attachments?.length ? { attachments: e.attachments.map((a) => a.id) } : {}) }),
    isConnected: () => ready() && socket.connected,
    onDelivered,
    isEntry,
    storage,
    storageKey: `introserv-chat:${siteId}:outbox`,
    ...(random ? { random } : {}),
  });
}
