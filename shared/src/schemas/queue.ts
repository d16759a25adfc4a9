import { z } from 'zod';
import { EntityId } from './ids.js';

/**
 * A waiting visitor's place in their department's queue (1 = next), and an estimate of the
 * wait: the place divided by the rate at which that queue was served lately (see
 * server/src/waiting/). Null when there is too little recent history to estimate.
 */
export const QueueUpdated = z.object({
  conversationId: EntityId,
  position: z.number().int().min(1),
  etaSeconds: z.number().int().nonnegative().nullable(),
});
export type QueueUpdated = z.infer<typeof QueueUpdated>;
