/** Locale-aware formatting through Intl, so no unit or date words live in the JSON files. */

export function formatTime(ts: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(ts);
}

export function formatDateTime(ts: number, lang: string, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ts);
  } catch {
    // An IANA zone this browser does not know: fall back to the operator's own zone.
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(ts);
  }
}

/** A short wait such as "45 s", "3 min" or "2 h" in the given language. */
export function formatDuration(ms: number, lang: string): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [value, unit] =
    seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [Math.floor(seconds / 60), 'minute'] : [Math.floor(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}
