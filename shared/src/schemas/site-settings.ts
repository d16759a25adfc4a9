import { z } from 'zod';
import { NoticeKind, LocalizedText, PreChatSettings, StatusNotice, WidgetColor, WidgetPosition } from './widget-settings.js';
import { LIMITS } from '../limits.js';

/** A browser origin such as `https://introserv.com`; a trailing `/` is dropped, case is folded. */
export const Origin = z
  .string()
  .trim()
  .transform((o) => o.replace(/\/+$/, '').toLowerCase())
  .pipe(z.string().regex(/^https?:\/\/[^/\s?#]+$/, 'expected an origin like https://example.com'));

/**
 * What an admin configures for the widget in the console (`PUT /api/settings`). It reaches
 * visitors through `GET /widget/settings` within a short cache time: no host page changes.
 */
export const SiteSettings = z.object({
  color: WidgetColor,
  position: WidgetPosition,
  greeting: LocalizedText(LIMITS.greetingMax),
  preChat: PreChatSettings,
  leaveMessageAfterSeconds: z.number().int().min(0).max(3600),
  /** Origins that may embed the widget, besides `ALLOWED_ORIGINS` of the server's environment. */
  allowedOrigins: z.array(Origin).max(50),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

/** `GET /api/settings` and the answer of every settings change (admin only). */
export const AdminSettings = z.object({
  settings: SiteSettings,
  notice: StatusNotice.nullable(),
  /** `ALLOWED_ORIGINS` from the environment (read-only here): `*` or the origins. */
  environmentOrigins: z.union([z.literal('*'), z.array(z.string())]),
  /** Whether SMTP is configured, so visitors may have transcripts e-mailed. */
  transcriptEmail: z.boolean(),
  /** Where the widget is served from, for the embed snippet. */
  publicUrl: z.string(),
});
export type AdminSettings = z.infer<typeof AdminSettings>;

/** `PUT /api/settings/notice`: posts (or replaces) the notice; `DELETE` ends it. */
export const NoticeInput = z.object({ kind: NoticeKind, text: StatusNotice.shape.text });
export type NoticeInput = z.infer<typeof NoticeInput>;
