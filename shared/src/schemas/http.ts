import { z } from 'zod';
import { Conversation, ConversationStatus } from './conversation.js';
import { Cursor } from './ids.js';
import { Message } from './message.js';
import { Operator, OperatorStatus } from './operator.js';

/** `POST /api/auth/login` */
export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** `POST /api/auth/login` 200 and `GET /api/auth/me` 200. Send `csrfToken` as `x-csrf-token` on every unsafe request. */
export const SessionInfo = z.object({ operator: Operator, csrfToken: z.string(), status: OperatorStatus });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** `GET /api/conversations?status=queued` */
export const ConversationListQuery = z.object({ status: ConversationStatus.optional() });
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const ConversationList = z.object({ conversations: z.array(Conversation) });
export type ConversationList = z.infer<typeof ConversationList>;

/** `GET /api/conversations/:id/messages?since=<cursor>` */
export const MessageListQuery = z.object({ since: Cursor.optional() });
export type MessageListQuery = z.infer<typeof MessageListQuery>;

export const MessageList = z.object({ messages: z.array(Message) });
export type MessageList = z.infer<typeof MessageList>;

/** `GET /readyz` */
export const Readiness = z.object({ ok: z.boolean(), store: z.enum(['memory', 'redis']) });
export type Readiness = z.infer<typeof Readiness>;
