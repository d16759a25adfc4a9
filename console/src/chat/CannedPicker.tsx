import type { CannedResponse, Language } from '@introserv/shared';
import { useEffect, useRef } from 'preact/hooks';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';

/** How many canned responses the picker shows at once. */
const SHOWN = 8;

/**
 * Canned responses matching what the operator typed after `/`: shortcuts that start with it
 * first, then titles and texts with a word that starts with it; the chat's language before
 * the others.
 */
export function searchCanned(all: readonly CannedResponse[], query: string, language: Language): CannedResponse[] {
  const q = query.trim().toLowerCase();
  const wordStart = new RegExp(`(?:^|[^\\p{L}\\p{N}])${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu');
  const rank = (r: CannedResponse): number => {
    const lang = r.language === language ? 0 : 10;
    if (!q) return lang;
    if (r.shortcut.startsWith(q)) return lang;
    if (wordStart.test(r.title)) return lang + 1;
    if (wordStart.test(r.text)) return lang + 2;
    return -1;
  };
  return all
    .map((r) => ({ r, rank: rank(r) }))
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.r.shortcut.localeCompare(b.r.shortcut))
    .slice(0, SHOWN)
    .map((x) => x.r);
}

export interface CannedPickerProps {
  matches: readonly CannedResponse[];
  active: number;
  language: Language;
  /** Opened with Alt+/: its own search field (null when the operator types `/…` in the message box). */
  query: string | null;
  onQuery: (query: string) => void;
  onKey: (e: KeyboardEvent) => boolean;
  onChoose: (response: CannedResponse) => void;
  onHover: (index: number) => void;
}

export function CannedPicker({ matches, active, language, query, onQuery, onKey, onChoose, onHover }: CannedPickerProps) {
  const { t } = useT();
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (query !== null) search.current?.focus();
  }, [query === null]);
  const activeId = matches[active] ? `canned-${matches[active].id}` : undefined;
  return (
    <div class="canned-picker" data-testid="canned-picker">
      <p class="canned-heading">{t('composer.cannedLabel')}</p>
      {query !== null && (
        <input
          ref={search}
          type="search"
          class="canned-search"
          data-testid="canned-search"
          value={query}
          aria-label={t('composer.cannedLabel')}
          aria-controls="canned-picker"
          aria-activedescendant={activeId}
          onInput={(e) => onQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            onKey(e);
          }}
        />
      )}
      {matches.length === 0 ? (
        <p class="muted canned-none">{t('composer.cannedNone')}</p>
      ) : (
        <ul id="canned-picker" role="listbox" aria-label={t('composer.cannedLabel')}>
          {matches.map((r, i) => (
            <li
              key={r.id}
              id={`canned-${r.id}`}
              role="option"
              aria-selected={i === active}
              class={`canned-option${i === active ? ' active' : ''}`}
              data-testid="canned-option"
              onMouseDown={(e) => {
                // Keeps the focus in the message box.
                e.preventDefault();
                onChoose(r);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span class="canned-shortcut">
                /<bdi>{r.shortcut}</bdi>
              </span>{' '}
              <span class="canned-title">
                <bdi>{r.title}</bdi>
              </span>
              {r.language !== language && (
                <span class="lang-tag" title={t('composer.cannedOtherLanguage')}>
                  {LANGUAGE_NAMES[r.language]}
                </span>
              )}
              <span class="canned-text">
                <bdi>{r.text}</bdi>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
