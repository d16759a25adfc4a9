import { z } from 'zod';
import { Language } from './language.js';
import { PageInfo, TimeZone, VisitorConversation } from './conversation.js';
import { ClientMessageId, Cursor, EntityId } from './ids.js';
import { Message, MessageText } from './message.js';

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
});
export type VisitorHello = z.infer<typeof VisitorHello>;

export const VisitorHelloResult = z.object({
  /** Unchanged when the hello carried a valid token; a fresh one otherwise (keep it). */
  visitorToken: VisitorToken,
  visitorId: EntityId,
  conversation: VisitorConversation.nullable(),
  messages: z.array(Message),
});
export type VisitorHelloResult = z.infer<typeof VisitorHelloResult>;

/** The visitor writes. The first message opens a conversation and queues it. */
export const VisitorMessageSend = z.object({ id: ClientMessageId, text: MessageText });
export type VisitorMessageSend = z.infer<typeof VisitorMessageSend>;

export const MessageSendResult = z.object({ message: Message });
export type MessageSendResult = z.infer<typeof MessageSendResult>;
