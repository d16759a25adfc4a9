import { isolate, LANGUAGES } from '@introserv/shared/client';
import { describe, expect, it } from 'vitest';
import { createTranslate, translator, type WidgetMessages } from './i18n.js';

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('../../../../locales/*/widget.json', { eager: true, import: 'default' });
const byLanguage = new Map(Object.entries(files).map(([path, tree]) => [/locales\/([^/]+)\//.exec(path)?.[1] ?? path, tree]));

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const en = leaves(byLanguage.get('en') ?? {});

describe('locales/*/widget.json', () => {
  it('exists for exactly the supported languages', () => {
    expect([...byLanguage.keys()].sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en, none empty, same placeholders', (lang) => {
    const tree = leaves(byLanguage.get(lang) ?? {});
    expect([...tree.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, value] of tree) {
      expect(value.trim(), key).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(placeholders(value), key).toEqual(placeholders(en.get(key) ?? ''));
    }
  });

  it('fr follows French typography: a narrow no-break space before : ; ? ! and ’ for apostrophes', () => {
    for (const [key, text] of leaves(byLanguage.get('fr') ?? {})) {
      expect(text, key).not.toMatch(/[ \u00a0][:;?!]/);
      expect(text, key).not.toContain("'");
    }
  });

  it('translates with interpolation and without HTML escaping', async () => {
    const t = await createTranslate('tr');
    expect(t('status.joined', { name: isolate("O'Neil") })).toBe("\u2068O'Neil\u2069 sohbete katıldı");
    expect(t('panel.title')).toBe('INTROSERV Destek');
    expect(t('status.queue', { position: 3 })).toBe('Sıradaki yeriniz: 3');
  });

  it('leaves an unknown placeholder visible and reads a missing key as the key, never as nothing', () => {
    const t = translator({ status: { joined: '{{name}} joined {{where}}' } } as unknown as WidgetMessages);
    expect(t('status.joined', { name: isolate('<b>Ana</b>') })).toBe('\u2068<b>Ana</b>\u2069 joined {{where}}');
    expect(t('panel.title')).toBe('panel.title');
  });
});
