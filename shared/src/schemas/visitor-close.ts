import { z } from 'zod';
import { VisitorConversation } from './conversation.js';
import { EntityId } from './ids.js';

/** The visitor ends one of their conversations: named, so a late click never ends a newer one. */
export const VisitorClose = z.object({ conversationId: EntityId });
export type VisitorClose = z.infer<typeof VisitorClose>;

/** `conversation:close` from the visitor: the conversation as it is now (closed). */
export const VisitorConversationResult = z.object({ conversation: VisitorConversation });
export type VisitorConversationResult = z.infer<typeof VisitorConversationResult>;
