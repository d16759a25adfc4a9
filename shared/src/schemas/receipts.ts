import { z } from 'zod';
import { Cursor, EntityId } from './ids.js';

/**
 * How far the operator has the visitor's messages: every message at or before `delivered`
 * reached the operator's console, every one at or before `read` was on their screen.
 * Both only move forward; `read` implies `delivered`.
 */
export const Receipts = z.object({ delivered: Cursor.nullable(), read: Cursor.nullable() });
export type Receipts = z.infer<typeof Receipts>;

/** The console tells the server what it received and what the operator has seen. */
export const ReceiptInput = z
  .object({ conversationId: EntityId, delivered: Cursor.optional(), read: Cursor.optional() })
  .refine((r) => r.delivered !== undefined || r.read !== undefined, { error: 'give delivered or read', path: ['delivered'] });
export type ReceiptInput = z.infer<typeof ReceiptInput>;

/** To the visitor, whenever the receipts of their conversation move. */
export const ReceiptsUpdated = Receipts.extend({ conversationId: EntityId });
export type ReceiptsUpdated = z.infer<typeof ReceiptsUpdated>;
