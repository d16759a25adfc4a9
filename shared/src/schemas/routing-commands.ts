import { z } from 'zod';
import { DepartmentId } from './department.js';
import { EntityId } from './ids.js';
import { MessageText } from './message.js';

/**
 * `conversation:transfer`: hand a chat to a colleague who is online, or to a department's
 * queue, with an optional note for whoever takes it (stored as an internal note: the visitor
 * never sees it). The visitor sees a `transferred` event.
 *
 * @example { conversationId: 'c_1', to: { type: 'operator', operatorId: 'op_2' }, note: 'Asked for the invoice #123456' }
 */
export const ConversationTransfer = z.object({
  conversationId: EntityId,
  to: z.discriminatedUnion('type', [
    z.object({ type: z.literal('operator'), operatorId: EntityId }),
    z.object({ type: z.literal('department'), department: DepartmentId }),
  ]),
  note: MessageText.optional(),
});
export type ConversationTransfer = z.infer<typeof ConversationTransfer>;
