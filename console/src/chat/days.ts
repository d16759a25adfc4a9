import type { Translate } from '../i18n/i18n.js';

/** The calendar day of an instant in the operator's own time zone, as a sortable key. */
export function dayKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Today", "Yesterday", or the date in the operator's language (with the weekday when it is this week). */
export function dayLabel(ts: number, now: number, t: Translate, lang: string): string {
  const day = dayKey(ts);
  if (day === dayKey(now)) return t('chat.today');
  // The calendar's yesterday, not 24 h ago: a day with a daylight-saving change is 23 or 25 h long.
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === dayKey(yesterday.getTime())) return t('chat.yesterday');
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(ts);
}
