import { BUILT_IN_DEPARTMENTS, type Department, type Language } from '@introserv/shared';
import type { Translate } from './i18n.js';

/**
 * A department's name in the operator's language: the one an admin set for that language,
 * else the locale's name of a built-in department, else the English one an admin set, else the id.
 */
export function departmentName(id: string, t: Translate, lang: Language, known: readonly Department[] = []): string {
  const names = known.find((d) => d.id === id)?.names ?? {};
  const builtIn = (BUILT_IN_DEPARTMENTS as readonly string[]).includes(id) ? t(`departments.${id as (typeof BUILT_IN_DEPARTMENTS)[number]}`) : undefined;
  return names[lang] ?? builtIn ?? names.en ?? id;
}
