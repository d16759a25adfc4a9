import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { ClientMessageId, Cursor, EntityId } from './ids.js';
import { Attachment } from './attachment.js';

export const AuthorKind = z.enum(['visitor', 'operator', 'system']);
export type AuthorKind = z.infer<typeof AuthorKind>;

/**
 * `text`: written by a visitor or an operator. `system`: a structured event (see
 * {@link SystemEvent}) that each client words in its own language. `note`: an operator's
 * internal note, which never reaches the visitor (not live, not in history, not in transcripts).
 */
export const MessageKind = z.enum(['text', 'system', 'note']);
export type MessageKind = z.infer<typeof MessageKind>;

/** Message text as typed: trimmed, non-empty, bounded. */
export const MessageText = z
  .string()
  .trim()
  .min(1, 'message is empty')
  .max(LIMITS.messageTextMax, `message is longer than ${LIMITS.messageTextMax} characters`);

export const Author = z.object({
  kind: AuthorKind,
  /** Operator id for operator messages; absent for visitor and system messages. */
  id: EntityId.optional(),
  /** Display name shown next to operator messages. */
  name: z.string().max(100).optional(),
});
export type Author = z.infer<typeof Author>;

/** An operator as events name them. */
export const OperatorRef = z.object({ id: EntityId, name: z.string().max(100) });
export type OperatorRef = z.infer<typeof OperatorRef>;

/**
 * What happened to a conversation, stored in its history as a `system` message so that
 * both transcripts show it. Clients render each type in their own language; a type a
 * client does not know yet is shown with a generic text, never dropped.
 *
 * @example { type: 'assigned', operator: { id: 'op_1', name: 'Ana' } }
 */
export const SystemEvent = z.discriminatedUnion('type', [
  /** An operator took the conversation (routing gave it, or they accepted it). */
  z.object({ type: z.literal('assigned'), operator: OperatorRef }),
  /** Back in the queue: the operator left (logged out, or gone past the grace period), chose offline, or was disabled. */
  z.object({ type: z.literal('requeued'), reason: z.enum(['operator-left', 'operator-offline', 'operator-disabled']) }),
  z.object({
    type: z.literal('transferred'),
    from: OperatorRef.nullable(),
    /** The operator it went to, or null when it went to a department's queue. */
    to: OperatorRef.nullable(),
    department: z.string().max(100).nullable(),
  }),
  /** `idle`: the visitor was gone for the configured time and the chat closed by itself. */
  z.object({ type: z.literal('closed'), by: z.enum(['operator', 'visitor', 'idle']), operator: OperatorRef.nullable() }),
  z.object({ type: z.literal('reopened'), operator: OperatorRef.nullable() }),
  z.object({
    type: z.literal('ticket-created'),
    ticket: z.object({ number: z.string().max(64), url: z.url({ protocol: /^https?$/ }).nullable() }),
    /** `client`: filed under the visitor's verified Client Area account; `guest`: by name and e-mail. */
    requester: z.enum(['client', 'guest']),
  }),
  /**
   * Operators only (never sent to the visitor): an escalation to a ticket was requested
   * (`pending`, also after a manual retry), gave up (`failed`), or may have reached a help
   * desk without an answer (`unconfirmed`). A created ticket is the `ticket-created` event.
   */
  z.object({
    type: z.literal('escalation'),
    escalationId: EntityId,
    state: z.enum(['pending', 'failed', 'unconfirmed']),
    operator: OperatorRef.nullable(),
    /** Why it failed, in the help desk's words. */
    reason: z.string().max(500).nullable(),
  }),
  /** The conversation started waiting in a department's queue (operators see it in the history; visitors do not). */
  z.object({ type: z.literal('queued'), department: z.string().max(100) }),
]);
export type SystemEvent = z.infer<typeof SystemEvent>;
export type SystemEventType = SystemEvent['type'];

/**
 * A stored message, as broadcast in `message:created` and returned by history calls.
 *
 * @example
 * { id: 'b1f0…', conversationId: 'c_8Hq…', cursor: '1700000000000-0', kind: 'text',
 *   author: { kind: 'visitor' }, text: 'Hello', createdAt: 1700000000000 }
 */
export const Message = z.object({
  id: ClientMessageId,
  conversationId: EntityId,
  cursor: Cursor,
  kind: MessageKind,
  author: Author,
  /** Empty for system messages: their `event` is what clients render. */
  text: z.string(),
  event: SystemEvent.optional(),
  /** Files sent with the message (see Attachment). */
  attachments: z.array(Attachment).max(10).optional(),
  createdAt: z.number().int().nonnegative(),
});
export type Message = z.infer<typeof Message>;
