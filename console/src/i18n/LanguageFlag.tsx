import type { Language } from '@introserv/shared';
import type { JSX } from 'preact';
import { LANGUAGE_NAMES } from './i18n.js';

/**
 * A small flag for a chat's language, drawn as SVG: emoji flags are not drawn on Windows
 * or on many Linux desktops, where they show as two letters or empty boxes. The flags are
 * simplified to what is recognisable at 18 × 12 px.
 */
const FLAGS: Record<Language, JSX.Element> = {
  en: (
    <>
      <rect width="18" height="12" fill="#012169" />
      <path d="M0 0L18 12M18 0L0 12" stroke="#fff" stroke-width="2.4" />
      <path d="M0 0L18 12M18 0L0 12" stroke="#C8102E" stroke-width="0.9" />
      <path d="M9 0V12M0 6H18" stroke="#fff" stroke-width="4" />
      <path d="M9 0V12M0 6H18" stroke="#C8102E" stroke-width="2.2" />
    </>
  ),
  ru: (
    <>
      <rect width="18" height="4" fill="#fff" />
      <rect y="4" width="18" height="4" fill="#0039A6" />
      <rect y="8" width="18" height="4" fill="#D52B1E" />
    </>
  ),
  hr: (
    <>
      <rect width="18" height="4" fill="#FF0000" />
      <rect y="4" width="18" height="4" fill="#fff" />
      <rect y="8" width="18" height="4" fill="#171796" />
      <rect x="7" y="3" width="4" height="5" fill="#fff" stroke="#FF0000" stroke-width="0.5" />
      <path d="M7 3h1v1H7zM9 3h1v1H9zM8 4h1v1H8zM10 4h1v1h-1zM7 5h1v1H7zM9 5h1v1H9zM8 6h1v1H8zM10 6h1v1h-1zM7 7h1v1H7zM9 7h1v1H9z" fill="#FF0000" />
    </>
  ),
  tr: (
    <>
      <rect width="18" height="12" fill="#E30A17" />
      <circle cx="6.5" cy="6" r="3" fill="#fff" />
      <circle cx="7.3" cy="6" r="2.4" fill="#E30A17" />
      <path d="M9.6 6l2.6-0.9-1.6 2.2V4.6l1.6 2.3z" fill="#fff" />
    </>
  ),
  de: (
    <>
      <rect width="18" height="4" fill="#000" />
      <rect y="4" width="18" height="4" fill="#DD0000" />
      <rect y="8" width="18" height="4" fill="#FFCE00" />
    </>
  ),
  fr: (
    <>
      <rect width="6" height="12" fill="#0055A4" />
      <rect x="6" width="6" height="12" fill="#fff" />
      <rect x="12" width="6" height="12" fill="#EF4135" />
    </>
  ),
};

export function LanguageFlag({ lang }: { lang: Language }) {
  return (
    <svg class="flag" viewBox="0 0 18 12" width="18" height="12" role="img" aria-label={LANGUAGE_NAMES[lang]}>
      <title>{LANGUAGE_NAMES[lang]}</title>
      {FLAGS[lang]}
    </svg>
  );
}
