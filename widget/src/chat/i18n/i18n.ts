import { LANGUAGES, type Isolated, type Language } from '@introserv/shared/client';
import type en from '../../../../locales/en/widget.json';

/** The shape every locales/<lang>/widget.json has (en is the reference). */
export type WidgetMessages = typeof en;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key such as `panel.title`; a typo fails the typecheck. */
export type MessageKey = Leaves<WidgetMessages>;
/**
 * Values are numbers or `isolate()`d text: a name or file name inside a sentence is always
 * between FSI and PDI, so its bidi controls cannot reorder the sentence (the typecheck finds a
 * value that is not).
 */
export type Translate = (key: MessageKey, values?: Record<string, number | Isolated>) => string;

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

/**
 * `t(key, values)` over the locale's JSON (i18next's format: nested keys, `{{name}}`
 * placeholders). The widget needs nothing more, and i18next itself weighed 13.8 KB gzip,
 * a third of the chat chunk. Values are inserted as they are: Preact renders text nodes,
 * never HTML, so escaping here would only show "&#39;". A missing key reads as the key.
 */
export function translator(messages: WidgetMessages): Translate {
  return (key, values) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    const text = typeof node === 'string' ? node : key;
    return values ? text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
  };
}

export async function createTranslate(language: Language): Promise<Translate> {
  return translator(await loadMessages(language));
}
