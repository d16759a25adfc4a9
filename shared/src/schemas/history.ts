import { z } from 'zod';
import { Conversation } from './conversation.js';
import { Language } from './language.js';

/** A day as `YYYY-MM-DD` (an `<input type="date">` value), read in UTC. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-12-01');

/**
 * `GET /api/history`: closed conversations, newest first. `q` matches the visitor's name,
 * e-mail and the words of the messages (every word given must match; a name or e-mail
 * also matches by its beginning); `from` and `to` bound the day the chat started (both
 * inclusive); `before` pages on (the `next` of the previous page).
 */
export const HistoryQuery = z.object({
  q: z.string().trim().max(200).optional(),
  from: Day.optional(),
  to: Day.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryPage = z.object({
  conversations: z.array(Conversation),
  /** Pass as `before` for the next page; null on the last one. */
  next: z.number().int().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** `GET /api/history/:id/transcript?format=html|text&lang=…`: the transcript, without internal notes. */
export const HistoryTranscriptQuery = z.object({
  format: z.enum(['html', 'text']).default('html'),
  lang: Language.optional(),
});
export type HistoryTranscriptQuery = z.infer<typeof HistoryTranscriptQuery>;
