import type { Language } from '@introserv/shared/client';

/**
 * The launcher's accessible name, kept here rather than in locales/ so that the loader
 * needs no fetch before it draws. A test keeps it equal to `launcher.label` of each
 * locales/<lang>/widget.json.
 */
export const LAUNCHER_LABELS: Record<Language, string> = {
  en: 'Live Chat',
  ru: 'Живой чат',
  hr: 'Live Chat',
  tr: 'Canlı Sohbet',
  de: 'Live-Chat',
  fr: 'Chat en direct',
};
