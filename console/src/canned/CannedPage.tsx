import { isolate, LANGUAGES, type CannedInput, type CannedResponse, type Language } from '@introserv/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRequest } from '../hooks/use-request.js';
import type { PageProps } from '../workspace/page-props.js';
import { errorText } from '../i18n/errorText.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { cannedApi } from './canned-api.js';

const blank = (language: Language): CannedInput => ({ shortcut: '', language, title: '', text: '' });

/** Canned responses per language: everyone reads them here; admins add, change and delete. */
export function CannedPage({ api, session }: PageProps) {
  const { t, lang } = useT();
  const canned = useMemo(() => cannedApi(api.client), [api]);
  const admin = session.operator.role === 'admin';
  const [list, setList] = useState<CannedResponse[] | null>(null);
  const [draft, setDraft] = useState<(CannedInput & { id?: string }) | null>(null);
  const [filter, setFilter] = useState<Language | ''>('');
  const request = useRequest();
  const error = request.error;
  const reload = async (): Promise<void> => {
    const res = await request.run(() => canned.list());
    if (res.ok) setList(res.value);
  };
  useEffect(() => {
    void reload();
  }, []);
  const save = async (): Promise<void> => {
    if (!draft) return;
    const { id, ...body } = draft;
    const res = await request.run(() => (id ? canned.update(id, body) : canned.create(body)));
    if (!res.ok) return;
    setDraft(null);
    await reload();
  };
  const remove = async (r: CannedResponse): Promise<void> => {
    if (!confirm(t('canned.confirmDelete', { shortcut: isolate(r.shortcut) }))) return;
    const res = await request.run(() => canned.remove(r.id));
    if (res.ok) await reload();
  };
  const shown = (list ?? []).filter((r) => !filter || r.language === filter);
  return (
    <main class="page canned-page" data-testid="canned-page">
      <h1>{t('canned.title')}</h1>
      <p class="muted page-intro">{t('canned.intro')}</p>
      {!admin && <p class="muted">{t('canned.adminsOnly')}</p>}
      {error && (
        <p class="alert" role="alert" data-testid="canned-error" data-code={error.code}>
          {errorText(t, error.code)}
        </p>
      )}
      <div class="page-actions">
        <label class="field inline">
          {t('canned.language')}
          <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as Language | '')}>
            <option value="">—</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        {admin && !draft && (
          <button type="button" class="btn btn-primary" data-testid="add-canned" onClick={() => setDraft(blank(lang))}>
            {t('canned.add')}
          </button>
        )}
      </div>
      {draft && (
        <form
          class="card form-grid"
          data-testid="canned-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="field">
            {t('canned.shortcut')}
            <span class="with-prefix">
              <span aria-hidden="true">/</span>
              <input required maxLength={32} pattern="[^\s/]+" data-testid="canned-shortcut" value={draft.shortcut} onInput={(e) => setDraft({ ...draft, shortcut: e.currentTarget.value })} />
            </span>
          </label>
          <label class="field">
            {t('canned.language')}
            <select data-testid="canned-language" value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.currentTarget.value as Language })}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label class="field wide">
            {t('canned.name')}
            <input required maxLength={100} data-testid="canned-title" value={draft.title} onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
          </label>
          <label class="field wide">
            {t('canned.text')}
            <textarea required rows={5} maxLength={5000} data-testid="canned-text" value={draft.text} onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })} />
          </label>
          <div class="form-actions wide">
            <button type="button" class="btn" onClick={() => setDraft(null)}>
              {t('canned.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" data-testid="canned-save">
              {t('canned.save')}
            </button>
          </div>
        </form>
      )}
      {list && shown.length === 0 && <p class="muted">{t('canned.empty')}</p>}
      <ul class="canned-list">
        {shown.map((r) => (
          <li key={r.id} class="card" data-testid="canned-row">
            <div class="canned-row-head">
              <span class="canned-shortcut">
                /<bdi>{r.shortcut}</bdi>
              </span>{' '}
              <strong>
                <bdi>{r.title}</bdi>
              </strong>{' '}
              <span class="lang-tag">{LANGUAGE_NAMES[r.language]}</span>
              {admin && (
                <span class="row-actions">
                  <button type="button" class="btn btn-small" onClick={() => setDraft({ id: r.id, shortcut: r.shortcut, language: r.language, title: r.title, text: r.text })}>
                    {t('canned.edit')}
                  </button>
                  <button type="button" class="btn btn-small btn-danger" onClick={() => void remove(r)}>
                    {t('canned.delete')}
                  </button>
                </span>
              )}
            </div>
            <p class="canned-body">{r.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
