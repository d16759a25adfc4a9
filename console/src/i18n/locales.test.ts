import { LANGUAGES } from '@introserv/shared';
import { describe, expect, it } from 'vitest';

// Eager here: the test reads every file; the app itself loads them lazily.
const files = import.meta.glob<{ default: unknown }>('../../../locales/*/console.json', { eager: true });

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    out.set(prefix, value);
    return out;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${prefix}: not a string or object`);
  for (const [k, v] of Object.entries(value)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  return out;
}

function load(lang: string): Map<string, string> {
  const file = files[`../../../locales/${lang}/console.json`];
  if (!file) throw new Error(`locales/${lang}/console.json is missing`);
  return flatten(file.default);
}

const en = load('en');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('console locales', () => {
  it('exist for every supported language and nothing else', () => {
    const langs = Object.keys(files).map((p) => p.split('/').at(-2));
    expect(langs.sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (lang) => {
    const strings = load(lang);
    expect([...strings.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s keeps every placeholder and has no empty string', (lang) => {
    const strings = load(lang);
    for (const [key, text] of en) {
      const translated = strings.get(key) ?? '';
      expect(translated.trim(), `${lang}:${key}`).not.toBe('');
      expect(placeholders(translated), `${lang}:${key}`).toEqual(placeholders(text));
    }
  });

  it('has a text for every error code the console can show', async () => {
    const { ErrorCode } = await import('@introserv/shared');
    const { ClientErrorCode } = await import('../api/errors.js');
    for (const code of [...Object.values(ErrorCode), ...Object.values(ClientErrorCode)]) expect(en.has(`errors.${code}`), code).toBe(true);
  });

  it('fr follows French typography: a narrow no-break space before : ; ? ! and ’ for apostrophes', () => {
    for (const [key, text] of load('fr')) {
      expect(text, key).not.toMatch(/[ \u00a0][:;?!]/);
      expect(text, key).not.toContain("'");
    }
  });
});
