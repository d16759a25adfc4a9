import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { EntityId } from './ids.js';

export const RatingValue = z.enum(['good', 'bad']);
export type RatingValue = z.infer<typeof RatingValue>;

/** The visitor's verdict on a chat, shown to operators. */
export const Rating = z.object({ value: RatingValue, comment: z.string().max(LIMITS.ratingCommentMax).nullable(), at: z.number().int() });
export type Rating = z.infer<typeof Rating>;

/** The visitor rates one of their conversations (again: the last rating counts). */
export const ConversationRate = z.object({
  conversationId: EntityId,
  value: RatingValue,
  comment: z.string().trim().max(LIMITS.ratingCommentMax).optional(),
});
export type ConversationRate = z.infer<typeof ConversationRate>;
