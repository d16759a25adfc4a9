/** The languages the widget and the console speak; the first is the fallback. */
export const LANGUAGES = ['en', 'ru', 'hr', 'tr', 'de', 'fr'] as const;
type LanguageCode = (typeof LANGUAGES)[number];

/**
 * Picks the best supported language from a list of BCP 47 tags (e.g. `navigator.languages`).
 *
 * @example pickLanguage(['de-AT', 'en']) // 'de'
 */
export function pickLanguage(tags: readonly string[]): LanguageCode {
  for (const tag of tags) {
    const primary = tag.toLowerCase().split('-')[0];
    const found = LANGUAGES.find((l) => l === primary);
    if (found) return found;
  }
  return LANGUAGES[0];
}
