import { z } from 'zod';
import { Language } from './language.js';
import { LIMITS } from '../limits.js';
import { AuthorKind, MessageKind } from './message.js';
import { EntityId } from './ids.js';
import { DepartmentId } from './department.js';
import { Rating, RatingValue } from './rating.js';

export const ConversationStatus = z.enum(['queued', 'assigned', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Where the visitor was when they said hello; shown to operators. */
export const PageInfo = z.object({
  // Only web pages: a `javascript:` or `data:` URL must never reach an operator's screen as a link.
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.pageUrlMax),
  title: z.string().max(LIMITS.pageTitleMax),
});
export type PageInfo = z.infer<typeof PageInfo>;

/** IANA zone such as `Europe/Berlin`; the ticket form later shows times in it. */
export const TimeZone = z.string().min(1).max(64).regex(/^[A-Za-z0-9_+\-/]+$/, 'expected an IANA time zone');

export const OperatorPublic = z.object({ id: EntityId, name: z.string() });
export type OperatorPublic = z.infer<typeof OperatorPublic>;

/** The operator's view of a conversation (list rows, details pane). */
export const Conversation = z.object({
  id: EntityId,
  siteId: z.string(),
  status: ConversationStatus,
  /** The department it belongs to; a waiting conversation sits in that department's queue. */
  department: DepartmentId,
  language: Language,
  visitor: z.object({
    id: EntityId,
    page: PageInfo,
    timeZone: TimeZone,
    /** Whether the visitor has the chat open in some tab now (a reload within the grace period does not count as leaving). */
    online: z.boolean(),
    /** When the visitor last connected or left. */
    seenAt: z.number().int(),
    /** From the pre-chat form (given by the visitor) or a verified `identify()` (signed); null when not given. */
    name: z.string().max(100).nullable(),
    email: z.string().max(254).nullable(),
    /**
     * True only when the host page proved a Client Area account: `identify()` with an
     * HMAC-SHA256 of user id, name and e-mail under the site's secret. Then `name` and `email`
     * are the signed ones (null if not signed); otherwise they are what the visitor typed.
     */
    verified: z.boolean(),
    /** The Client Area user id of a verified visitor. */
    userId: z.string().max(128).nullable(),
    /** The browser's user agent (browser and OS), the client's address and country, from the connection. */
    userAgent: z.string().max(512).nullable(),
    ip: z.string().max(64).nullable(),
    country: z.string().length(2).nullable(),
  }),
  operator: OperatorPublic.nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** The latest text or note (system events do not change it), cut to LIMITS.previewMax characters. */
  lastMessage: z.object({ text: z.string(), authorKind: AuthorKind, kind: MessageKind, at: z.number().int() }).nullable(),
  /** The visitor's rating of the chat, once given (absent or null: not rated). */
  rating: Rating.nullable().optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** What a visitor may see of their own conversation: no other visitor's data, no internals. */
export const VisitorConversation = z.object({
  id: EntityId,
  status: ConversationStatus,
  operator: OperatorPublic.pick({ name: true }).nullable(),
  /** The visitor's own rating, once given. */
  rating: RatingValue.nullable().optional(),
});
export type VisitorConversation = z.infer<typeof VisitorConversation>;

/** Sent to the visitor and to operators when an operator takes a conversation. */
export const ConversationAssigned = z.object({
  conversationId: EntityId,
  operator: OperatorPublic,
});
export type ConversationAssigned = z.infer<typeof ConversationAssigned>;
