import i18next from 'i18next';
import { LANGUAGES, type Language } from '@introserv/shared/client';
import type en from '../../../../locales/en/widget.json';

/** The shape every locales/<lang>/widget.json has (en is the reference). */
export type WidgetMessages = typeof en;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key such as `panel.title`; a typo fails the typecheck. */
export type MessageKey = Leaves<WidgetMessages>;
export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/**
 * One lazy loader per language: Vite turns each JSON into its own chunk, so the chat
 * fetches only the language it shows.
 */
const bundles = import.meta.glob<WidgetMessages>('../../../../locales/*/widget.json', { import: 'default' });

export const bundlePath = (language: Language): string => `../../../../locales/${language}/widget.json`;

export async function loadMessages(language: Language): Promise<WidgetMessages> {
  const load = bundles[bundlePath(language)] ?? bundles[bundlePath(LANGUAGES[0])];
  if (!load) throw new Error(`no widget locale for ${language}`);
  return load();
}

/** An i18next instance of its own (the host page may run its own i18next). */
export async function createTranslate(language: Language): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: await loadMessages(language) } },
    // Preact renders text nodes, never HTML, so escaping here would show "&#39;".
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return (key, values) => instance.t(key, values);
}
