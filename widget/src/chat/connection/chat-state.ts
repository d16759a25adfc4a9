import {
  compareCursor,
  type Attachment,
  type Author,
  type Message,
  type MessageKind,
  type QueueUpdated,
  type Receipts,
  type SystemEvent,
  type SystemEventType,
  type VisitorConversation,
} from '@introserv/shared/client';
import type { Pending } from '@introserv/shared/client/outbox';
import type { VisitorOutboxEntry } from './visitor-outbox.js';

/** `pending`: on its way (shown as "Sending…"); then stored, delivered to the operator's console, read there. */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message as the panel shows it: stored ones, then the visitor's unacknowledged ones. */
export interface ChatMessage {
  id: string;
  kind: MessageKind;
  author: Author;
  text: string;
  /** What a `system` message says happened; the panel words it in the visitor's language. */
  event?: SystemEvent;
  attachments?: Attachment[];
  createdAt: number;
  status: MessageStatus;
}

/** What the visitor told the pre-chat form; kept, so the form is asked once. */
export interface Profile {
  name?: string;
  email?: string;
  department?: string;
}

export interface ChatState {
  /** `online` once the hello of the current connection has been acknowledged. */
  connection: 'connecting' | 'online' | 'offline';
  conversation: VisitorConversation | null;
  messages: readonly ChatMessage[];
  /** Operator replies, and the system events that matter, that arrived while the panel was hidden. */
  unread: number;
  /** From the last hello: whether an operator could take a new chat now (null until known); the leave-a-message form uses it. */
  operatorsOnline: boolean | null;
  /** The outcome of `identify()`: verified visitors skip the pre-chat form. */
  identity: 'verified' | 'refused' | null;
  /** The name of the operator typing now, or null. */
  operatorTyping: string | null;
  /** While the conversation waits: its place in line and the estimated wait. */
  queue: QueueUpdated | null;
  /** The pre-chat answers, once given (or null). */
  profile: Profile | null;
}

/**
 * System events that count as unread, like a reply: someone joined, the chat ended, a
 * ticket now carries the request. Requeue, transfer and reopen are bookkeeping that the
 * next reply makes plain; a badge for them would call the visitor back for nothing.
 */
const NEWSWORTHY: ReadonlySet<SystemEventType> = new Set<SystemEventType>(['assigned', 'closed', 'ticket-created']);

export function isNews(m: Message): boolean {
  if (m.author.kind === 'visitor') return false;
  // An older server sends no kind: its messages are text.
  if (m.kind !== 'system') return true;
  return m.event !== undefined && NEWSWORTHY.has(m.event.type);
}

function statusOf(m: Message, { read, delivered }: Receipts): MessageStatus {
  if (m.author.kind !== 'visitor') return 'sent';
  if (read && compareCursor(m.cursor, read) <= 0) return 'read';
  if (delivered && compareCursor(m.cursor, delivered) <= 0) return 'delivered';
  return 'sent';
}

/** What the panel lists: the stored messages in cursor order, then the visitor's own not acked yet (or refused), oldest first. */
export function chatMessages(stored: readonly Message[], outbox: readonly Pending<VisitorOutboxEntry>[], receipts: Receipts): ChatMessage[] {
  const sent = stored.map(
    (m): ChatMessage => ({
      id: m.id,
      kind: m.kind === 'system' ? 'system' : 'text',
      author: m.author,
      text: m.text,
      ...(m.event ? { event: m.event } : {}),
      ...(m.attachments?.length ? { attachments: m.attachments } : {}),
      createdAt: m.createdAt,
      status: statusOf(m, receipts),
    }),
  );
  const local = outbox.map(
    (e): ChatMessage => ({
      id: e.id,
      kind: 'text',
      author: { kind: 'visitor' },
      text: e.text,
      ...(e.attachments?.length ? { attachments: e.attachments } : {}),
      createdAt: e.createdAt,
      status: e.state === 'failed' ? 'failed' : 'pending',
    }),
  );
  return [...sent, ...local.sort((a, b) => a.createdAt - b.createdAt)];
}
