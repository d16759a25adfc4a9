import { z } from 'zod';
import { Language } from './language.js';

/** `GET /widget/conversations/:id/transcript?format=text|html&lang=de` (visitor token). */
export const VisitorTranscriptQuery = z.object({ format: z.enum(['text', 'html']).default('text'), lang: Language.optional() });
export type VisitorTranscriptQuery = z.infer<typeof VisitorTranscriptQuery>;

/** `POST /widget/conversations/:id/transcript/email` (visitor token): sends the transcript to `email`. */
export const TranscriptEmail = z.object({ email: z.email().max(254), language: Language });
export type TranscriptEmail = z.infer<typeof TranscriptEmail>;
