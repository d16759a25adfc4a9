import { LANGUAGES, pickLanguage, type Isolated, type Language } from '@introserv/shared';
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import en from '../../../locales/en/console.json';

/** The shape every locales/<lang>/console.json has (en is the reference). */
export type ConsoleMessages = typeof en;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key such as `chat.accept`; a typo fails the typecheck. */
export type ConsoleKey = Leaves<ConsoleMessages>;

/**
 * `t` of the console: only keys of locales/en/console.json, with `{{placeholders}}` filled from
 * `values`: numbers or `isolate()`d text, so a name or file name inside a sentence is always
 * between FSI and PDI and its bidi controls cannot reorder the sentence (the typecheck finds a
 * value that is not).
 */
export type Translate = (key: ConsoleKey, values?: Record<string, number | Isolated>) => string;

/** Language names as their speakers write them: the same in every UI language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  hr: 'Hrvatski',
  tr: 'Türkçe',
  de: 'Deutsch',
  fr: 'Français',
};

const STORAGE_KEY = 'introserv.console.language';

// English ships in the main chunk (it is the fallback); the others are small chunks
// fetched when chosen.
const loaders = import.meta.glob<{ default: Resource[string][string] }>([
  '../../../locales/*/console.json',
  '!../../../locales/en/console.json',
]);

function loaderFor(lang: Language): (() => Promise<{ default: Resource[string][string] }>) | undefined {
  return loaders[`../../../locales/${lang}/console.json`];
}

export const i18n: I18n = i18next.createInstance();

/** Translates in the current language (components use `useT`, which also re-renders on a change). */
export const translate: Translate = (key, values) => i18n.t(key, values);

/** The operator's saved choice, else the best match of the browser's languages. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  const fromBrowser = typeof navigator === 'undefined' ? [] : (navigator.languages as readonly string[] | undefined) ?? [navigator.language];
  return pickLanguage(saved ? [saved, ...fromBrowser] : fromBrowser);
}

/** Initializes i18next with English bundled; resolves once `lang` is loaded too. */
export async function initI18n(lang: Language = 'en'): Promise<I18n> {
  if (!i18n.isInitialized) {
    await i18n.init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: ['console'],
      defaultNS: 'console',
      resources: { en: { console: en } },
      // Preact renders strings as text, so i18next must not HTML-escape them a second time.
      interpolation: { escapeValue: false },
      returnNull: false,
      // No console banner in the operators' devtools or in test output.
      showSupportNotice: false,
    });
  }
  await setLanguage(lang, null);
  return i18n;
}

/** Loads a language's strings if needed, switches to it and remembers the choice. */
export async function setLanguage(lang: Language, storage: Pick<Storage, 'setItem'> | null = safeStorage()): Promise<void> {
  if (!i18n.hasResourceBundle(lang, 'console')) {
    const load = loaderFor(lang);
    if (load) i18n.addResourceBundle(lang, 'console', (await load()).default);
  }
  await i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
