import { z } from 'zod';
import { EntityId } from './ids.js';
import { Language } from './language.js';
import { LIMITS } from '../limits.js';

/** A shortcut as operators type it after `/`: lower-case letters, digits and dashes. */
export const CannedShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,31}$/u, 'expected a shortcut like "reboot" (letters, digits, dashes)');

/**
 * A prepared answer an operator inserts with `/shortcut`, in one language. Admins manage
 * them; every operator may use them. A shortcut is unique within its language.
 *
 * @example { id: 'cr_1', shortcut: 'reboot', language: 'en', title: 'Reboot from the Client Area', text: 'You can reboot …' }
 */
export const CannedResponse = z.object({
  id: EntityId,
  shortcut: CannedShortcut,
  language: Language,
  title: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(LIMITS.messageTextMax),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

/** `POST /api/canned` and `PUT /api/canned/:id` (admins). */
export const CannedInput = CannedResponse.omit({ id: true });
export type CannedInput = z.infer<typeof CannedInput>;

/** `GET /api/canned` (every operator): all of them, by language then shortcut. */
export const CannedList = z.object({ responses: z.array(CannedResponse) });
export type CannedList = z.infer<typeof CannedList>;
export const CannedResult = z.object({ response: CannedResponse });
export type CannedResult = z.infer<typeof CannedResult>;
