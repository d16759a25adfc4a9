import { z } from 'zod';
import { contrastRatio, MIN_CONTRAST_ON_WHITE } from '../contrast.js';
import { LIMITS } from '../limits.js';
import { Department } from './department.js';
import { Language } from './language.js';

/**
 * `GET /widget/settings?site=<id>&lang=<tags>`: what the loader asks before it draws
 * anything. The server answers only origins in `ALLOWED_ORIGINS` or the admin's allowed
 * origins; a refused origin gets 403 `ORIGIN_NOT_ALLOWED`, and the loader then draws nothing.
 * `lang` is the tag's `data-lang` and the browser's languages, comma-separated, best first
 * (`de,de-AT,en`): the server picks the widget's language from it (answered as `language`).
 */
export const WidgetSettingsQuery = z.object({
  site: z.string().regex(/^[a-z0-9_-]{1,64}$/i),
  lang: z
    .string()
    .max(300)
    .regex(/^[\w,-]*$/, 'expected language tags separated by commas')
    .optional(),
});
export type WidgetSettingsQuery = z.infer<typeof WidgetSettingsQuery>;

/** `#rrggbb`, stored lower-case. */
export const HexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #0b57d0')
  .transform((c) => c.toLowerCase());

/** The widget's colour: white text and icons sit on it, so it must reach WCAG AA (4.5:1) against white. */
export const WidgetColor = HexColor.refine((c) => contrastRatio(c, '#ffffff') >= MIN_CONTRAST_ON_WHITE, {
  error: `white text on this colour is below WCAG AA (${MIN_CONTRAST_ON_WHITE}:1); choose a darker colour`,
});

export const WidgetPosition = z.enum(['left', 'right']);
export type WidgetPosition = z.infer<typeof WidgetPosition>;

/** A text an admin writes once per language; languages left out fall back (visitor's → en → any). */
export const LocalizedText = (max: number) => z.partialRecord(Language, z.string().trim().min(1).max(max));
export type LocalizedText = Partial<Record<Language, string>>;

/** `off`: not asked; `optional`: asked, may stay empty; `required`: must be given to start a chat. */
export const PreChatField = z.enum(['off', 'optional', 'required']);
export type PreChatField = z.infer<typeof PreChatField>;

/** The pre-chat form: which questions come before the first message. All off: no form. */
export const PreChatSettings = z.object({ name: PreChatField, email: PreChatField, department: z.boolean() });
export type PreChatSettings = z.infer<typeof PreChatSettings>;

export const NoticeKind = z.enum(['maintenance', 'outage']);
export type NoticeKind = z.infer<typeof NoticeKind>;

/**
 * A service-status notice shown at the top of the widget's panel, in the visitor's language.
 *
 * @example { kind: 'maintenance', text: { en: 'Planned maintenance of the Frankfurt network tonight 01:00–03:00 CET.' }, postedAt: 1700000000000 }
 */
export const StatusNotice = z.object({
  kind: NoticeKind,
  text: LocalizedText(LIMITS.noticeMax).refine((t) => Object.keys(t).length > 0, 'write the notice in at least one language'),
  postedAt: z.number().int().nonnegative(),
});
export type StatusNotice = z.infer<typeof StatusNotice>;

export const WidgetSettings = z.object({
  siteId: z.string(),
  /** How long a visitor waits for an operator before the widget offers to leave a message instead. */
  leaveMessageAfterSeconds: z.number().int().min(0).max(3600),
  /** The departments a visitor may choose, in order. */
  departments: z.array(Department),
  /** The language picked from `lang` (en when none of them is spoken). */
  language: Language,
  /** The launcher's accessible name in that language. */
  label: z.string(),
  color: HexColor,
  position: WidgetPosition,
  /** The panel's first line before a conversation, per language; empty: the built-in greeting. */
  greeting: LocalizedText(LIMITS.greetingMax),
  preChat: PreChatSettings,
  /** The service-status notice now posted, if any. */
  notice: StatusNotice.nullable(),
  /** Whether the visitor may have the transcript e-mailed (the server has SMTP). */
  transcriptEmail: z.boolean(),
  /** The largest file the server takes, in bytes. */
  uploadMaxBytes: z.number().int().positive(),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;
