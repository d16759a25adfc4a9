import { isolate, LANGUAGES, type Department, type Language } from '@introserv/shared';
import { useState } from 'preact/hooks';
import { useRequest } from '../hooks/use-request.js';
import { departmentName } from '../i18n/department-name.js';
import { errorText } from '../i18n/errorText.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import type { teamApi } from './team-api.js';

/** The departments (built-in and added) and their names per language: admins add and rename them. */
export function Departments({ departments, onChange, api }: { departments: readonly Department[]; onChange: () => Promise<void>; api: ReturnType<typeof teamApi> }) {
  const { t, lang } = useT();
  const [adding, setAdding] = useState<{ id: string; names: Partial<Record<Language, string>> } | null>(null);
  const [renaming, setRenaming] = useState<Department | null>(null);
  const saving = useRequest();
  const error = saving.error;
  const builtIn = ['general', 'technical', 'financial'];
  const clean = (names: Partial<Record<Language, string>>) => Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim() !== '')) as Department['names'];
  const save = async (): Promise<void> => {
    await saving.run(async () => {
      if (adding) await api.addDepartment({ id: adding.id.trim(), names: clean(adding.names) });
      if (renaming) await api.renameDepartment(renaming.id, { names: clean(renaming.names) });
      setAdding(null);
      setRenaming(null);
      await onChange();
    });
  };
  const editing = adding ?? renaming;
  const setNames = (names: Partial<Record<Language, string>>) => (adding ? setAdding({ ...adding, names }) : renaming && setRenaming({ ...renaming, names }));
  return (
    <section class="departments" aria-labelledby="departments-title">
      <h2 id="departments-title">{t('team.departmentsTitle')}</h2>
      <p class="muted">{t('team.departmentsIntro')}</p>
      {error && (
        <p class="alert" role="alert">
          {errorText(t, error.code)}
        </p>
      )}
      <ul class="department-list">
        {departments.map((d) => (
          <li key={d.id} data-testid="department-row">
            <strong>{departmentName(d.id, t, lang, departments)}</strong> <span class="muted mono">{d.id}</span>
            {builtIn.includes(d.id) && <span class="muted"> · {t('team.builtIn')}</span>}{' '}
            <button type="button" class="link" onClick={() => setRenaming({ ...d, names: { ...d.names } })}>
              {t('team.rename')}
            </button>
          </li>
        ))}
      </ul>
      {!editing && (
        <button type="button" class="btn" data-testid="add-department" onClick={() => setAdding({ id: '', names: {} })}>
          {t('team.addDepartment')}
        </button>
      )}
      {editing && (
        <form
          class="card form-grid"
          data-testid="department-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {adding && (
            <label class="field">
              {t('team.departmentId')}
              <input required pattern="[a-z0-9][a-z0-9\-]{0,31}" data-testid="department-id" value={adding.id} onInput={(e) => setAdding({ ...adding, id: e.currentTarget.value })} />
              <span class="muted small">{t('team.departmentIdHint')}</span>
            </label>
          )}
          {LANGUAGES.map((l) => (
            <label key={l} class="field" lang={l}>
              {t('team.nameIn', { language: isolate(LANGUAGE_NAMES[l]) })}
              <input maxLength={60} data-testid={`department-name-${l}`} value={editing.names[l] ?? ''} onInput={(e) => setNames({ ...editing.names, [l]: e.currentTarget.value })} />
            </label>
          ))}
          <div class="form-actions wide">
            <button
              type="button"
              class="btn"
              onClick={() => {
                setAdding(null);
                setRenaming(null);
              }}
            >
              {t('team.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" data-testid="department-save">
              {t('team.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
