import { z } from 'zod';
import { Conversation, PageInfo } from './conversation.js';
import { EntityId } from './ids.js';

/**
 * `GET /api/visitors/:id`: what the console's visitor panel shows beside the conversation:
 * who they are, the pages of this visit (newest first) and their earlier conversations.
 */
export const VisitorPanel = z.object({
  visitor: z.object({
    id: EntityId,
    name: z.string().nullable(),
    email: z.string().nullable(),
    verified: z.boolean(),
    userId: z.string().nullable(),
  }),
  pages: z.array(PageInfo.extend({ at: z.number().int() })),
  /** Newest first; includes the current one. */
  conversations: z.array(Conversation),
});
export type VisitorPanel = z.infer<typeof VisitorPanel>;
