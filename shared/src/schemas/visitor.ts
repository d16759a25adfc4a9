import { z } from 'zod';
import { Language } from './language.js';
import { PageInfo, TimeZone, VisitorConversation } from './conversation.js';
import { ClientMessageId, Cursor, EntityId } from './ids.js';
import { DepartmentId } from './department.js';
import { Message } from './message.js';
import { hasContent, MessageAttachmentIds, MessageBody } from './message-send.js';
import { Receipts } from './receipts.js';

/** The pre-chat form's answers. */
export const VisitorProfileInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).optional(),
});
export type VisitorProfileInput = z.infer<typeof VisitorProfileInput>;

/** NUL separates the signed fields (see `VisitorIdentity`), so no field may contain it. */
const noNul = (s: string): boolean => !s.includes('\u0000');

/**
 * `identify({ userId, name, email, hash })` from the host page, where `hash` is
 * HMAC-SHA256(userId + NUL + name + NUL + email) under the site's secret (IDENTITY_SECRET), in
 * hex, an absent name or e-mail as the empty string (widget/README.md). The fields are taken
 * exactly as given (not trimmed), since they are what was signed. A wrong hash is refused (the
 * visitor stays unverified); nothing unsigned is ever shown as verified.
 */
export const VisitorIdentity = z.object({
  userId: z.string().min(1).max(128).refine(noNul, 'NUL is not allowed'),
  name: z.string().min(1).max(100).refine(noNul, 'NUL is not allowed').optional(),
  email: z.email().max(254).optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/i, 'expected a hex HMAC-SHA256'),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

/** A visitor token: 43 url-safe characters (32 random bytes). Grants access to one visitor's conversations only. */
export const VisitorToken = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'malformed visitor token');

/**
 * First event on every (re)connection of the widget.
 *
 * @example
 * { siteId: 'introserv', visitorToken: null, language: 'de',
 *   page: { url: 'https://introserv.com/', title: 'Dedicated servers' }, timeZone: 'Europe/Berlin' }
 */
export const VisitorHello = z.object({
  siteId: z.string().regex(/^[a-z0-9_-]{1,64}$/i, 'expected a site id of 1-64 url-safe characters'),
  /** null on the first visit; the token from an earlier hello afterwards. */
  visitorToken: VisitorToken.nullable(),
  language: Language,
  page: PageInfo,
  timeZone: TimeZone,
  /** The last cursor the widget has; only messages after it come back. */
  since: Cursor.optional(),
  /** The department a new conversation goes to (`data-department` or the pre-chat form); unknown ones fall back to the default. */
  department: DepartmentId.optional(),
  /** What the visitor typed in the pre-chat form: shown to operators, never trusted as an identity. */
  profile: VisitorProfileInput.optional(),
  /** `IntroservChat.identify(…)`: a Client Area user the host page vouches for with an HMAC. */
  identity: VisitorIdentity.optional(),
});
export type VisitorHello = z.infer<typeof VisitorHello>;

export const VisitorHelloResult = z.object({
  /** Unchanged when the hello carried a valid token; a fresh one otherwise (keep it). */
  visitorToken: VisitorToken,
  visitorId: EntityId,
  conversation: VisitorConversation.nullable(),
  messages: z.array(Message),
  /** Whether an operator can take a new chat now: when not, the widget offers to leave a message. */
  operatorsOnline: z.boolean(),
  /** The outcome of `identity`: null when none was sent. */
  identity: z.enum(['verified', 'refused']).nullable(),
  /** How far the operator has received and read the conversation's messages. */
  receipts: Receipts.optional(),
});
export type VisitorHelloResult = z.infer<typeof VisitorHelloResult>;

/**
 * The visitor writes, optionally with files uploaded first (`POST /widget/uploads`). The
 * first message opens a conversation and queues it. Text past the limit is refused, never cut.
 */
export const VisitorMessageSend = z
  .object({ id: ClientMessageId, text: MessageBody, attachments: MessageAttachmentIds.optional() })
  .refine(hasContent, { error: 'message is empty', path: ['text'] });
export type VisitorMessageSend = z.infer<typeof VisitorMessageSend>;

export const MessageSendResult = z.object({ message: Message });
export type MessageSendResult = z.infer<typeof MessageSendResult>;

/**
 * The visitor's send: the stored message, and the conversation as it stands after it (a
 * first message may have been given to an operator at once, before this socket was in the
 * room that heard it).
 */
export const VisitorMessageSendResult = MessageSendResult.extend({ conversation: VisitorConversation.optional() });
export type VisitorMessageSendResult = z.infer<typeof VisitorMessageSendResult>;
