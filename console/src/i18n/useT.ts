import type { Language } from '@introserv/shared';
import { useEffect, useState } from 'preact/hooks';
import { i18n, translate, type Translate } from './i18n.js';

/** The console's typed `t`; the component re-renders when the language changes. */
export function useT(): { t: Translate; lang: Language } {
  const [lang, setLang] = useState(i18n.language as Language);
  useEffect(() => {
    const onChange = (next: string): void => setLang(next as Language);
    i18n.on('languageChanged', onChange);
    // The language may have changed between render and effect.
    if (i18n.language !== lang) setLang(i18n.language as Language);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return { t: translate, lang };
}
