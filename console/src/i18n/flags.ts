import type { Language } from '@introserv/shared';

/** The flag shown beside a chat's language: the country where most of its speakers among INTROSERV's clients are. */
const LANGUAGE_FLAG_COUNTRY: Record<Language, string> = { en: 'GB', ru: 'RU', hr: 'HR', tr: 'TR', de: 'DE', fr: 'FR' };

/** A country's flag as an emoji (two regional indicator letters), or '' for a code that is not two letters. */
export function countryFlag(code: string | null | undefined): string {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return '';
  const upper = code.toUpperCase();
  return String.fromCodePoint(0x1f1e6 + upper.charCodeAt(0) - 65, 0x1f1e6 + upper.charCodeAt(1) - 65);
}

export function languageFlag(lang: Language): string {
  return countryFlag(LANGUAGE_FLAG_COUNTRY[lang]);
}

/** A country's name in the operator's language ("Kroatien" for HR in German); the code when the browser cannot name it. */
export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
