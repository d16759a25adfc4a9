import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { EntityId } from './ids.js';

/**
 * Typing indicators: relayed to the other side of the conversation at once, never stored.
 * Clients throttle them (a few per second at most); the server's `typing` rate class caps them.
 */

/**
 * The visitor is typing (or stopped). `text` is the end of the draft, for the operator's
 * live preview: it is what the visitor has typed so far, not a message.
 */
export const VisitorTyping = z.object({ typing: z.boolean(), text: z.string().max(LIMITS.typingPreviewMax).default('') });
export type VisitorTyping = z.infer<typeof VisitorTyping>;

/** An operator is typing (or stopped) in a conversation they have. */
export const OperatorTyping = z.object({ conversationId: EntityId, typing: z.boolean() });
export type OperatorTyping = z.infer<typeof OperatorTyping>;

/** To the visitor: the operator's indicator. */
export const OperatorTypingUpdated = z.object({ conversationId: EntityId, typing: z.boolean(), name: z.string().max(100) });
export type OperatorTypingUpdated = z.infer<typeof OperatorTypingUpdated>;

/** To the operators in the conversation: the visitor's indicator and draft. */
export const VisitorTypingUpdated = z.object({ conversationId: EntityId, typing: z.boolean(), text: z.string() });
export type VisitorTypingUpdated = z.infer<typeof VisitorTypingUpdated>;
