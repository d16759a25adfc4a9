import type { Language } from '@introserv/shared/client';
import type { Translate } from '../i18n/i18n.js';

/** `14:05` (or `2:05 PM`), as the visitor's language writes times. */
export function formatTime(at: number, language: Language): string {
  return new Date(at).toLocaleTimeString(language, { hour: 'numeric', minute: '2-digit' });
}

/** A calendar day in the visitor's time zone, for separators: `2026-12-2`. */
export const dayOf = (at: number): string => {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

/** "Today", "Yesterday", or the date in the visitor's language. */
export function formatDay(at: number, now: number, language: Language, t: Translate): string {
  if (dayOf(at) === dayOf(now)) return t('message.today');
  if (dayOf(at) === dayOf(now - 86_400_000)) return t('message.yesterday');
  return new Date(at).toLocaleDateString(language, { day: 'numeric', month: 'long', ...(new Date(at).getFullYear() === new Date(now).getFullYear() ? {} : { year: 'numeric' }) });
}

/** The first letter of a name, for an operator's avatar. */
export const initial = (name: string): string => (Array.from(name.trim())[0] ?? '?').toLocaleUpperCase();
