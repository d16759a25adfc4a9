import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Language } from '@introserv/shared';
import type en from '../../../locales/en/transcript.json';

/** The strings of locales/<lang>/transcript.json; en is the reference shape. */
export type TranscriptStrings = typeof en;

// The same depth from src/ and from a compiled dist/: the repository's locales/ folder.
const LOCALES = fileURLToPath(new URL('../../../locales/', import.meta.url));
const cache = new Map<Language, TranscriptStrings>();

/** Read once per language, from the files the translators maintain. */
export function transcriptStrings(language: Language): TranscriptStrings {
  let strings = cache.get(language);
  if (!strings) {
    strings = JSON.parse(readFileSync(`${LOCALES}${language}/transcript.json`, 'utf8')) as TranscriptStrings;
    cache.set(language, strings);
  }
  return strings;
}

/** Fills `{{name}}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
