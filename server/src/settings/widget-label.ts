import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from '@introserv/shared';

// The same depth from src/ and from a compiled dist/: the repository's locales/ folder.
const LOCALES = fileURLToPath(new URL('../../../locales/', import.meta.url));

/**
 * The launcher's accessible name in each language, from locales/<lang>/widget.json
 * (`launcher.label`): the settings answer carries it, so the loader needs no table of its own.
 */
export const LAUNCHER_LABELS: Readonly<Record<Language, string>> = Object.fromEntries(
  LANGUAGES.map((lang) => {
    const file = JSON.parse(readFileSync(`${LOCALES}${lang}/widget.json`, 'utf8')) as { launcher?: { label?: string } };
    return [lang, file.launcher?.label ?? 'Live Chat'];
  }),
) as Record<Language, string>;
