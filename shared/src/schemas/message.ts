import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { ClientMessageId, Cursor, EntityId } from './ids.js';

export const AuthorKind = z.enum(['visitor', 'operator', 'system']);
export type AuthorKind = z.infer<typeof AuthorKind>;

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

/**
 * A stored message, as broadcast in `message:created` and returned by history calls.
 *
 * @example
 * { id: 'b1f0…', conversationId: 'c_8Hq…', cursor: '1700000000000-0',
 *   author: { kind: 'visitor' }, text: 'Hello', createdAt: 1700000000000 }
 */
export const Message = z.object({
  id: ClientMessageId,
  conversationId: EntityId,
  cursor: Cursor,
  author: Author,
  text: z.string(),
  createdAt: z.number().int().nonnegative(),
});
export type Message = z.infer<typeof Message>;
